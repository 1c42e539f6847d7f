"""The cooperation calendar (RFC 5545): bodies' meetings and consultation deadlines."""

import datetime as dt

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.ical import HELSINKI, new_calendar

from .models import Consultation, Meeting

#: How far back the feed keeps past meetings and deadlines.
PAST_DAYS = 90


def cooperation_calendar(*, host: str, absolute, body=None) -> icalendar.Calendar:
    """Meetings (of `body`, or of every body) and open consultations' deadlines."""
    calendar = new_calendar(
        prodid=f"-//{settings.SAKKE_SITE_NAME}//{host}//cooperation",
        name=str(body or _("Cooperation and consultations")),
    )
    stamp = timezone.now()
    since = stamp - dt.timedelta(days=PAST_DAYS)
    meetings = Meeting.objects.filter(starts_at__gte=since).select_related("body")
    if body is not None:
        meetings = meetings.filter(body=body)
    for meeting in meetings.order_by("starts_at")[:1000]:
        event = icalendar.Event()
        event.add("uid", f"{meeting.public_id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(meeting.starts_at, HELSINKI))
        if meeting.ends_at:
            event.add("dtend", timezone.localtime(meeting.ends_at, HELSINKI))
        event.add("summary", f"{meeting.body}: {meeting.title or _('meeting')}")
        event.add("location", meeting.place or meeting.online_url)
        event.add("url", absolute(meeting.get_absolute_url()))
        calendar.add_component(event)
    if body is None:
        consultations = Consultation.objects.filter(deadline__gte=since.date())
        for consultation in consultations.order_by("deadline")[:1000]:
            event = icalendar.Event()
            event.add("uid", f"deadline-{consultation.public_id}@{host}")
            event.add("dtstamp", stamp)
            # A deadline is a whole day: DTSTART a date, DTEND the next day (RFC 5545 3.6.1).
            event.add("dtstart", consultation.deadline)
            event.add("dtend", consultation.deadline + dt.timedelta(days=1))
            event.add("summary", _("Deadline: %(title)s") % {"title": consultation.title})
            event.add("url", absolute(consultation.get_absolute_url()))
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar
