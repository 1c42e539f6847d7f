"""Event feeds: iCalendar of any filtered list, one event as .ics, RSS and Atom.

Every feed takes the query parameters of the event list (EventFilter), so a
filtered page can be subscribed to as it is.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.calendars import calendar_response

from .filters import EventFilter
from .ical import event_calendar
from .selectors import event_list

#: A calendar app re-reads the whole feed on every refresh, so it stays bounded.
MAX_CALENDAR_EVENTS = 1000
NEWEST_EVENTS = 50


def filtered_events(request):
    """The events of `request`'s filter, or an HTTP 400 naming the invalid parameters."""
    filterset = EventFilter(request.GET, queryset=event_list())
    if not filterset.is_valid():
        errors = {field: [str(m) for m in messages] for field, messages in filterset.errors.items()}
        return None, JsonResponse(errors, status=400)
    return filterset.qs, None


def calendar_feed(request):
    """A subscribable calendar: upcoming events first, then the most recent past ones."""
    events, error = filtered_events(request)
    if error:
        return error
    now = timezone.now()
    not_over = Q(end_time__gte=now) | Q(end_time__isnull=True, start_time__gte=now)
    chosen = list(events.filter(not_over).order_by("start_time", "id")[:MAX_CALENDAR_EVENTS])
    room = MAX_CALENDAR_EVENTS - len(chosen)
    if room:
        chosen += list(events.exclude(not_over).order_by("-start_time", "-id")[:room])
    calendar = event_calendar(
        chosen,
        url_for=lambda event: request.build_absolute_uri(event.get_absolute_url()),
        host=request.get_host(),
        name=_("Events – %(site)s") % {"site": site_name()},
    )
    return calendar_response(calendar, filename="events.ics", attachment=False)


def event_ics(request, public_id: str):
    """One event as an .ics download, for "add to calendar"."""
    event = get_object_or_404(event_list(), public_id=public_id)
    calendar = event_calendar(
        [event],
        url_for=lambda event: request.build_absolute_uri(event.get_absolute_url()),
        host=request.get_host(),
    )
    filename = public_id.replace(":", "-").replace('"', "") + ".ics"
    return calendar_response(calendar, filename=filename, attachment=True)


def site_name() -> str:
    return settings.SAKKE_SITE_NAME


class NewestEventsRssFeed(Feed):
    """The newest events (most recently published first), with the event list's filters."""

    feed_type = Rss201rev2Feed
    description = gettext_lazy("Newly published events.")

    def __call__(self, request, *args, **kwargs):
        _events, error = filtered_events(request)
        return error or super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        events, error = filtered_events(request)
        if error:
            raise Http404
        return events

    def title(self, obj):
        return _("Events – %(site)s") % {"site": site_name()}

    def link(self, obj):
        return reverse("events:list")

    def items(self, events):
        return events.order_by("-created_at", "-id")[:NEWEST_EVENTS]

    def item_title(self, event):
        if event.is_cancelled:
            return _("Cancelled: %(name)s") % {"name": event.name}
        return event.name

    def item_description(self, event):
        return event.short_description or event.description

    def item_guid(self, event):
        return event.public_id

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [topic.name for topic in event.topics.all()]


class NewestEventsAtomFeed(NewestEventsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewestEventsRssFeed.description
