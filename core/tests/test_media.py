"""Uploaded files are served through the storage backend, safely, by every way of running."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.tests.test_images import picture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_uploaded_picture_is_served_as_a_picture_that_is_never_sniffed(client):
    name = default_storage.save("logos/kuoro.png", ContentFile(picture("PNG")))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == picture("PNG")


def test_an_uploaded_html_file_is_a_download_never_a_page(client):
    name = default_storage.save("news/evil.html", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_missing_file_or_a_path_outside_the_media_is_not_found(client):
    assert client.get("/media/logos/none.png").status_code == 404
    assert client.get("/media/../config/settings.py").status_code == 404
    assert client.get("/media/%2e%2e/config/settings.py").status_code == 404
