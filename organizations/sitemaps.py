from core.models import PublicationStatus
from core.sitemaps import ObjectSitemap

from .models import Organization


class OrganizationSitemap(ObjectSitemap):
    """Published active associations (a dissolved one keeps its page but is not offered)."""

    view_name = "organizations:detail"

    def queryset(self):
        return Organization.objects.filter(
            publication_status=PublicationStatus.PUBLISHED, status=Organization.Status.ACTIVE
        )
