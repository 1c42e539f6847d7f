"""The disk refuses the write of an offered item's picture: a clear error, no offer, no
file; and a picture that is stored is kept with the offer."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.tests.factories import OrganizationEditorFactory
from newsletter.models import Offer

pytestmark = pytest.mark.django_db


def offer_post(organization) -> dict:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(data, format="PNG")
    return {
        "organization": organization.pk,
        "title": "Kevätmyyjäiset",
        "text": "Tervetuloa!",
        "image": SimpleUploadedFile("kuva.png", data.getvalue(), content_type="image/png"),
        "image_alt": "Punainen laatta",
    }


def test_a_refused_offer_picture_saves_no_offer_and_leaves_no_file(client, refusing_storage):
    editor = OrganizationEditorFactory()
    client.force_login(editor.user)
    refusing_storage.refusing = True
    response = client.post(reverse("newsletter:offer_new"), offer_post(editor.organization))
    assert response.status_code == 200
    assert "could not be stored just now, so nothing was saved" in response.text
    assert not Offer.objects.exists()
    assert refusing_storage.files() == set()


def test_an_offer_picture_that_is_stored_stays_with_the_offer(client, refusing_storage):
    editor = OrganizationEditorFactory()
    client.force_login(editor.user)
    response = client.post(reverse("newsletter:offer_new"), offer_post(editor.organization))
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert offer.image.name.startswith("newsletter/")
    assert refusing_storage.files() == {refusing_storage.media / offer.image.name}
