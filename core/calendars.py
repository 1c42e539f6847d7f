"""iCalendar files as HTTP responses, for every app that serves one (events, cards)."""

from django.http import HttpResponse


def calendar_response(calendar, *, filename: str, attachment: bool) -> HttpResponse:
    """`calendar` (an icalendar.Calendar) as text/calendar: shown inline or downloaded."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
