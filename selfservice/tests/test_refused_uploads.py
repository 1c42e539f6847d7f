"""The disk refuses the write of a logo or an event's picture: a clear error on the form,
no row changed, no part of a file left behind, and an earlier picture kept."""

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Event
from organizations.tests.factories import OrganizationFactory

from .factories import editor_of
from .test_pages import event_post, png_upload, profile_post, url

pytestmark = pytest.mark.django_db

REFUSED = "could not be stored just now, so nothing was saved"


def test_a_refused_logo_keeps_the_old_logo_and_the_profile_unsaved(client, refusing_storage):
    association = OrganizationFactory(name_fi="Kuopion Eläkeläiset ry")
    client.force_login(editor_of(association))
    edit = url("organization_edit", org=association.public_id)
    assert client.post(edit, profile_post(logo=png_upload("vanha.png"))).status_code == 302
    association.refresh_from_db()
    old_logo = association.logo.name
    before = refusing_storage.files()

    refusing_storage.refusing = True
    response = client.post(
        edit, profile_post(description_fi="Uusi kuvaus", logo=png_upload("uusi.png"))
    )

    assert response.status_code == 200
    assert REFUSED in response.text
    assert 'href="#id_logo"' in response.text  # the error is linked to the field
    association.refresh_from_db()
    assert association.logo.name == old_logo and association.description_fi != "Uusi kuvaus"
    assert refusing_storage.files() == before  # the old logo is there, no part of the new
    assert client.get(association.logo.url).status_code == 200


def test_a_refused_event_picture_creates_no_event_and_leaves_no_file(client, refusing_storage):
    association = OrganizationFactory()
    client.force_login(editor_of(association))
    refusing_storage.refusing = True
    response = client.post(
        url("event_create", org=association.public_id),
        event_post(image=png_upload("kuva.png"), image_alt_fi="Valkoinen kuva"),
    )
    assert response.status_code == 200
    assert REFUSED in response.text
    assert not Event.objects.exists()
    assert refusing_storage.files() == set()


def test_the_refusal_is_told_in_finnish_and_swedish(client, refusing_storage):
    association = OrganizationFactory()
    client.force_login(editor_of(association))
    refusing_storage.refusing = True
    for language, words in [("fi", "Tiedostoa ei voitu tallentaa"), ("sv", "Filen kunde inte")]:
        with translation.override(language):
            path = reverse("selfservice:event_create", kwargs={"org": association.public_id})
            response = client.post(
                path, event_post(image=png_upload("kuva.png"), image_alt_fi="Valkoinen kuva")
            )
        assert words in response.text
