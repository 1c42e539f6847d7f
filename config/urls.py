from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page

from core import urls as core_urls
from core.media import media
from core.views import favicon, health, robots_txt
from organizations import urls as organization_urls
from pages import urls as pages_urls
from widget import views as widget_views

from .sitemaps import SITEMAPS

SITEMAP_CACHE_SECONDS = 60 * 60


def namespace(app_urls, *pages_urlpatterns):
    """The URL namespace of an app with the pages that assemble several apps added to it
    (pages/urls.py): core:home beside core:about, organizations:detail beside :list."""
    return include(([*app_urls.urlpatterns, *pages_urlpatterns], app_urls.app_name))


urlpatterns = [
    path("api/v1/", include("api.urls")),
    path("hsds/", include("hsds.urls")),
    path("widget.js", widget_views.script, name="widget_script"),
    path("widget/items.json", widget_views.items, name="widget_items"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    # Uploads, through the storage backend in development and the demo alike.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media, name="media"),
    path("health/", health, name="health"),
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
# Page URLs are translated: /fi/jarjestot/, /sv/foreningar/, /en/associations/.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path(_("associations/"), namespace(organization_urls, *pages_urls.organization_urlpatterns)),
    path(_("events/"), include("events.feed_urls")),
    path(_("events/"), include("events.urls")),
    path(_("activities/"), include("activities.urls")),
    path(_("municipalities/"), include((pages_urls.municipality_urlpatterns, "municipalities"))),
    path(_("search/"), include("search.urls")),
    path(_("account/"), include("accounts.urls")),
    path(_("my-association/"), include("selfservice.urls")),
    path(_("calendar-feeds/"), include("importers.urls")),
    path(_("coordinator/"), include("moderation.urls")),
    path(_("register-check/"), include("importers.registry_urls")),
    path(_("check/"), include("freshness.urls")),
    path(_("municipality-cards/"), include("cards.urls")),
    path(_("news/"), include("news.urls")),
    path(_("programme/"), include("programme.urls")),
    path(_("cooperation/"), include("cooperation.urls")),
    path(_("materials/"), include("materials.urls")),
    path(_("surveys/"), include("surveys.urls")),
    path(_("newsletter/"), include("newsletter.urls")),
    path(_("widget/"), include("widget.urls")),
    path("", include("privacy.urls")),
    path("", namespace(core_urls, *pages_urls.home_urlpatterns)),
    prefix_default_language=True,
)
