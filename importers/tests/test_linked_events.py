"""Importing from a Linked Events API: paging, incremental sync, deletions, keywords, failures."""

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine

from events.models import Event
from importers.fetching import FetchError, FetchResult
from importers.linked_events_services import linked_events_source_poll
from importers.models import KeywordTopic, LinkedEventsEvent, LinkedEventsSource
from municipalities.tests.factories import MunicipalityFactory
from places.models import Place
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import TopicFactory

from .linked_events_factories import LinkedEventsSourceFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "linked_events"
HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = dt.UTC
CONCERT, DANCE, READING = "helsinki:agq6ryvawm", "helsinki:agq6ryvb2q", "helsinki:agq6rywc4a"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def answering(*bodies: bytes):
    """A fetcher that answers `bodies` in turn and remembers the addresses it was asked."""
    answers = list(bodies)

    def fetcher(url, **kwargs):
        fetcher.urls.append(url)
        return FetchResult(status=200, body=answers.pop(0))

    fetcher.urls = []
    return fetcher


def query_of(url: str) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(dt.datetime(2027, 3, 1, 12, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def source():
    return LinkedEventsSourceFactory()


def first_sync(source):
    return linked_events_source_poll(
        source, fetcher=answering(fixture("page1.json"), fixture("page2.json"))
    )


def test_a_first_sync_follows_the_next_page_and_imports_every_event(source):
    fetcher = answering(fixture("page1.json"), fixture("page2.json"))

    run = linked_events_source_poll(source, fetcher=fetcher)

    assert run.status == LinkedEventsSource.Status.IMPORTED
    assert (run.created, run.updated, run.cancelled) == (3, 0, 0)
    assert fetcher.urls[1] == (
        "https://api.hel.fi/linkedevents/v1/event/?division=kallio&include=location%2Ckeywords"
        "&sort=last_modified_time&page_size=100&page=2"
    )
    assert set(Event.objects.values_list("name_fi", flat=True)) == {
        "Kuorokonsertti",
        "Senioritanssit",
        "Lukupiiri",
    }


def test_the_first_sync_asks_for_the_filters_without_a_cursor(source):
    source.publisher, source.keyword = "ahjo:u4804001010", "yso:p1808,yso:p2433"
    fetcher = answering(fixture("page1.json"), fixture("page2.json"))

    linked_events_source_poll(source, fetcher=fetcher)

    assert fetcher.urls[0].startswith("https://api.hel.fi/linkedevents/v1/event/?")
    assert query_of(fetcher.urls[0]) == {
        "publisher": "ahjo:u4804001010",
        "keyword": "yso:p1808,yso:p2433",
        "division": "kallio",
        "include": "location,keywords",
        "sort": "last_modified_time",
        "page_size": "100",
    }


def test_names_in_three_languages_and_times_in_finnish_time(source):
    first_sync(source)

    concert = Event.objects.get(linked_events_import__upstream_id=CONCERT)
    dance = Event.objects.get(linked_events_import__upstream_id=DANCE)
    assert (concert.name_fi, concert.name_sv, concert.name_en) == (
        "Kuorokonsertti",
        "Körkonsert",
        "Choir concert",
    )
    assert concert.short_description_fi == "Kevään kuorokonsertti."
    assert "<strong>kuuntelemaan</strong>" in concert.description_fi
    assert "script" not in concert.description_fi
    # 16:00 UTC is 18:00 in winter; 12:00 UTC on 2 April (summer time) is 15:00.
    assert concert.start_time.astimezone(HELSINKI).strftime("%d.%m. %H:%M") == "20.03. 18:00"
    assert dance.start_time.astimezone(HELSINKI).strftime("%d.%m. %H:%M") == "02.04. 15:00"


def test_imported_events_are_marked_with_their_source(source):
    first_sync(source)

    concert = Event.objects.get(linked_events_import__upstream_id=CONCERT)
    assert concert.data_source == "linkedevents"
    assert concert.public_id == f"linkedevents:{source.pk}-{CONCERT}"
    assert concert.linked_events_import.source == source
    assert set(concert.organizers.all()) == {source.organization}


def test_prices_come_from_the_first_offer(source):
    first_sync(source)

    reading = Event.objects.get(linked_events_import__upstream_id=READING)
    assert reading.is_free is False
    assert (reading.price_fi, reading.price_en) == ("5 €", "€5")
    assert reading.offer_info_url == "https://www.helmet.fi/lukupiiri"


def test_a_new_place_is_created_once_with_its_address_and_position(source):
    helsinki = MunicipalityFactory(name_fi="Helsinki")

    first_sync(source)

    library = Place.objects.get(public_id="linkedevents:tprek:8310")
    assert (library.name_fi, library.name_sv) == ("Kallion kirjasto", "Berghälls bibliotek")
    assert (library.street_address_fi, library.postal_code) == ("Viides linja 11", "00530")
    assert library.municipality == helsinki
    assert (library.latitude, library.longitude) == (60.18384, 24.94927)
    assert library.events.count() == 2


def test_a_place_already_here_is_found_by_its_name(source):
    malmitalo = PlaceFactory(name_fi="MALMITALO")

    first_sync(source)

    assert Event.objects.get(linked_events_import__upstream_id=DANCE).location == malmitalo
    assert not Place.objects.filter(public_id="linkedevents:tprek:7259").exists()


def test_a_place_already_here_is_found_by_its_address(source):
    kirjasto = PlaceFactory(
        name_fi="Kirjasto Kallio", street_address_fi="viides linja 11", postal_code="00530"
    )

    first_sync(source)

    assert Event.objects.get(linked_events_import__upstream_id=CONCERT).location == kirjasto


def test_mapped_keywords_become_topics_and_the_rest_are_listed_in_the_run(source):
    music, elderly = TopicFactory(slug="kulttuuri"), TopicFactory(slug="ikaantyneet")
    KeywordTopic.objects.create(
        keyword="https://api.hel.fi/linkedevents/v1/keyword/yso:p1808/", topic=music
    )
    KeywordTopic.objects.create(keyword="yso:p2433", topic=elderly)

    run = first_sync(source)

    concert = Event.objects.get(linked_events_import__upstream_id=CONCERT)
    dance = Event.objects.get(linked_events_import__upstream_id=DANCE)
    assert list(concert.topics.all()) == [music]
    assert list(dance.topics.all()) == [elderly]
    assert run.unmapped_keywords == [
        {"id": "yso:p11185", "name": "konsertit"},
        {"id": "yso:p13084", "name": "lukupiirit"},
    ]


def test_a_topic_with_the_keywords_yso_concept_needs_no_mapping(source):
    reading_circles = TopicFactory(slug="lukupiirit", yso="yso:p13084")

    first_sync(source)

    reading = Event.objects.get(linked_events_import__upstream_id=READING)
    assert list(reading.topics.all()) == [reading_circles]


def test_the_cursor_is_the_latest_change_seen(source):
    first_sync(source)

    source.refresh_from_db()
    assert source.last_modified_since == dt.datetime(2027, 2, 22, 11, 30, tzinfo=UTC)


def test_a_later_sync_asks_only_for_changes_since_the_cursor_with_deletions(source):
    first_sync(source)
    fetcher = answering(fixture("changes.json"))

    linked_events_source_poll(source, fetcher=fetcher)

    query = query_of(fetcher.urls[0])
    assert query["last_modified_since"] == "2027-02-22T11:30:00Z"
    assert query["show_deleted"] == "true"
    assert query["division"] == "kallio"


def test_a_later_sync_updates_by_id_and_cancels_what_was_deleted_or_cancelled(source):
    first_sync(source)

    run = linked_events_source_poll(source, fetcher=answering(fixture("changes.json")))

    assert (run.created, run.updated, run.cancelled) == (0, 1, 2)
    assert Event.objects.count() == 3
    concert = Event.objects.get(linked_events_import__upstream_id=CONCERT)
    assert concert.name_fi == "Kuorokonsertti (uusi päivä)"
    assert concert.start_time == dt.datetime(2027, 3, 21, 16, tzinfo=UTC)
    dance = Event.objects.get(linked_events_import__upstream_id=DANCE)
    assert dance.event_status == Event.Status.CANCELLED
    assert dance.name_fi == "Senioritanssit"  # not the tombstone's "POISTETTU"
    reading = Event.objects.get(linked_events_import__upstream_id=READING)
    assert reading.is_cancelled
    assert {entry["action"] for entry in run.log} == {"updated", "cancelled"}
    source.refresh_from_db()
    assert source.last_modified_since == dt.datetime(2027, 3, 2, 9, 30, tzinfo=UTC)


def test_a_tombstone_of_an_event_never_imported_creates_nothing(source):
    run = linked_events_source_poll(source, fetcher=answering(fixture("changes.json")))

    assert not Event.objects.filter(name_fi="POISTETTU").exists()
    assert not LinkedEventsEvent.objects.filter(upstream_id=DANCE).exists()
    assert run.created == 2


def test_the_same_answer_again_changes_nothing(source):
    first_sync(source)
    before = list(Event.objects.values_list("pk", "updated_at"))

    run = first_sync(source)

    assert (run.created, run.updated, run.cancelled) == (0, 0, 0)
    assert list(Event.objects.values_list("pk", "updated_at")) == before


def test_events_outside_the_filter_are_left_alone(source):
    other = Event.objects.create(
        public_id="sakke:muu",
        name_fi="Oma tapahtuma",
        start_time=dt.datetime(2027, 3, 5, tzinfo=UTC),
    )
    first_sync(source)

    linked_events_source_poll(source, fetcher=answering(fixture("changes.json")))

    other.refresh_from_db()
    assert other.event_status == Event.Status.SCHEDULED
    assert other.name_fi == "Oma tapahtuma"


def test_a_detached_event_is_no_longer_changed_or_cancelled(source):
    first_sync(source)
    LinkedEventsEvent.objects.filter(upstream_id__in=[CONCERT, DANCE]).update(detached=True)

    linked_events_source_poll(source, fetcher=answering(fixture("changes.json")))

    assert Event.objects.get(linked_events_import__upstream_id=CONCERT).name_fi == "Kuorokonsertti"
    assert not Event.objects.get(linked_events_import__upstream_id=DANCE).is_cancelled


def test_a_timeout_is_a_failed_run_that_changes_nothing(source):
    first_sync(source)
    source.refresh_from_db()
    cursor = source.last_modified_since

    def timing_out(url, **kwargs):
        raise FetchError("The calendar's server did not answer in time.")

    run = linked_events_source_poll(source, fetcher=timing_out)

    source.refresh_from_db()
    assert run.status == LinkedEventsSource.Status.FAILED
    assert "in time" in run.message and "in time" in source.last_message
    assert source.last_modified_since == cursor
    assert not Event.objects.filter(event_status=Event.Status.CANCELLED).exists()


def test_a_timeout_on_the_second_page_imports_nothing_of_the_first(source):
    pages = answering(fixture("page1.json"))

    def second_times_out(url, **kwargs):
        if pages.urls:
            raise FetchError("The calendar's server did not answer in time.")
        return pages(url)

    run = linked_events_source_poll(source, fetcher=second_times_out)

    assert run.status == LinkedEventsSource.Status.FAILED
    assert not Event.objects.exists()
    source.refresh_from_db()
    assert source.last_modified_since is None


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Service unavailable</html>",
        b'{"detail": "Not found."}',
        b'{"meta": {"next": null}, "data": [{"name": {"fi": "Ei id:t\\u00e4"}}]}',
        b'{"meta": {"next": null}, "data": [{"id": "x:1", "name": {"fi": 7}}]}',
        b'{"meta": {"next": null}, "data": [{"id": "x:1", "name": "A", "start_time": 1}]}',
    ],
)
def test_a_malformed_answer_is_a_failed_run_that_changes_nothing(source, body):
    first_sync(source)

    run = linked_events_source_poll(source, fetcher=answering(body))

    assert run.status == LinkedEventsSource.Status.FAILED
    assert run.message
    assert Event.objects.count() == 3
    assert not Event.objects.filter(event_status=Event.Status.CANCELLED).exists()


def test_an_unreadable_time_fails_the_run(source):
    run = linked_events_source_poll(source, fetcher=answering(fixture("malformed.json")))

    assert run.status == LinkedEventsSource.Status.FAILED
    assert "ensi tiistaina" in run.message
    assert not Event.objects.exists()


def test_an_answer_failing_half_way_leaves_nothing_half_imported(source):
    broken = fixture("page2.json").replace(b'"2027-05-10T16:30:00Z"', b'"2027-05-09T16:30:00Z"')

    run = linked_events_source_poll(source, fetcher=answering(fixture("page1.json"), broken))

    assert run.status == LinkedEventsSource.Status.FAILED
    assert not Event.objects.exists()
    assert not LinkedEventsEvent.objects.exists()


def test_a_next_page_on_another_server_is_not_followed(source):
    elsewhere = fixture("page1.json").replace(
        b'"next": "https://api.hel.fi/', b'"next": "https://evil.example/'
    )
    fetcher = answering(elsewhere, fixture("page2.json"))

    run = linked_events_source_poll(source, fetcher=fetcher)

    assert run.status == LinkedEventsSource.Status.FAILED
    assert len(fetcher.urls) == 1
    assert not Event.objects.exists()


def test_the_page_cap_stops_the_sync_and_the_next_goes_on_from_the_cursor(source):
    run = linked_events_source_poll(source, fetcher=answering(fixture("page1.json")), max_pages=1)

    assert run.status == LinkedEventsSource.Status.IMPORTED
    assert run.created == 2
    assert "next sync" in run.message
    source.refresh_from_db()
    assert source.last_modified_since == dt.datetime(2027, 2, 21, 9, tzinfo=UTC)
