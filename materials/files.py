"""Untrusted files: checked and read in a child process with limits (materials.sandbox).

The child gets a memory limit (RLIMIT_AS) and a CPU limit (RLIMIT_CPU), both set by the
child on itself before it reads anything, and a wall-clock timeout from here. A file
that breaks any of them ends that child, never the web process or the worker that
started it, and is refused with a translated message.
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "unsupported": _(
        "This file type is not accepted. Upload a PDF, Word (DOCX), OpenDocument text "
        "(ODT), Excel (XLSX) or PowerPoint (PPTX) file, or a PNG or JPEG picture."
    ),
    "html": _(
        "This file is a web page (HTML), whatever its name says. Save the page as a PDF "
        "and upload that instead."
    ),
    "encrypted": _(
        "The file is protected with a password or encrypted. Save a copy without the "
        "protection and upload that."
    ),
    "truncated": _(
        "The file is incomplete: it ends too early. Download or save it again and upload "
        "the whole file."
    ),
    "malformed": _("The file is damaged and cannot be read. Save it again and upload the copy."),
    "bomb": _(
        "The file unpacks to far more data than its size suggests, so it is refused for safety."
    ),
    "too_many_pages": _("The file has too many pages (at most %(pages)s)."),
    "too_large": _("The file is too large (at most %(size)s MB)."),
    "too_complex": _(
        "Reading the file took too long or needed too much memory. Try a smaller or "
        "simpler file, for example split into parts."
    ),
    "empty": _("The file is empty."),
}


def rejection(code: str) -> ValidationError:
    """The translated error of a refused file, on the form's file field."""
    params = {
        "pages": settings.SAKKE_MATERIALS_MAX_PAGES,
        "size": settings.SAKKE_MATERIALS_MAX_BYTES // (1024 * 1024),
    }
    message = MESSAGES.get(code, MESSAGES["malformed"])
    return ValidationError({"file": ValidationError(message, code=code, params=params)})


@dataclass
class Inspection:
    file_type: str
    pages: int
    size: int
    sha256: str
    tagged: bool | None = None
    active: bool = False


@dataclass
class Extracted:
    texts: list[str] = field(default_factory=list)
    tagged: bool | None = None
    active: bool = False
    thumbnail: bytes | None = None
    #: The text was recognised from pictures of the pages (a scan), not read.
    ocr: bool = False


def run_sandbox(*args: str, seconds: float | None = None) -> dict:
    """Run materials.sandbox with the limits of settings; a dict, or ValidationError."""
    seconds = seconds or settings.SAKKE_MATERIALS_EXTRACT_SECONDS
    memory = settings.SAKKE_MATERIALS_EXTRACT_MEMORY_MB * 1024 * 1024
    try:
        done = subprocess.run(
            [sys.executable, "-m", "materials.sandbox", *args],
            capture_output=True,
            timeout=seconds,
            cwd=settings.BASE_DIR,
            # The child sets these limits on itself before it opens the file (not with
            # preexec_fn, which is unsafe in a threaded web server).
            env={
                "PATH": os.environ.get("PATH", ""),
                "PYTHONPATH": str(settings.BASE_DIR),
                "SAKKE_SANDBOX_MEMORY": str(memory),
                "SAKKE_SANDBOX_CPU_SECONDS": str(int(seconds) + 1),
                "SAKKE_SANDBOX_OCR_PAGES": str(settings.SAKKE_MATERIALS_OCR_PAGES),
            },
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise rejection("too_complex") from error
    try:
        result = json.loads(done.stdout)
    except ValueError as error:
        # Killed by a limit (or crashed in the parser): nothing usable came out.
        raise rejection("too_complex") from error
    if not result.get("ok"):
        raise rejection(result.get("error", "malformed"))
    return result


@contextmanager
def local_copy(chunks) -> Iterator[tuple[Path, int, str]]:
    """The chunks in a temporary file: (path, size, SHA-256); refused past the size limit."""
    limit = settings.SAKKE_MATERIALS_MAX_BYTES
    digest, size = hashlib.sha256(), 0
    with tempfile.TemporaryDirectory(prefix="sakke-material-") as folder:
        path = Path(folder) / "upload"
        with open(path, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise rejection("too_large")
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise rejection("empty")
        yield path, size, digest.hexdigest()


def inspect_upload(upload) -> Inspection:
    """Check an uploaded file (a Django File): its type by content, size and pages."""
    if upload.size is not None and upload.size > settings.SAKKE_MATERIALS_MAX_BYTES:
        raise rejection("too_large")
    upload.seek(0)
    with local_copy(upload.chunks()) as (path, size, sha256):
        found = run_sandbox(
            "inspect",
            str(path),
            str(settings.SAKKE_MATERIALS_MAX_PAGES),
            seconds=settings.SAKKE_MATERIALS_INSPECT_SECONDS,
        )
    upload.seek(0)
    return Inspection(
        file_type=found["type"],
        pages=found["pages"],
        size=size,
        sha256=sha256,
        tagged=found.get("tagged"),
        active=bool(found.get("active")),
    )


def extract_file(stored) -> Extracted:
    """The text of each page of a stored file (opened from storage) and its thumbnail."""
    with local_copy(stored.chunks()) as (path, _size, _sha256):
        thumbnail = path.with_name("thumbnail.png")
        found = run_sandbox("extract", str(path), str(thumbnail))
        picture = thumbnail.read_bytes() if thumbnail.exists() else None
    return Extracted(
        texts=[text.replace("\x00", "") for text in found["texts"]],
        tagged=found.get("tagged"),
        active=bool(found.get("active")),
        thumbnail=picture,
        ocr=bool(found.get("ocr")),
    )
