from core.sitemaps import ObjectSitemap

from .models import Organization
from .selectors import organization_list


class OrganizationSitemap(ObjectSitemap):
    """Published active associations (a dissolved one keeps its page but is not offered)."""

    view_name = "organizations:detail"

    def queryset(self):
        return organization_list().filter(status=Organization.Status.ACTIVE)
