"""Polling many sources: bounded concurrency, and a slow source delays no other."""

import threading

import pytest

from importers.fetching import FetchError, FetchResult
from importers.models import CalendarSource
from importers.services import poll_sources, sources_due

from .factories import CalendarSourceFactory

pytestmark = pytest.mark.django_db(transaction=True)

FEED = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:{n}@example.org\r\n"
    b"DTSTART:20270601T100000Z\r\nSUMMARY:Tapahtuma\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_a_slow_source_is_imported_last_while_the_others_go_ahead():
    sources = [CalendarSourceFactory(url=f"https://example.org/{n}.ics") for n in range(6)]
    slow_url = sources[0].url
    others_done = threading.Event()
    finished = []

    def fetcher(url, **kwargs):
        if url == slow_url:
            # Waits until every other source has been fetched and imported; were the
            # sources polled one after another, this would wait forever (and fail).
            if not others_done.wait(timeout=30):
                raise FetchError("The calendar's server did not answer in time.")
        finished.append(url)
        if len(finished) == len(sources) - 1:
            others_done.set()
        return FetchResult(status=200, body=FEED.replace(b"{n}", url.encode()))

    runs = poll_sources(sources, fetcher=fetcher, max_workers=3)

    assert [run.status for run in runs] == [CalendarSource.Status.IMPORTED] * 6
    assert runs[-1].source.url == slow_url


def test_a_failing_source_gets_a_failed_run_and_the_others_import():
    good, bad = CalendarSourceFactory(), CalendarSourceFactory()

    def fetcher(url, **kwargs):
        if url == bad.url:
            raise FetchError("refused")
        return FetchResult(status=200, body=FEED.replace(b"{n}", b"x"))

    runs = {run.source_id: run.status for run in poll_sources([good, bad], fetcher=fetcher)}

    assert runs == {good.pk: "imported", bad.pk: "failed"}


def test_only_active_sources_whose_interval_has_passed_are_due():
    from django.utils import timezone

    now = timezone.now()
    never = CalendarSourceFactory()
    recent = CalendarSourceFactory(last_run_at=now, interval_minutes=60)
    old = CalendarSourceFactory(last_run_at=now - timezone.timedelta(hours=2))
    CalendarSourceFactory(is_active=False)

    assert {s.pk for s in sources_due(now)} == {never.pk, old.pk}
    assert recent.pk not in {s.pk for s in sources_due(now)}
