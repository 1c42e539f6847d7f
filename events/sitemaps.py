from core.filtering import start_of_today
from core.sitemaps import ObjectSitemap

from .selectors import published_events


class EventSitemap(ObjectSitemap):
    """Published events from today on, as the event list shows them; past ones keep
    their pages, but search engines need not be sent to them."""

    view_name = "events:detail"

    def queryset(self):
        return published_events().filter(start_time__gte=start_of_today())
