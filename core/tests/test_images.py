import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import MAX_BYTES, prepare_logo


def picture(fmt="PNG", size=(120, 80), **save_options) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, "#0b4a7d").save(output, fmt, **save_options)
    return output.getvalue()


def camera_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0131] = "Secret software"  # Software
    return exif.tobytes()


def test_a_png_named_jpg_is_accepted_by_its_content():
    prepared = prepare_logo(SimpleUploadedFile("logo.jpg", picture("PNG")))
    assert prepared.name.endswith(".png")
    assert Image.open(io.BytesIO(prepared.read())).format == "PNG"


def test_a_text_file_named_png_is_refused():
    with pytest.raises(ValidationError) as error:
        prepare_logo(SimpleUploadedFile("logo.png", b"not a picture at all"))
    assert "JPEG, PNG or WebP" in error.value.messages[0]


def test_a_gif_is_refused_though_it_is_a_picture():
    with pytest.raises(ValidationError):
        prepare_logo(SimpleUploadedFile("logo.gif", picture("GIF")))


def test_exif_metadata_is_stripped():
    upload = SimpleUploadedFile("photo.jpg", picture("JPEG", exif=camera_exif()))
    assert Image.open(io.BytesIO(upload.read())).getexif()  # the test picture has EXIF
    prepared = prepare_logo(upload)
    cleaned = Image.open(io.BytesIO(prepared.read()))
    assert dict(cleaned.getexif()) == {}
    assert "exif" not in cleaned.info


def test_a_large_picture_is_made_at_most_800_pixels_wide():
    prepared = prepare_logo(SimpleUploadedFile("big.jpg", picture("JPEG", size=(2000, 1000))))
    assert Image.open(io.BytesIO(prepared.read())).size == (800, 400)


def test_a_picture_with_too_many_pixels_is_refused_before_decoding():
    with pytest.raises(ValidationError) as error:
        prepare_logo(SimpleUploadedFile("wide.png", picture("PNG", size=(4001, 10))))
    assert "4001" in error.value.messages[0]


def test_a_file_over_the_size_limit_is_refused():
    upload = SimpleUploadedFile("huge.png", b"0" * (MAX_BYTES + 1))
    with pytest.raises(ValidationError) as error:
        prepare_logo(upload)
    assert error.value.code == "file_too_big"
