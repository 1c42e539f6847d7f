"""What a widget shows: a few upcoming events or activities, narrowed by its parameters."""

from django.db.models import QuerySet
from django.utils import formats, timezone

from activities.selectors import activity_list
from events.selectors import upcoming_event_list


def widget_events(*, municipality=None, topic=None, association=None, count: int) -> list:
    """The next `count` published events that have not ended, soonest first."""
    events = upcoming_event_list().filter(end_time__gte=timezone.now())
    if municipality is not None:
        events = events.filter(location__municipality=municipality)
    if topic is not None:
        events = events.filter(topics=topic)
    if association is not None:
        events = events.filter(organizers=association)
    return list(events.order_by("start_time", "id")[:count])


def widget_activities(*, municipality=None, topic=None, association=None, count: int) -> list:
    activities: QuerySet = activity_list().order_by("name_fi", "id")
    if municipality is not None:
        activities = activities.filter(municipalities=municipality)
    if topic is not None:
        activities = activities.filter(topics=topic)
    if association is not None:
        activities = activities.filter(organizer=association)
    return list(activities[:count])


def widget_items(kind: str, **filters) -> list[dict]:
    """The items as the frame and the script show them, in the active language."""
    if kind == "activities":
        return [
            {
                "title": activity.name,
                "url": activity.get_absolute_url(),
                "when": ", ".join(str(slot) for slot in activity.schedule.all()),
                "start": None,
                "place": activity.location.name if activity.location_id else "",
            }
            for activity in widget_activities(**filters)
        ]
    return [
        {
            "title": event.name,
            "url": event.get_absolute_url(),
            "when": formats.date_format(
                timezone.localtime(event.start_time), "SHORT_DATETIME_FORMAT"
            ),
            "start": timezone.localtime(event.start_time).isoformat(),
            "place": _place(event),
        }
        for event in widget_events(**filters)
    ]


def _place(event) -> str:
    place = event.location
    if place is None:
        return ""
    municipality = place.municipality
    return f"{place.name}, {municipality.name}" if municipality else place.name
