"""Volunteering tasks have a list page of their own, with the activity list's filters."""

import pytest
from django.urls import reverse
from django.utils import translation

from activities.tests.factories import ActivityFactory
from municipalities.tests.factories import MunicipalityFactory
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def url(language="fi"):
    with translation.override(language):
        return reverse("activities:volunteering")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_volunteering_list_opens_in_every_language(client, language):
    ActivityFactory(name_fi="Kauppa-apu", kind="volunteering")
    response = client.get(url(language))
    assert response.status_code == 200
    assert "Kauppa-apu" in response.text


def test_the_volunteering_list_shows_only_volunteering_tasks(client):
    ActivityFactory(name_fi="Kauppa-apu", kind="volunteering")
    ActivityFactory(name_fi="Kuoro", kind="hobby")
    text = client.get(url("en")).text
    assert "Kauppa-apu" in text
    assert "Kuoro" not in text
    assert "1 volunteering task found" in text


def test_a_kind_in_the_address_does_not_widen_the_volunteering_list(client):
    ActivityFactory(name_fi="Kuoro", kind="hobby")
    assert "Kuoro" not in client.get(url(), {"kind": "hobby"}).text


def test_municipality_topic_audience_and_language_filters_narrow_the_list(client):
    kuopio = MunicipalityFactory(code="297")
    task = ActivityFactory(
        name_fi="Osuu",
        kind="volunteering",
        municipalities=[kuopio],
        topics=[TopicFactory(slug="t")],
    )
    task.audiences.set([AudienceFactory(slug="a")])
    task.in_language.set([LanguageFactory(code="sv", name_fi="ruotsi")])
    ActivityFactory(name_fi="Ei osu", kind="volunteering", municipalities=[kuopio])
    response = client.get(
        url("en"), {"municipality": "297", "topic": "t", "audience": "a", "language": "sv"}
    )
    assert "Osuu" in response.text
    assert "Ei osu" not in response.text


def test_the_filter_form_offers_the_activity_filters_but_not_the_kind(client):
    form = client.get(url("en")).context["fields"]
    names = [field.name for field in form]
    assert {"municipality", "topic", "audience", "language"} <= set(names)
    assert "kind" not in names


def test_an_htmx_request_gets_only_the_results(client):
    ActivityFactory(name_fi="Kauppa-apu", kind="volunteering")
    response = client.get(url("en"), headers={"HX-Request": "true"})
    assert "Kauppa-apu" in response.text
    assert "<html" not in response.text


def test_skills_wanted_and_time_commitment_are_shown_when_given(client):
    task = ActivityFactory(
        name_fi="Kauppa-apu",
        kind="volunteering",
        skills_wanted_fi="Ajokortti",
        time_commitment_fi="2 tuntia viikossa",
    )
    for path in (url("en"), task.get_absolute_url()):
        text = client.get(path).text
        assert "Ajokortti" in text
        assert "2 tuntia viikossa" in text


def test_the_skills_and_time_rows_are_left_out_when_empty(client):
    task = ActivityFactory(name_fi="Kauppa-apu", kind="volunteering")
    with translation.override("en"):
        text = client.get(task.get_absolute_url()).text
    assert "Skills wanted" not in text
    assert "Time commitment" not in text


def test_the_api_lists_volunteering_tasks_by_kind(client):
    ActivityFactory(name_fi="Kauppa-apu", kind="volunteering")
    ActivityFactory(name_fi="Kuoro", kind="hobby")
    data = client.get("/api/v1/activity/?kind=volunteering").json()["data"]
    assert [item["name"]["fi"] for item in data] == ["Kauppa-apu"]


def test_the_volunteering_list_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    for n in range(5):
        ActivityFactory(name_fi=f"Tehtävä {n}", kind="volunteering")
    with django_assert_max_num_queries(16):
        client.get(url())
