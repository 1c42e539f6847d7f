"""Events as iCalendar (RFC 5545): subscribable feeds and "add to calendar" files."""

from collections.abc import Callable, Iterable

import icalendar
from django.conf import settings
from django.utils import timezone

from core.ical import HELSINKI, new_calendar

from .models import Event

# RFC 5545 has no "postponed": TENTATIVE says the time is not certain.
STATUSES = {
    Event.Status.SCHEDULED: "CONFIRMED",
    Event.Status.RESCHEDULED: "CONFIRMED",
    Event.Status.POSTPONED: "TENTATIVE",
    Event.Status.CANCELLED: "CANCELLED",
}


def event_calendar(
    events: Iterable[Event], *, url_for: Callable[[Event], str], host: str, name: str = ""
) -> icalendar.Calendar:
    """A calendar of `events`, times in Europe/Helsinki with its VTIMEZONE included."""
    calendar = new_calendar(prodid=f"-//{settings.SAKKE_SITE_NAME}//{host}//", name=name)
    stamp = timezone.now()
    for event in events:
        calendar.add_component(event_component(event, url=url_for(event), host=host, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar


def event_component(event: Event, *, url: str, host: str, stamp) -> icalendar.Event:
    """One VEVENT; its UID stays the same however often the event is exported."""
    component = icalendar.Event()
    component.add("uid", f"{event.public_id}@{host}")
    component.add("dtstamp", stamp)
    component.add("dtstart", timezone.localtime(event.start_time, HELSINKI))
    if event.end_time:
        component.add("dtend", timezone.localtime(event.end_time, HELSINKI))
    component.add("summary", event.name)
    description = event.short_description or event.description
    if description:
        component.add("description", description)
    location = event_location(event)
    if location:
        component.add("location", location)
    place = event.location
    if place is not None and place.has_position:
        component.add("geo", (place.latitude, place.longitude))
    component.add("url", url)
    component.add("status", STATUSES.get(event.event_status, "CONFIRMED"))
    topics = [topic.name for topic in event.topics.all()]
    if topics:
        component.add("categories", topics)
    component.add("created", event.created_at)
    component.add("last-modified", event.updated_at)
    return component


def event_location(event: Event) -> str:
    """The place as one line ("Kuopion kaupungintalo, Suokatu 42, 70100 Kuopio") or the link."""
    place = event.location
    if place is None:
        return event.online_url
    town = " ".join(
        part
        for part in [place.postal_code, place.municipality.name if place.municipality else ""]
        if part
    )
    return ", ".join(part for part in [place.name, place.street_address, town] if part)
