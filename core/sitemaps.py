"""Sitemaps for search engines: every public page, one section per kind and language.

Django's own multilingual sitemaps (`i18n = True`) build a list of every item in every
language before they take a page of it; here each language is a section of its own, so
a page is read from the database as a page (a COUNT, then LIMIT/OFFSET), and a section
of a million events costs one page of rows. Pages name their other languages themselves
(`<link rel="alternate" hreflang>` in templates/base.html).

The sections are assembled in config/sitemaps.py; robots.txt names the index.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import translation

from core.urls_cache import reverse_detail


class LanguageSitemap(Sitemap):
    """One language's URLs of one kind of page."""

    #: <url> elements per sitemap page (the protocol allows 50,000 and 50 MB).
    limit = 10_000

    def __init__(self, language: str):
        self.language = language

    def location(self, item) -> str:
        with translation.override(self.language):
            return self.path(item)

    def path(self, item) -> str:
        raise NotImplementedError


class ObjectSitemap(LanguageSitemap):
    """The detail pages of the objects `queryset()` returns, by their public id.

    `queryset()` is the app's selector of what the public sees, so the sitemap lists
    exactly the pages that answer.
    """

    view_name = ""

    def queryset(self) -> QuerySet:
        raise NotImplementedError

    def items(self) -> QuerySet:
        # The app's public selector, without the relations a list page prefetches.
        queryset = self.queryset().select_related(None).prefetch_related(None)
        return queryset.order_by("pk").only("pk", "public_id", "updated_at")

    def path(self, item) -> str:
        return reverse_detail(self.view_name, "public_id", item.public_id)

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item to find the latest; the database knows it.
        return self.queryset().aggregate(latest=Max("updated_at"))["latest"]


class PageSitemap(LanguageSitemap):
    """Pages without an object of their own: the home page, the lists, about."""

    url_names = (
        "core:home",
        "core:about",
        "organizations:list",
        "events:list",
        "activities:list",
        "activities:volunteering",
        "municipalities:list",
        "cards:list",
        "cards:grant_calendar",
        "news:list",
        "materials:library",
        "newsletter:subscribe",
        "newsletter:archive",
    )

    def items(self):
        return list(self.url_names)

    def path(self, item) -> str:
        return reverse(item)
