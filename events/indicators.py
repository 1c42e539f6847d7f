"""Events as an indicator of the association programme.

Registered from EventsConfig.ready() (the programme sits below this app and only knows the
registry): the public events that start in the snapshot's calendar month, as listed on the
day of the snapshot, by the municipality of their place.
"""

import datetime as dt

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import PublicationStatus
from programme.indicators import register_indicator_source

from .models import Event


def month_bounds(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of `today`'s month and of the next, in the site's time zone."""
    first = today.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=zone),
        dt.datetime.combine(following, dt.time.min, tzinfo=zone),
    )


def events_in_month(programme, today: dt.date) -> dict[int | None, int]:
    """Public, not cancelled events (a series' occurrences, not the series itself) starting
    in the month, by their place's municipality; the region's total includes online ones."""
    start, end = month_bounds(today)
    events = (
        Event.objects.filter(
            publication_status=PublicationStatus.PUBLISHED,
            start_time__gte=start,
            start_time__lt=end,
            super_event_type="",
        )
        .exclude(event_status=Event.Status.CANCELLED)
        .order_by()
    )
    rows = events.values("location__municipality").annotate(n=Count("pk"))
    counts = {
        row["location__municipality"]: row["n"] for row in rows if row["location__municipality"]
    }
    counts[None] = events.count()
    return counts


def register_indicator_sources() -> None:
    register_indicator_source(
        "events.per_month",
        _("Events per month"),
        events_in_month,
        description=_(
            "Public events starting in the month, by the municipality of their place; "
            "cancelled events are not counted."
        ),
    )
