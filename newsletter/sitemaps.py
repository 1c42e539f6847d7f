from django.db.models import Max
from django.urls import reverse

from core.sitemaps import LanguageSitemap

from .models import Issue


class ArchivedIssueSitemap(LanguageSitemap):
    """The newsletter's sent issues, as the archive shows them."""

    def items(self):
        return Issue.objects.filter(status=Issue.Status.SENT).order_by("pk").only("pk", "sent_at")

    def path(self, item) -> str:
        return reverse("newsletter:archive_detail", kwargs={"pk": item.pk})

    def lastmod(self, item):
        return item.sent_at

    def get_latest_lastmod(self):
        return Issue.objects.filter(status=Issue.Status.SENT).aggregate(latest=Max("sent_at"))[
            "latest"
        ]
