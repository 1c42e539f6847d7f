import pytest
from django.urls import reverse
from django.utils import translation

from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from taxonomy.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_home_page_opens_in_every_language(client, language):
    response = client.get(url("core:home", language))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text


def test_the_home_page_searches_everything_from_one_box(client):
    text = client.get(url("core:home", "en")).text
    assert f'action="{url("search:results", "en")}"' in text
    assert 'name="q"' in text


def test_the_home_page_shows_upcoming_events_municipalities_topics_and_counts(client):
    EventFactory(name_fi="Kevätkonsertti")
    MunicipalityFactory(name_fi="Kuopio", slug="kuopio")
    TopicFactory(slug="musiikki", name_en="Music")
    OrganizationFactory.create_batch(3)
    text = client.get(url("core:home", "en")).text
    assert "Kevätkonsertti" in text
    assert url("municipalities:detail", "en", slug="kuopio") in text
    assert "?topic=musiikki" in text and "Music" in text
    assert "<strong>3</strong> associations" in text


def test_every_page_has_a_skip_link_main_landmark_and_navigation(client):
    text = client.get(url("core:home", "en")).text
    assert '<a class="skip-link" href="#main">' in text
    assert '<main id="main"' in text
    assert url("events:map", "en") in text
    assert "/api/v1/docs/" in text


def test_the_language_switcher_links_to_the_same_page_in_each_language(client):
    organization = OrganizationFactory()
    text = client.get(url("organizations:detail", "en", public_id=organization.public_id)).text
    for language in ["fi", "sv"]:
        target = url("organizations:detail", language, public_id=organization.public_id)
        assert f'<a href="{target}" lang="{language}" hreflang="{language}">' in text
        assert f'<link rel="alternate" hreflang="{language}" href="{target}">' in text
    assert 'hreflang="en" aria-current="true"' in text


def test_the_language_switcher_keeps_the_filters(client):
    text = client.get(url("organizations:list", "en"), {"q": "kuoro"}).text
    assert f'href="{url("organizations:list", "sv")}?q=kuoro"' in text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_about_page_opens_in_every_language(client, language):
    assert client.get(url("core:about", language)).status_code == 200
