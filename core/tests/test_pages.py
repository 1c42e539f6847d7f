import pytest
from django.urls import reverse
from django.utils import translation

from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


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
