"""Listings unconfirmed for 18 months leave the default results, but nothing is deleted."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

HELSINKI = dt.timezone(dt.timedelta(hours=2))
NOW = dt.datetime(2026, 9, 1, 9, 0, tzinfo=HELSINKI)
STALE = NOW - dt.timedelta(days=549)  # SAKKE_STALE_AFTER_DAYS is 548
FRESH = NOW - dt.timedelta(days=547)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def listings():
    """In Kuopio: a fresh and a stale association, each with a volunteering task."""
    kuopio = MunicipalityFactory(code="297", slug="kuopio", name_fi="Kuopio")
    fresh = OrganizationFactory(name_fi="Tuore ry", municipalities=[kuopio])
    stale = OrganizationFactory(name_fi="Vanhentunut ry", municipalities=[kuopio])
    ActivityFactory(
        name_fi="Tuore kerho", organizer=fresh, kind="volunteering", municipalities=[kuopio]
    )
    ActivityFactory(
        name_fi="Vanha kerho", organizer=stale, kind="volunteering", municipalities=[kuopio]
    )
    Organization.objects.filter(pk=fresh.pk).update(confirmed_at=FRESH)
    Organization.objects.filter(pk=stale.pk).update(confirmed_at=STALE)
    Activity.objects.filter(organizer=fresh).update(confirmed_at=FRESH)
    Activity.objects.filter(organizer=stale).update(confirmed_at=STALE)
    return {
        "kuopio": kuopio,
        "organization": stale,
        "activity": Activity.objects.get(name_fi="Vanha kerho"),
    }


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


LIST_PAGES = ["organizations:list", "activities:list", "activities:volunteering"]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_a_stale_listing_leaves_the_default_list(client, listings, name):
    text = client.get(url(name)).text
    assert "Tuore" in text
    assert "Vanh" not in text


@pytest.mark.parametrize("name", LIST_PAGES)
def test_include_stale_brings_a_stale_listing_back_to_the_list(client, listings, name):
    text = client.get(url(name), {"include_stale": "true"}).text
    assert "Tuore" in text
    assert "Vanh" in text


@pytest.mark.parametrize(
    ("path", "fresh", "stale"),
    [
        ("/api/v1/organization/", "Tuore ry", "Vanhentunut ry"),
        ("/api/v1/activity/", "Tuore kerho", "Vanha kerho"),
        ("/api/v1/activity/?kind=volunteering", "Tuore kerho", "Vanha kerho"),
    ],
)
def test_a_stale_listing_leaves_the_api_list_unless_asked_for(client, listings, path, fresh, stale):
    def names(query):
        data = client.get(path + query).json()["data"]
        return {item["name"]["fi"] for item in data}

    joiner = "&" if "?" in path else "?"
    assert names("") == {fresh}
    assert names(joiner + "include_stale=true") == {fresh, stale}


def test_a_stale_listing_leaves_the_municipality_page(client, listings):
    text = client.get(url("municipalities:detail", slug="kuopio")).text
    assert "Tuore ry" in text and "Tuore kerho" in text
    assert "Vanhentunut ry" not in text and "Vanha kerho" not in text


def test_a_stale_association_is_not_counted_on_the_municipality_list(client, listings):
    response = client.get(url("municipalities:list"))
    kuopio = next(m for m in response.context["municipalities"] if m.code == "297")
    assert kuopio.organization_count == 1


def test_stale_listings_are_not_counted_on_the_home_page(client, listings):
    response = client.get(url("core:home"))
    assert response.context["organization_count"] == 1
    assert response.context["activity_count"] == 1


def test_a_stale_listing_stays_in_the_database(listings):
    assert Organization.objects.filter(pk=listings["organization"].pk).exists()
    assert Activity.objects.filter(pk=listings["activity"].pk).exists()


def test_a_stale_listing_keeps_its_detail_page_and_says_it_is_old(client, listings):
    for listing in (listings["organization"], listings["activity"]):
        response = client.get(listing.get_absolute_url())
        assert response.status_code == 200
        assert "Not checked for a long time" in response.text


def test_list_rows_and_detail_pages_show_when_the_information_was_checked(client, listings):
    checked = f'Information checked</dt><dd><time datetime="{FRESH.isoformat()}">{FRESH:%-d.%-m.%Y}'
    organization = Organization.objects.get(name_fi="Tuore ry")
    activity = Activity.objects.get(name_fi="Tuore kerho")
    with translation.override("en"):
        pages = [
            url("organizations:list", "en"),
            url("activities:list", "en"),
            organization.get_absolute_url(),
            activity.get_absolute_url(),
        ]
    for path in pages:
        assert checked in client.get(path).text, path


def test_a_stale_listing_stays_reachable_in_the_api_detail(client, listings):
    stale = (("organization", listings["organization"]), ("activity", listings["activity"]))
    for kind, listing in stale:
        response = client.get(f"/api/v1/{kind}/{listing.public_id}/")
        assert response.status_code == 200, kind
