"""Volunteers add a meeting place that is not in the list; the coordinator approves it."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from core.models import PublicationStatus
from events.models import Event
from moderation.tests.conftest import url as moderation_url
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from places.models import Place
from places.tests.factories import PlaceFactory

from .factories import coordinator, editor_of
from .test_pages import event_post, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def kuopio():
    return MunicipalityFactory(code="297", name_fi="Kuopio", slug="kuopio")


@pytest.fixture
def association():
    return OrganizationFactory(name_fi="Kuopion Eläkeläiset ry")


def place_post(municipality, **overrides):
    data = {
        "name_fi": "Kylätalo Pihlaja",
        "street_address_fi": "Pihlajatie 3",
        "postal_code": "70800",
        "municipality": str(municipality.pk),
        "accessibility_notes_fi": "Esteetön sisäänkäynti, induktiosilmukka.",
    }
    return data | overrides


def add_place(client, association, municipality, **overrides):
    return client.post(
        url("place_create", org=association.public_id), place_post(municipality, **overrides)
    )


def test_an_editors_new_place_waits_for_the_coordinator_and_is_not_public(
    client, association, kuopio
):
    client.force_login(editor_of(association))
    response = add_place(client, association, kuopio)
    assert response.status_code == 302
    place = Place.objects.get(name_fi="Kylätalo Pihlaja")
    assert place.publication_status == PublicationStatus.PENDING
    assert place.proposed_by == association
    assert place.public_id == f"sakke:{place.pk}"
    assert place.accessibility_notes_fi.startswith("Esteetön")
    # Not in the public API, neither in the list nor by its id.
    assert client.get(f"/api/v1/place/{place.public_id}/").status_code == 404
    listed = client.get("/api/v1/place/").json()
    assert place.public_id not in str(listed)


def test_the_editors_association_can_use_its_waiting_place_at_once(client, association, kuopio):
    editor = editor_of(association)
    client.force_login(editor)
    add_place(client, association, kuopio)
    place = Place.objects.get(name_fi="Kylätalo Pihlaja")
    form = client.get(url("event_create", org=association.public_id))
    assert "Kylätalo Pihlaja" in form.text
    assert "waiting for approval" in form.text
    response = client.post(
        url("event_create", org=association.public_id), event_post(location=str(place.pk))
    )
    assert response.status_code == 302
    assert Event.objects.get(name_fi="Tuolijumppa").location == place
    activity_form = client.get(url("activity_create", org=association.public_id))
    assert "Kylätalo Pihlaja" in activity_form.text


def test_another_association_cannot_choose_the_waiting_place(client, association, kuopio):
    place = PlaceFactory(
        name_fi="Kylätalo Pihlaja",
        municipality=kuopio,
        proposed_by=association,
        publication_status=PublicationStatus.PENDING,
    )
    other = OrganizationFactory(name_fi="Toinen yhdistys ry")
    client.force_login(editor_of(other))
    assert "Kylätalo Pihlaja" not in client.get(url("event_create", org=other.public_id)).text
    response = client.post(
        url("event_create", org=other.public_id), event_post(location=str(place.pk))
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not Event.objects.filter(name_fi="Tuolijumppa").exists()


def test_a_place_already_in_the_list_is_not_added_twice(client, association, kuopio):
    PlaceFactory(name_fi="Kylätalo Pihlaja", municipality=kuopio)
    client.force_login(editor_of(association))
    response = add_place(client, association, kuopio, name_fi="kylätalo pihlaja")
    assert response.status_code == 200
    assert "already in the list" in response.text
    assert Place.objects.filter(name_fi__iexact="kylätalo pihlaja").count() == 1


def test_bad_input_is_explained_and_nothing_is_saved(client, association, kuopio):
    client.force_login(editor_of(association))
    response = add_place(client, association, kuopio, name_fi="", postal_code="7080")
    assert response.status_code == 200
    assert "A postal code has five digits" in response.text
    assert not Place.objects.exists()


def test_after_adding_the_place_the_editor_returns_to_the_form_they_came_from(
    client, association, kuopio
):
    client.force_login(editor_of(association))
    back = url("event_create", org=association.public_id)
    form = client.get(back)
    assert url("place_create", org=association.public_id) in form.text
    response = client.post(
        url("place_create", org=association.public_id), place_post(kuopio) | {"next": back}
    )
    assert response["Location"] == back
    # A link elsewhere is not followed.
    response = client.post(
        url("place_create", org=association.public_id),
        place_post(kuopio, name_fi="Toinen talo") | {"next": "https://evil.example/"},
    )
    assert response["Location"] == url("organization", org=association.public_id)


def test_a_coordinators_place_is_public_at_once(client, association, kuopio):
    client.force_login(coordinator())
    add_place(client, association, kuopio)
    place = Place.objects.get(name_fi="Kylätalo Pihlaja")
    assert place.publication_status == PublicationStatus.PUBLISHED
    assert client.get(f"/api/v1/place/{place.public_id}/").status_code == 200


def test_the_coordinator_approves_the_place_from_the_queue(client, association, kuopio):
    place = PlaceFactory(
        name_fi="Kylätalo Pihlaja",
        street_address_fi="Pihlajatie 3",
        municipality=kuopio,
        proposed_by=association,
        publication_status=PublicationStatus.PENDING,
    )
    client.force_login(coordinator())
    queue = client.get(moderation_url("moderation:queue")).text
    assert "Kylätalo Pihlaja" in queue
    assert "Pihlajatie 3" in queue
    assert "Proposed by Kuopion Eläkeläiset ry" in queue
    response = client.post(
        moderation_url("moderation:content_decide", kind="place", public_id=place.public_id),
        {"action": "approve"},
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.is_published
    assert client.get(f"/api/v1/place/{place.public_id}/").status_code == 200
    assert "Pihlajatie 3" not in client.get(moderation_url("moderation:queue")).text


def test_the_coordinator_declines_the_place_with_a_reason_the_editor_reads(
    client, association, kuopio, mailoutbox, django_capture_on_commit_callbacks
):
    editor = editor_of(association)
    place = PlaceFactory(
        name_fi="Kylätalo Pihlaja",
        municipality=kuopio,
        proposed_by=association,
        publication_status=PublicationStatus.PENDING,
    )
    client.force_login(coordinator())
    decide = moderation_url("moderation:content_decide", kind="place", public_id=place.public_id)
    refused = client.post(decide, {"action": "decline", "message": ""})
    assert refused.status_code == 200
    place.refresh_from_db()
    assert place.publication_status == PublicationStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide, {"action": "decline", "message": "Sama kuin Pihlajan kylätalo."})
    place.refresh_from_db()
    assert place.publication_status == PublicationStatus.DECLINED
    assert [m.to for m in mail.outbox] == [[editor.email]]
    client.force_login(editor)
    overview = client.get(url("organization", org=association.public_id)).text
    assert "Sama kuin Pihlajan kylätalo." in overview
    # A declined place is no longer offered for new events.
    assert "Kylätalo Pihlaja" not in client.get(url("event_create", org=association.public_id)).text


def test_imported_places_do_not_reach_the_queue(client, kuopio):
    with translation.override("en"):
        PlaceFactory.create_batch(3, municipality=kuopio, name_fi="Tuotu paikka")
    client.force_login(coordinator())
    queue = client.get(reverse("moderation:queue")).text
    assert "Tuotu paikka" not in queue
