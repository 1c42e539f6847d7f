"""iCalendar (RFC 5545) pieces the event feeds and the grant deadlines share."""

from zoneinfo import ZoneInfo

import icalendar
from django.http import HttpResponse

HELSINKI = ZoneInfo("Europe/Helsinki")


def new_calendar(*, prodid: str, name: str = "") -> icalendar.Calendar:
    """An empty calendar; `name` is what calendar apps show for a subscription."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
    return calendar


def calendar_response(calendar, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
