from django.utils import timezone

from core.models import PublicationStatus
from core.sitemaps import ObjectSitemap

from .models import NewsPost


class NewsSitemap(ObjectSitemap):
    """Published posts whose time has come (a post scheduled for later stays out)."""

    view_name = "news:detail"

    def queryset(self):
        return NewsPost.objects.filter(
            publication_status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now()
        )
