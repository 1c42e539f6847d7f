"""Linked Events sources are polled by the same beat task as the calendar feeds, one task each."""

import datetime as dt

import pytest
from django.utils import timezone

from importers import tasks
from importers.fetching import FetchError, FetchResult
from importers.models import LinkedEventsSource

from .factories import CalendarSourceFactory
from .linked_events_factories import LinkedEventsSourceFactory

pytestmark = pytest.mark.django_db

EMPTY = b'{"meta": {"count": 0, "next": null}, "data": []}'


def test_the_beat_task_queues_one_task_per_due_source_of_each_kind(monkeypatch):
    now = timezone.now()
    feed = CalendarSourceFactory()
    due = LinkedEventsSourceFactory(last_run_at=now - dt.timedelta(hours=2))
    LinkedEventsSourceFactory(last_run_at=now)  # polled a moment ago
    LinkedEventsSourceFactory(is_active=False)
    queued = {"calendar": [], "linked_events": []}
    monkeypatch.setattr(tasks.poll_calendar_source, "delay", queued["calendar"].append)
    monkeypatch.setattr(tasks.poll_linked_events_source, "delay", queued["linked_events"].append)

    assert tasks.poll_due_calendar_sources() == 2

    assert queued == {"calendar": [feed.pk], "linked_events": [due.pk]}


def test_a_broken_source_fails_alone_and_the_next_one_imports(monkeypatch):
    broken = LinkedEventsSourceFactory(api_root="https://broken.example/v1/")
    working = LinkedEventsSourceFactory()

    def fetch(url, **kwargs):
        if url.startswith("https://broken.example/"):
            raise FetchError("refused")
        return FetchResult(status=200, body=EMPTY)

    monkeypatch.setattr("importers.linked_events_services.fetch", fetch)

    tasks.poll_linked_events_source(broken.pk)
    tasks.poll_linked_events_source(working.pk)

    statuses = dict(LinkedEventsSource.objects.values_list("pk", "last_status"))
    assert statuses == {broken.pk: "failed", working.pk: "not_modified"}
