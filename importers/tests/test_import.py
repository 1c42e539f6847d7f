"""Importing iCalendar feeds: series, overrides, time zones, removals and failures."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.models import PublicationStatus
from events.models import Event
from importers.fetching import FetchError, FetchResult
from importers.models import CalendarSource, ImportedEvent
from importers.services import source_poll

from .factories import CalendarSourceFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = dt.UTC


def feed(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def answering(body: bytes, *, etag='"v1"', status=200):
    """A fetcher that answers `body` and remembers the conditional headers it was given."""
    answer = FetchResult(status=status, body=body, etag=etag, last_modified="")

    def fetcher(url, *, etag="", last_modified=""):
        fetcher.calls.append({"url": url, "etag": etag, "last_modified": last_modified})
        return answer

    fetcher.calls = []
    return fetcher


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(dt.datetime(2027, 3, 1, 12, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def source():
    return CalendarSourceFactory()


def starts(**filters):
    events = Event.objects.filter(**filters).order_by("start_time")
    return [(e.name_fi, e.start_time.astimezone(UTC).strftime("%m-%d %H:%M")) for e in events]


def test_a_weekly_series_with_exdate_and_an_override_becomes_a_series_of_dates(source):
    run = source_poll(source, fetcher=answering(feed("series.ics")))

    assert run.status == CalendarSource.Status.IMPORTED
    assert (run.created, run.updated, run.cancelled) == (6, 0, 0)
    head = Event.objects.get(super_event_type=Event.SuperEventType.RECURRING)
    assert head.recurrence_rule == "FREQ=WEEKLY;COUNT=6"
    # 24 March is excluded; 7 April moved to 19:00 and renamed. Wall-clock 18:00 is
    # 16:00 UTC in winter time and 15:00 UTC after the change on 28 March.
    assert starts(super_event=head) == [
        ("Kuoroharjoitus", "03-17 16:00"),
        ("Kuoroharjoitus", "03-31 15:00"),
        ("Kuoroharjoitus (pitkä)", "04-07 16:00"),
        ("Kuoroharjoitus", "04-14 15:00"),
    ]
    assert starts(pk=head.pk) == [("Kuoroharjoitus", "03-10 16:00")]
    assert "Uudet laulajat tervetuloa!" in head.description_fi
    assert "Seurakuntatalo, Kuopio" in head.description_fi
    assert set(head.organizers.all()) == {source.organization}
    assert Event.objects.filter(name_fi="Kevätkonsertti").count() == 1


def test_imported_events_are_marked_with_their_source(source):
    source_poll(source, fetcher=answering(feed("series.ics")))

    concert = Event.objects.get(name_fi="Kevätkonsertti")
    assert concert.data_source == "ical"
    assert concert.public_id.startswith(f"ical:{source.pk}-")
    assert concert.imported_from.source == source
    assert concert.publication_status == PublicationStatus.PUBLISHED


def test_an_event_crossing_the_daylight_saving_change_keeps_its_real_length(source):
    source_poll(source, fetcher=answering(feed("dst.ics")))

    walk = Event.objects.get()
    assert walk.start_time == dt.datetime(2027, 3, 27, 20, tzinfo=UTC)  # 22:00 +02:00
    assert walk.end_time == dt.datetime(2027, 3, 28, 3, tzinfo=UTC)  # 06:00 +03:00
    assert walk.end_time - walk.start_time == dt.timedelta(hours=7)


def test_polling_again_updates_by_uid_and_counts_only_real_changes(source):
    source_poll(source, fetcher=answering(feed("series.ics")))
    renamed = feed("series.ics").replace(b"SUMMARY:Kev\xc3\xa4tkonsertti", b"SUMMARY:Konsertti")

    same = source_poll(source, fetcher=answering(feed("series.ics")))
    changed = source_poll(source, fetcher=answering(renamed))

    assert (same.created, same.updated, same.cancelled) == (0, 0, 0)
    assert (changed.created, changed.updated, changed.cancelled) == (0, 1, 0)
    assert Event.objects.filter(name_fi="Konsertti").count() == 1
    assert Event.objects.count() == 6


def test_an_event_removed_from_the_feed_is_cancelled_not_deleted(source):
    source_poll(source, fetcher=answering(feed("series.ics")))
    text = feed("series.ics").decode()
    start = text.index("BEGIN:VEVENT\r\nUID:concert-2027")
    without_concert = (text[:start] + text[text.index("END:VEVENT", start) + 12 :]).encode()

    run = source_poll(source, fetcher=answering(without_concert))

    concert = Event.objects.get(name_fi="Kevätkonsertti")
    assert concert.event_status == Event.Status.CANCELLED
    assert run.cancelled == 1
    assert run.log == [
        {
            "action": "cancelled",
            "uid": "concert-2027@kuoro.example",
            "recurrence_id": "",
            "event": concert.public_id,
            "name": "Kevätkonsertti",
            "start": concert.start_time.isoformat(),
        }
    ]


def test_a_new_exdate_cancels_that_date_of_the_series(source):
    source_poll(source, fetcher=answering(feed("series.ics")))
    more_excluded = feed("series.ics").replace(
        b"EXDATE;TZID=Europe/Helsinki:20270324T180000",
        b"EXDATE;TZID=Europe/Helsinki:20270324T180000,20270414T180000",
    )

    source_poll(source, fetcher=answering(more_excluded))

    last = Event.objects.get(start_time=dt.datetime(2027, 4, 14, 15, tzinfo=UTC))
    assert last.is_cancelled


def test_a_304_answer_changes_nothing_and_the_etag_is_sent_next_time(source):
    source_poll(source, fetcher=answering(feed("series.ics"), etag='"v1"'))
    before = list(Event.objects.values_list("pk", "updated_at"))
    fetcher = answering(b"", status=304)

    run = source_poll(source, fetcher=fetcher)

    assert fetcher.calls[0]["etag"] == '"v1"'
    assert run.status == CalendarSource.Status.NOT_MODIFIED
    assert list(Event.objects.values_list("pk", "updated_at")) == before


def test_a_timeout_is_a_failed_run_that_changes_nothing(source):
    source_poll(source, fetcher=answering(feed("series.ics")))

    def timing_out(url, **kwargs):
        raise FetchError("The calendar's server did not answer in time.")

    run = source_poll(source, fetcher=timing_out)

    source.refresh_from_db()
    assert run.status == CalendarSource.Status.FAILED
    assert "in time" in run.message and "in time" in source.last_message
    assert not Event.objects.filter(event_status=Event.Status.CANCELLED).exists()
    assert source.etag == '"v1"'


def test_a_malformed_feed_is_a_failed_run_that_changes_nothing(source):
    source_poll(source, fetcher=answering(feed("series.ics")))

    run = source_poll(source, fetcher=answering(feed("malformed.ics")))

    assert run.status == CalendarSource.Status.FAILED
    assert run.message
    assert Event.objects.count() == 6
    assert not Event.objects.filter(event_status=Event.Status.CANCELLED).exists()


def test_a_feed_failing_half_way_leaves_nothing_half_imported(source):
    broken_second = feed("series.ics").replace(
        b"DTEND;TZID=Europe/Helsinki:20270515T170000",
        b"DTEND;TZID=Europe/Helsinki:20270514T170000",  # ends before it starts
    )

    run = source_poll(source, fetcher=answering(broken_second))

    assert run.status == CalendarSource.Status.FAILED
    assert not Event.objects.exists()
    assert not ImportedEvent.objects.exists()


def test_a_detached_event_is_no_longer_changed_or_cancelled_by_the_feed(source):
    source_poll(source, fetcher=answering(feed("series.ics")))
    concert = Event.objects.get(name_fi="Kevätkonsertti")
    ImportedEvent.objects.filter(event=concert).update(detached=True)
    concert.name_fi = "Kevätkonsertti (muokattu täällä)"
    concert.save()
    text = feed("series.ics").decode()
    start = text.index("BEGIN:VEVENT\r\nUID:concert-2027")
    without_concert = (text[:start] + text[text.index("END:VEVENT", start) + 12 :]).encode()

    source_poll(source, fetcher=answering(without_concert))

    concert.refresh_from_db()
    assert concert.name_fi == "Kevätkonsertti (muokattu täällä)"
    assert not concert.is_cancelled
