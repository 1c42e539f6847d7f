"""Uploaded pictures: checked by what the file contains, shrunk, re-encoded without metadata.

The file's name and the browser's content type are not trusted. Re-encoding drops
EXIF (camera, GPS position), XMP and comments, and anything hidden after the image.
In core because association logos (selfservice) and news pictures share it.
"""

import io
import secrets
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4000  # pixels, checked from the header before anything is decoded
LOGO_SIDE = 800
PICTURE_SIDE = 1600
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class PreparedImage(ContentFile):
    """An image that has passed `prepare_picture`: safe to store as it is."""


def _open(data: bytes) -> Image.Image:
    """Open and verify the image, refusing decompression bombs and unknown formats."""
    unreadable = ValidationError(
        _("The file is not a picture we can read. Please choose a JPEG, PNG or WebP picture."),
        code="invalid_image",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE:
                raise ValidationError(
                    _(
                        "The picture is too large (%(width)s × %(height)s pixels). "
                        "At most %(max)s × %(max)s pixels, please."
                    )
                    % {"width": width, "height": height, "max": MAX_SIDE},
                    code="too_many_pixels",
                )
            image.verify()
            # verify() leaves the image unusable; open it again to decode it.
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            image.load()
        except ValidationError:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
            OSError,
            SyntaxError,
            ValueError,
        ) as error:
            raise unreadable from error
    return image


def prepare_logo(upload) -> PreparedImage:
    """The uploaded logo, checked, at most LOGO_SIDE pixels a side and without metadata."""
    return prepare_picture(upload, side=LOGO_SIDE, prefix="logo")


def prepare_picture(upload, *, side: int = PICTURE_SIDE, prefix: str = "image") -> PreparedImage:
    """An uploaded picture (an event's, say), checked, at most `side` pixels a side and
    without metadata."""
    if isinstance(upload, PreparedImage):
        return upload
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The picture is too big (%(size)s). At most %(max)s, please.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_BYTES)},
            code="file_too_big",
        )
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    image = _open(data)
    source_format = image.format
    # Turn the picture the way the camera meant before the orientation tag is dropped.
    image = ImageOps.exif_transpose(image)
    image.thumbnail((side, side))
    if source_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    image.info = {}  # no EXIF, XMP, ICC or comments carried over
    output = io.BytesIO()
    options = {"optimize": True}
    if source_format in ("JPEG", "WEBP"):
        options["quality"] = 85
    image.save(output, format=source_format, **options)
    name = f"{prefix}-{secrets.token_hex(8)}.{FORMATS[source_format]}"
    return PreparedImage(output.getvalue(), name=name)
