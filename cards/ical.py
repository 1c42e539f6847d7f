"""Grant deadlines as iCalendar (RFC 5545): one VEVENT per application period's deadline."""

import datetime as dt
from collections.abc import Callable, Iterable

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.ical import HELSINKI, new_calendar

from .models import GrantPeriod


def deadline_calendar(
    periods: Iterable[GrantPeriod], *, url_for: Callable[[GrantPeriod], str], host: str, name: str
) -> icalendar.Calendar:
    """A calendar of grant deadlines: all-day events, or timed ones where the hour is known."""
    calendar = new_calendar(prodid=f"-//{settings.SAKKE_SITE_NAME}//{host}//grants//", name=name)
    stamp = timezone.now()
    for period in periods:
        calendar.add_component(
            deadline_component(period, url=url_for(period), host=host, stamp=stamp)
        )
    calendar.add_missing_timezones()
    return calendar


def deadline_component(period: GrantPeriod, *, url: str, host: str, stamp) -> icalendar.Event:
    """One deadline; its UID stays the same however often the calendar is read."""
    grant = period.grant
    municipality = grant.card.municipality
    component = icalendar.Event()
    component.add("uid", f"grant-period-{period.pk}@{host}")
    component.add("dtstamp", stamp)
    if period.deadline_time is None:
        component.add("dtstart", period.deadline)
        component.add("dtend", period.deadline + dt.timedelta(days=1))
        component.add("transp", "TRANSPARENT")
    else:
        ends = dt.datetime.combine(period.deadline, period.deadline_time, tzinfo=HELSINKI)
        component.add("dtstart", ends)
        component.add("dtend", ends)
    component.add(
        "summary",
        _("Grant deadline: %(grant)s (%(municipality)s)")
        % {"grant": grant.name, "municipality": municipality.name},
    )
    description = [grant.purpose, grant.eligibility, grant.amounts, grant.url]
    text = "\n\n".join(part for part in description if part)
    if text:
        component.add("description", text)
    component.add("url", grant.url or url)
    component.add("categories", [municipality.name])
    return component
