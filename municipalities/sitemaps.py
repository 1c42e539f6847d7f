from django.urls import reverse

from core.sitemaps import LanguageSitemap

from .models import Municipality


class MunicipalitySitemap(LanguageSitemap):
    """Each municipality's page: its associations and events."""

    url_name = "municipalities:detail"

    def items(self):
        return Municipality.objects.order_by("pk").only("pk", "slug")

    def path(self, item) -> str:
        return reverse(self.url_name, kwargs={"slug": item.slug})
