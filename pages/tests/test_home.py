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
