import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from activities.models import Activity
from activities.tests.factories import ActivityFactory, WeeklySlotFactory
from municipalities.tests.factories import MunicipalityFactory
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_activity_list_opens_in_every_language(client, language):
    ActivityFactory(name_fi="Lukupiiri")
    response = client.get(url("activities:list", language))
    assert response.status_code == 200
    assert "Lukupiiri" in response.text


def test_the_list_shows_the_weekly_schedule_in_words(client):
    activity = ActivityFactory(name_fi="Lukupiiri")
    WeeklySlotFactory(activity=activity, weekday=2, start=dt.time(17, 30), end=dt.time(19))
    response = client.get(url("activities:list", "en"))
    assert "Tuesdays 17:30–19:00" in response.text


def test_kind_and_participation_filters_narrow_the_list(client):
    ActivityFactory(name_fi="Vertaistuki puhelimessa", kind="support", participation=["phone"])
    ActivityFactory(name_fi="Kuoro", kind="hobby", participation=["on_site"])
    response = client.get(
        url("activities:list", "en"), {"kind": "support", "participation": "phone"}
    )
    assert "Vertaistuki puhelimessa" in response.text
    assert "Kuoro" not in response.text


def test_municipality_topic_audience_language_and_price_filters_narrow_the_list(client):
    kuopio = MunicipalityFactory(code="297")
    activity = ActivityFactory(
        name_fi="Osuu", municipalities=[kuopio], topics=[TopicFactory(slug="t")]
    )
    activity.audiences.set([AudienceFactory(slug="a")])
    activity.in_language.set([LanguageFactory(code="sv", name_fi="ruotsi")])
    ActivityFactory(name_fi="Ei osu", municipalities=[kuopio], is_free=False)
    response = client.get(
        url("activities:list", "en"),
        {"municipality": "297", "topic": "t", "audience": "a", "language": "sv", "is_free": "true"},
    )
    assert "Osuu" in response.text
    assert "Ei osu" not in response.text


def test_an_activity_both_on_site_and_online_is_called_hybrid(client):
    ActivityFactory(participation=["on_site", "online"])
    assert "Hybrid: on site or online" in client.get(url("activities:list", "en")).text


def test_an_htmx_request_gets_only_the_activity_results(client):
    ActivityFactory(name_fi="Lukupiiri")
    response = client.get(url("activities:list"), HTTP_HX_REQUEST="true")
    assert "<html" not in response.text
    assert "Lukupiiri" in response.text


def test_an_unknown_kind_gives_a_message_not_an_error(client):
    response = client.get(url("activities:list", "en"), {"kind": "dancing", "is_free": "x"})
    assert response.status_code == 200
    assert "Some filters were not understood" in response.text


def list_queries(client, count):
    Activity.objects.all().delete()
    for _ in range(count):
        activity = ActivityFactory(municipalities=[MunicipalityFactory()], topics=[TopicFactory()])
        WeeklySlotFactory(activity=activity)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("activities:list")).status_code == 200
    return len(queries)


def test_the_activity_list_runs_as_many_queries_for_three_as_for_twenty_five(client):
    assert list_queries(client, 3) == list_queries(client, 25)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_activity_page_opens_in_every_language(client, language):
    activity = ActivityFactory(name_fi="Lukupiiri")
    response = client.get(url("activities:detail", language, public_id=activity.public_id))
    assert response.status_code == 200
    assert "Lukupiiri" in response.text


def test_the_activity_page_shows_schedule_price_accessibility_and_contact(client):
    activity = ActivityFactory(
        name_fi="Lukupiiri",
        kind="hobby",
        is_free=False,
        price_fi="20 € / kausi",
        accessibility=["wheelchair"],
        contact_phone="040 123 4567",
        contact_email="lukupiiri@example.org",
    )
    WeeklySlotFactory(activity=activity, weekday=4, start=dt.time(10), end=dt.time(11, 30))
    response = client.get(url("activities:detail", "en", public_id=activity.public_id))
    for text in [
        "Hobby",
        "Thursdays 10:00–11:30",
        "20 € / kausi",
        "Wheelchair accessible",
        'href="tel:0401234567"',
        "lukupiiri@example.org",
        activity.organizer.name,
    ]:
        assert text in response.text


def test_an_unknown_activity_is_not_found(client):
    assert client.get(url("activities:detail", "en", public_id="test:nope")).status_code == 404
