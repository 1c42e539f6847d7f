"""The disk refuses the write of a news picture: a clear error, no post, no file."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import NewsPost
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import editor_of

pytestmark = pytest.mark.django_db


def picture() -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(data, format="PNG")
    return SimpleUploadedFile("kuva.png", data.getvalue(), content_type="image/png")


def test_a_refused_news_picture_saves_no_post_and_leaves_no_file(client, refusing_storage):
    association = OrganizationFactory()
    client.force_login(editor_of(association))
    refusing_storage.refusing = True
    response = client.post(
        reverse("news:create"),
        {
            "author": association.public_id,
            "title_fi": "Kuvallinen",
            "body_fi": "Teksti",
            "image": picture(),
            "image_alt_fi": "Punainen laatta",
            "visibility": "publish",
        },
    )
    assert response.status_code == 200
    assert "could not be stored just now, so nothing was saved" in response.text
    assert "Kuvallinen" in response.text  # what was written is kept on the form
    assert not NewsPost.objects.exists()
    assert refusing_storage.files() == set()
