"""Every API list serves what changed (last_modified_since) and what left (show_deleted)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from core.models import PublicationStatus, Tombstone
from events.tests.factories import EventFactory
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

EARLY = dt.datetime(2027, 1, 1, 12, tzinfo=dt.UTC)
LATE = dt.datetime(2027, 2, 1, 12, tzinfo=dt.UTC)


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.json()
    return response.json()["data"]


@pytest.mark.parametrize(
    ("url", "factory"),
    [
        ("/api/v1/event/", EventFactory),
        ("/api/v1/organization/", OrganizationFactory),
        ("/api/v1/place/", PlaceFactory),
    ],
)
def test_last_modified_since_keeps_what_changed_from_then_on(client, url, factory):
    with time_machine.travel(EARLY, tick=False):
        factory(public_id="test:old")
    with time_machine.travel(LATE, tick=False):
        factory(public_id="test:new")

    data = listed(client, f"{url}?last_modified_since=2027-01-15T00:00:00Z&include_stale=true")

    assert [row["id"] for row in data] == ["test:new"]


def test_a_list_without_modification_times_answers_in_full(client):
    TopicFactory(slug="liikunta")

    data = listed(client, "/api/v1/topic/?last_modified_since=2030-01-01")

    assert [row["id"] for row in data] == ["liikunta"]


def test_an_invalid_last_modified_since_is_a_400_naming_it(client):
    response = client.get("/api/v1/event/?last_modified_since=yesterdayish")

    assert response.status_code == 400
    assert "last_modified_since" in response.json()


def test_a_deleted_event_comes_back_as_a_tombstone_after_the_live_ones(client):
    EventFactory(public_id="test:kept")
    gone = EventFactory(public_id="test:gone")
    gone.delete()

    plain = listed(client, "/api/v1/event/")
    with_deleted = listed(client, "/api/v1/event/?show_deleted=true")

    assert [row["id"] for row in plain] == ["test:kept"]
    assert [(row["id"], row["deleted"]) for row in with_deleted] == [
        ("test:kept", False),
        ("test:gone", True),
    ]
    tombstone = with_deleted[1]
    assert tombstone["@id"] == "http://testserver/api/v1/event/test:gone/"
    assert tombstone["@type"] == "Event"


def test_an_unpublished_event_is_a_tombstone_and_publishing_it_again_clears_it(client):
    event = EventFactory(public_id="test:hidden")
    event.publication_status = PublicationStatus.PENDING
    event.save()

    assert [row["id"] for row in listed(client, "/api/v1/event/?show_deleted=true")] == [
        "test:hidden"
    ]
    assert Tombstone.objects.get().reason == Tombstone.Reason.UNPUBLISHED

    event.publication_status = PublicationStatus.PUBLISHED
    event.save()

    assert not Tombstone.objects.exists()


def test_show_deleted_with_last_modified_since_gives_only_recent_tombstones(client):
    with time_machine.travel(EARLY, tick=False):
        EventFactory(public_id="test:long-gone").delete()
    with time_machine.travel(LATE, tick=False):
        EventFactory(public_id="test:just-gone").delete()

    data = listed(client, "/api/v1/event/?show_deleted=true&last_modified_since=2027-01-15")

    assert [row["id"] for row in data] == ["test:just-gone"]


def test_tombstones_are_paged_after_the_live_objects(client):
    for n in range(3):
        EventFactory(public_id=f"test:live-{n}", start_time=timezone.now() + dt.timedelta(days=n))
    for n in range(2):
        EventFactory(public_id=f"test:gone-{n}").delete()

    first = client.get("/api/v1/event/?show_deleted=true&page_size=2").json()
    second = client.get("/api/v1/event/?show_deleted=true&page_size=2&page=2").json()
    third = client.get("/api/v1/event/?show_deleted=true&page_size=2&page=3").json()

    assert first["meta"]["count"] == 5
    pages = [[row["id"] for row in body["data"]] for body in (first, second, third)]
    assert pages == [
        ["test:live-0", "test:live-1"],
        ["test:live-2", "test:gone-0"],
        ["test:gone-1"],
    ]


def test_an_invalid_show_deleted_is_a_400(client):
    response = client.get("/api/v1/organization/?show_deleted=perhaps")

    assert response.status_code == 400
    assert "show_deleted" in response.json()


def test_a_deleted_organization_is_a_tombstone_in_its_list(client):
    OrganizationFactory(public_id="test:closed").delete()

    data = listed(client, "/api/v1/organization/?show_deleted=true")

    assert data == [
        {
            "id": "test:closed",
            "@id": "http://testserver/api/v1/organization/test:closed/",
            "@type": "Organization",
            "deleted": True,
            "last_modified_time": data[0]["last_modified_time"],
        }
    ]
