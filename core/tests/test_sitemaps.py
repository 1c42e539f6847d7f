"""robots.txt and the sitemaps: search engines are sent to every public page, and only there."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from activities.tests.factories import ActivityFactory
from core.models import PublicationStatus
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from news.tests.factories import NewsPostFactory
from newsletter.models import Issue
from newsletter.tests.factories import IssueFactory
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "http://testserver"


@pytest.fixture(autouse=True)
def fresh_cache():
    """The sitemap views are cached for an hour; each test reads its own data."""
    cache.clear()
    yield
    cache.clear()


def locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", NS)]


def section(client, name: str) -> list[str]:
    return locations(client, f"/sitemap-{name}.xml")


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_sections(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")}
    # The sections for signed-in people, in each language's own words.
    assert {"/fi/oma-yhdistys/", "/sv/min-forening/", "/en/my-association/"} <= disallowed
    assert {"/fi/admin/", "/sv/admin/", "/en/admin/", "/api/", "/*?"} <= disallowed
    # The public sections stay open.
    assert not any(path.startswith(("/fi/jarjestot", "/fi/tapahtumat")) for path in disallowed)
    assert "Allow: /sitemap" in lines


def test_the_index_lists_a_section_per_kind_and_language(client):
    sections = locations(client, "/sitemap.xml")

    for kind in ("pages", "associations", "events", "activities", "news", "municipalities"):
        for language in ("fi", "sv", "en"):
            assert f"{HOST}/sitemap-{kind}-{language}.xml" in sections


def test_public_associations_are_listed_in_each_language_and_hidden_ones_are_not(client):
    listed = OrganizationFactory(public_id="test:kuoro")
    OrganizationFactory(public_id="test:luonnos", publication_status=PublicationStatus.DRAFT)
    OrganizationFactory(public_id="test:lakannut", status=Organization.Status.DISSOLVED)

    assert section(client, "associations-fi") == [f"{HOST}/fi/jarjestot/test:kuoro/"]
    assert section(client, "associations-sv") == [f"{HOST}/sv/foreningar/test:kuoro/"]
    with translation.override("en"):
        english = listed.get_absolute_url()
    assert section(client, "associations-en") == [f"{HOST}{english}"]


def test_events_from_today_on_are_listed_and_past_ones_and_drafts_are_not(client):
    now = timezone.now()
    coming = EventFactory(start_time=now + dt.timedelta(days=3))
    EventFactory(start_time=now - dt.timedelta(days=3), end_time=now - dt.timedelta(days=2))
    EventFactory(publication_status=PublicationStatus.DRAFT)

    assert section(client, "events-fi") == [f"{HOST}/fi/tapahtumat/{coming.public_id}/"]


def test_the_other_kinds_list_their_public_pages(client):
    activity = ActivityFactory()
    ActivityFactory(publication_status=PublicationStatus.DRAFT)
    post = NewsPostFactory()
    NewsPostFactory(published_at=timezone.now() + dt.timedelta(days=1))  # scheduled
    kuopio = MunicipalityFactory(slug="kuopio", name_fi="Kuopio")
    sent = IssueFactory(status=Issue.Status.SENT, sent_at=timezone.now())
    IssueFactory(status=Issue.Status.DRAFT)

    def path(url):
        return url.removeprefix(HOST)

    with translation.override("sv"):
        swedish = activity.get_absolute_url()
    assert [path(u) for u in section(client, "activities-sv")] == [swedish]
    assert len(section(client, "news-fi")) == 1 and post.public_id in section(client, "news-fi")[0]
    municipalities = {path(u) for u in section(client, "municipalities-fi")}
    assert f"/fi/kunnat/{kuopio.slug}/" in municipalities
    assert any(u.endswith(f"/{kuopio.slug}/") for u in section(client, "municipality-cards-sv"))
    issues = section(client, "newsletters-fi")
    assert len(issues) == 1 and issues[0].endswith(f"/{sent.pk}/")
    pages = {path(u) for u in section(client, "pages-fi")}
    assert {"/fi/", "/fi/jarjestot/", "/fi/tapahtumat/"} <= pages


def test_each_listed_page_answers(client):
    OrganizationFactory()
    EventFactory()
    ActivityFactory()
    NewsPostFactory()
    MunicipalityFactory()
    urls = [
        url
        for name in ("pages", "associations", "events", "activities", "news", "municipalities")
        for language in ("fi", "sv", "en")
        for url in section(client, f"{name}-{language}")
    ]
    assert len(urls) >= 3 * 5
    for url in urls:
        assert client.get(url.removeprefix(HOST)).status_code == 200, url


def test_a_section_page_costs_the_same_queries_with_ten_or_a_hundred_events(client):
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            section(client, "events-fi")
        return len(captured)

    EventFactory.create_batch(10)
    few = queries()
    EventFactory.create_batch(90)
    assert queries() == few
    assert len(section(client, "events-fi")) == 100


def test_a_long_section_is_split_into_pages_the_index_names(client, monkeypatch):
    from core.sitemaps import LanguageSitemap

    monkeypatch.setattr(LanguageSitemap, "limit", 2)
    for n in range(5):
        OrganizationFactory(public_id=f"test:org-{n}")

    index = locations(client, "/sitemap.xml")
    pages = [url for url in index if "/sitemap-associations-fi.xml" in url]
    assert len(pages) == 3
    found = [u for page in pages for u in locations(client, page.removeprefix(HOST))]
    assert sorted(found) == sorted(f"{HOST}/fi/jarjestot/test:org-{n}/" for n in range(5))
