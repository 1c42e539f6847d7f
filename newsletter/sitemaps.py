from django.db.models import Max
from django.urls import reverse

from core.sitemaps import LanguageSitemap

from .selectors import archive_list


class ArchivedIssueSitemap(LanguageSitemap):
    """The newsletter's sent issues, as the archive shows them."""

    def items(self):
        return archive_list().order_by("pk").only("pk", "sent_at")

    def path(self, item) -> str:
        return reverse("newsletter:archive_detail", kwargs={"pk": item.pk})

    def lastmod(self, item):
        return item.sent_at

    def get_latest_lastmod(self):
        return archive_list().aggregate(latest=Max("sent_at"))["latest"]
