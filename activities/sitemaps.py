from core.models import PublicationStatus
from core.sitemaps import ObjectSitemap

from .models import Activity


class ActivitySitemap(ObjectSitemap):
    view_name = "activities:detail"

    def queryset(self):
        return Activity.objects.filter(publication_status=PublicationStatus.PUBLISHED)
