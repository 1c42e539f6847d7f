import datetime as dt

from django.utils import timezone

from core.models import PublicationStatus
from core.sitemaps import ObjectSitemap

from .models import Event


class EventSitemap(ObjectSitemap):
    """Published events from today on, as the event list shows them; past ones keep
    their pages, but search engines need not be sent to them."""

    view_name = "events:detail"

    def queryset(self):
        today = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
        return Event.objects.filter(
            publication_status=PublicationStatus.PUBLISHED, start_time__gte=today
        )
