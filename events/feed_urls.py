from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds

app_name = "event_feeds"
urlpatterns = [
    path(_("calendar.ics"), feeds.calendar_feed, name="ical"),
    path("rss/", feeds.NewestEventsRssFeed(), name="rss"),
    path("atom/", feeds.NewestEventsAtomFeed(), name="atom"),
    path("<str:public_id>.ics", feeds.event_ics, name="event_ics"),
]
