"""The same event from two sources is shown once, and its page names both sources."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from events.models import Event
from events.selectors import event_list
from events.tests.factories import EventFactory
from importers.duplicates import similarity
from importers.fetching import FetchResult
from importers.services import source_poll
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from search.documents import public_objects

from .factories import CalendarSourceFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
NOW = dt.datetime(2027, 3, 1, 12, tzinfo=UTC)
START = dt.datetime(2027, 3, 10, 16, tzinfo=UTC)  # 18:00 in Helsinki


def calendar(*events: str) -> bytes:
    body = "".join(
        "BEGIN:VEVENT\r\n" + e.strip().replace("\n", "\r\n") + "\r\nEND:VEVENT\r\n" for e in events
    )
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FI\r\n{body}END:VCALENDAR\r\n".encode()
    )


def vevent(uid="ilta@kyla.example", summary="Kyläyhdistyksen lauluilta", start="20270310T160000Z",
           location="Seurantalo, Kyläntie 3"):  # fmt: skip
    return (
        f"UID:{uid}\nDTSTAMP:20270201T120000Z\nDTSTART:{start}\n"
        f"SUMMARY:{summary}\nLOCATION:{location}"
    )


def answering(body: bytes):
    def fetcher(url, *, etag="", last_modified=""):
        return FetchResult(status=200, body=body)

    return fetcher


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def original():
    place = PlaceFactory(name_fi="Seurantalo", street_address_fi="Kyläntie 3")
    organization = OrganizationFactory(name_fi="Kylätoimikunta")
    return EventFactory(
        name_fi="Kyläyhdistyksen lauluilta!",
        start_time=START,
        location=place,
        data_source="sakke",
        organizers=[organization],
    )


@pytest.fixture
def source():
    return CalendarSourceFactory(organization__name_fi="Kyläyhdistys")


def imported(source, *events):
    run = source_poll(source, fetcher=answering(calendar(*events)))
    assert run.status == "imported", run.message
    return [link.event for link in source.imported_events.select_related("event")]


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_an_imported_event_at_the_same_time_and_place_with_a_similar_name_is_a_duplicate(
    original, source
):
    [event] = imported(source, vevent())

    assert event.duplicate_of == original
    assert list(event_list()) == [original]
    assert list(public_objects(Event)) == [original]


def test_the_api_lists_the_event_once(client, original, source):
    imported(source, vevent())

    answer = client.get("/api/v1/event/").json()

    assert [e["id"] for e in answer["data"]] == [original.public_id]


def test_the_original_page_names_both_sources(client, original, source):
    imported(source, vevent())

    page = client.get(original.get_absolute_url()).content.decode()

    assert "Kylätoimikunta (entered in Sakke)" in page
    assert "Kyläyhdistys (from the association&#x27;s calendar)" in page


def test_the_duplicate_address_leads_to_the_original(client, original, source):
    [event] = imported(source, vevent())

    response = client.get(url("events:detail", public_id=event.public_id))

    assert response.status_code == 302
    assert response.url == original.get_absolute_url()


def test_an_event_with_another_name_is_not_a_duplicate(original, source):
    [event] = imported(source, vevent(summary="Vuosikokous"))

    assert event.duplicate_of is None


def test_an_event_at_another_time_is_not_a_duplicate(original, source):
    [event] = imported(source, vevent(start="20270310T170000Z"))

    assert event.duplicate_of is None


def test_an_event_at_another_place_is_not_a_duplicate(original, source):
    [event] = imported(source, vevent(location="Koulun liikuntasali, Koulutie 1"))

    assert event.duplicate_of is None


def test_two_events_of_one_feed_are_never_duplicates_of_each_other(source):
    events = imported(source, vevent(uid="a@kyla"), vevent(uid="b@kyla"))

    assert [e.duplicate_of for e in events] == [None, None]


def test_a_renamed_event_stops_being_a_duplicate_on_the_next_poll(original, source):
    imported(source, vevent())

    [event] = imported(source, vevent(summary="Kevätkonsertti"))

    assert event.duplicate_of is None
    assert set(event_list()) == {original, event}


def test_a_duplicate_is_listed_again_when_its_original_is_cancelled(source):
    other = CalendarSourceFactory()
    [first] = imported(other, vevent(uid="x@muu", location=""))
    [second] = imported(source, vevent(location=""))
    assert second.duplicate_of == first

    imported(other, vevent(uid="y@muu", summary="Jotain muuta", location=""))

    second.refresh_from_db()
    assert second.duplicate_of is None


def test_names_that_differ_only_in_case_and_punctuation_are_alike():
    assert similarity("Kyläyhdistyksen LAULUILTA!", "kyläyhdistyksen lauluilta") == 1
    assert similarity("Lauluilta", "Vuosikokous") < 0.5


def test_a_mirror_of_the_api_learns_that_the_duplicate_left(client, original, source):
    [event] = imported(source, vevent())

    answer = client.get("/api/v1/event/?show_deleted=true").json()

    assert event.public_id in [e["id"] for e in answer["data"] if e.get("deleted")]
