import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from events.models import Event
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_municipality_list_opens_in_every_language(client, language):
    MunicipalityFactory(name_fi="Kuopio")
    response = client.get(url("municipalities:list", language))
    assert response.status_code == 200
    assert "Kuopio" in response.text


def test_the_municipality_list_counts_active_associations(client):
    kuopio = MunicipalityFactory(name_fi="Kuopio")
    OrganizationFactory.create_batch(2, municipalities=[kuopio])
    OrganizationFactory(municipalities=[kuopio], status=Organization.Status.DISSOLVED)
    assert "2 associations" in client.get(url("municipalities:list", "en")).text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_municipality_page_opens_in_every_language(client, language):
    kuopio = MunicipalityFactory(name_fi="Kuopio", slug="kuopio")
    response = client.get(url("municipalities:detail", language, slug=kuopio.slug))
    assert response.status_code == 200
    assert "<h1>Kuopio</h1>" in response.text


def test_the_municipality_page_shows_only_what_happens_there(client):
    kuopio = MunicipalityFactory(name_fi="Kuopio", slug="kuopio")
    elsewhere = MunicipalityFactory(name_fi="Iisalmi", slug="iisalmi")
    OrganizationFactory(name_fi="Kuopiolainen ry", municipalities=[kuopio])
    OrganizationFactory(name_fi="Iisalmelainen ry", municipalities=[elsewhere])
    EventFactory(name_fi="Tapahtuma Kuopiossa", location=PlaceFactory(municipality=kuopio))
    EventFactory(name_fi="Tapahtuma Iisalmessa", location=PlaceFactory(municipality=elsewhere))
    ActivityFactory(name_fi="Kerho Kuopiossa", municipalities=[kuopio])
    ActivityFactory(name_fi="Kerho Iisalmessa", municipalities=[elsewhere])
    text = client.get(url("municipalities:detail", "en", slug="kuopio")).text
    assert "Kuopiolainen ry" in text and "Tapahtuma Kuopiossa" in text and "Kerho Kuopiossa" in text
    assert "Iisalmelainen ry" not in text
    assert "Tapahtuma Iisalmessa" not in text
    assert "Kerho Iisalmessa" not in text


def test_a_municipality_with_many_associations_links_to_the_filtered_list(client):
    kuopio = MunicipalityFactory(code="297", slug="kuopio")
    OrganizationFactory.create_batch(21, municipalities=[kuopio])
    text = client.get(url("municipalities:detail", "en", slug="kuopio")).text
    assert "All 21 associations" in text
    assert "?municipality=297" in text


def page_queries(client, count):
    kuopio = MunicipalityFactory(code="297", slug="kuopio")
    for model in (Event, Activity, Organization):
        model.objects.all().delete()
    place = PlaceFactory(municipality=kuopio)
    for _ in range(count):
        organization = OrganizationFactory(municipalities=[kuopio], topics=[TopicFactory()])
        EventFactory(location=place, organizers=[organization])
        ActivityFactory(municipalities=[kuopio], organizer=organization, location=place)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("municipalities:detail", slug="kuopio")).status_code == 200
    return len(queries)


def test_the_municipality_page_runs_as_many_queries_for_three_as_for_twenty_five_items(client):
    assert page_queries(client, 3) == page_queries(client, 25)


def test_an_unknown_municipality_is_not_found(client):
    assert client.get(url("municipalities:detail", "en", slug="atlantis")).status_code == 404
