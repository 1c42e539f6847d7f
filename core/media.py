"""Uploaded files, served from the storage backend so that `make run` and production agree.

Uploads are pictures we re-encoded (core.images), but a file is never trusted to be
what its name says: only the picture types are shown inline, anything else is a
download, the browser may not guess another type, and a sandbox policy keeps even a
picture opened on its own from running anything.
"""

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


@require_safe
def media(request, path: str):
    """One uploaded file by its storage name, or 404."""
    try:
        if not path or not default_storage.exists(path):
            raise Http404
        file = default_storage.open(path, "rb")
    except (SuspiciousFileOperation, OSError, ValueError) as error:
        raise Http404 from error
    content_type, _encoding = mimetypes.guess_type(path)
    inline = content_type in INLINE_TYPES
    response = FileResponse(
        file,
        as_attachment=not inline,
        filename=path.rpartition("/")[2],
        content_type=content_type if inline else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = POLICY
    response["Cache-Control"] = "public, max-age=3600"
    return response
