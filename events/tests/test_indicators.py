"""The events' indicator source against a hand count."""

import datetime as dt

import pytest
from django.utils import timezone

from core.models import PublicationStatus
from events.models import Event
from places.tests.factories import PlaceFactory
from programme.indicators import indicator_source, reading_by_municipality
from programme.tests.factories import ProgrammeFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 12):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def test_events_per_month_counts_public_events_of_the_month_by_municipality():
    kuopio, varkaus = PlaceFactory(), PlaceFactory()
    EventFactory(location=kuopio, start_time=_at(dt.date(2026, 6, 1), 0))
    EventFactory(location=kuopio, start_time=_at(dt.date(2026, 6, 30), 23))
    EventFactory(location=varkaus, start_time=_at(dt.date(2026, 6, 15)))
    EventFactory(
        location=None, online_url="https://example.org", start_time=_at(dt.date(2026, 6, 9))
    )
    # Not counted: another month, a draft, a cancelled one and a series' head.
    EventFactory(location=kuopio, start_time=_at(dt.date(2026, 7, 1), 0))
    EventFactory(location=kuopio, start_time=_at(dt.date(2026, 5, 31), 23))
    EventFactory(
        location=kuopio,
        start_time=_at(dt.date(2026, 6, 10)),
        publication_status=PublicationStatus.DRAFT,
    )
    EventFactory(
        location=varkaus,
        start_time=_at(dt.date(2026, 6, 10)),
        event_status=Event.Status.CANCELLED,
    )
    EventFactory(
        location=varkaus,
        start_time=_at(dt.date(2026, 6, 10)),
        super_event_type=Event.SuperEventType.RECURRING,
    )

    source = indicator_source("events.per_month")
    reading = reading_by_municipality(source.function(ProgrammeFactory(), dt.date(2026, 6, 1)))

    assert reading == {None: 4, kuopio.municipality_id: 2, varkaus.municipality_id: 1}
