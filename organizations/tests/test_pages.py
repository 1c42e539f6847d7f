import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Contact, Organization, SocialLink
from organizations.tests.factories import OrganizationFactory
from taxonomy.tests.factories import AudienceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_association_list_opens_in_every_language(client, language):
    OrganizationFactory(name_fi="Kuopion Kuoro ry")
    response = client.get(url("organizations:list", language))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert "Kuopion Kuoro ry" in response.text


def test_the_text_search_narrows_the_list(client):
    OrganizationFactory(name_fi="Kuopion Kuoro ry")
    OrganizationFactory(name_fi="Iisalmen Shakkikerho ry")
    response = client.get(url("organizations:list"), {"q": "kuoro"})
    assert "Kuopion Kuoro ry" in response.text
    assert "Iisalmen Shakkikerho ry" not in response.text


def test_municipality_topic_and_audience_filters_narrow_the_list(client):
    kuopio = MunicipalityFactory(code="297", name_fi="Kuopio", slug="kuopio")
    music = TopicFactory(slug="musiikki")
    seniors = AudienceFactory(slug="ikaantyneet")
    OrganizationFactory(
        name_fi="Osuu kaikkiin ry", municipalities=[kuopio], topics=[music], audiences=[seniors]
    )
    OrganizationFactory(name_fi="Vain Kuopiossa ry", municipalities=[kuopio])
    response = client.get(
        url("organizations:list"),
        {"municipality": "297", "topic": "musiikki", "audience": "ikaantyneet"},
    )
    assert "Osuu kaikkiin ry" in response.text
    assert "Vain Kuopiossa ry" not in response.text
    assert "Löytyi 1 yhdistys" in response.text


def test_dissolved_associations_are_left_out_by_default(client):
    OrganizationFactory(name_fi="Lakannut ry", status=Organization.Status.DISSOLVED)
    assert "Lakannut ry" not in client.get(url("organizations:list", "en")).text


def test_an_htmx_request_gets_only_the_results(client):
    OrganizationFactory(name_fi="Kuopion Kuoro ry")
    response = client.get(url("organizations:list"), {"q": "kuoro"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.text
    assert "Kuopion Kuoro ry" in response.text
    # The count is swapped into the live region that stays on the page.
    assert 'hx-swap-oob="innerHTML"' in response.text
    assert "HX-Request" in response["Vary"]


def test_the_full_page_has_a_form_that_htmx_enhances(client):
    response = client.get(url("organizations:list", "en"))
    assert 'role="status"' in response.text
    assert 'hx-target="#results"' in response.text
    assert 'hx-push-url="true"' in response.text
    assert '<label for="id_municipality">' in response.text


def test_an_unknown_filter_value_gives_a_message_not_an_error(client):
    OrganizationFactory(name_fi="Kuopion Kuoro ry")
    response = client.get(
        url("organizations:list", "en"), {"status": "nonsense", "page": "x", "municipality": "<b>"}
    )
    assert response.status_code == 200
    assert "Some filters were not understood" in response.text
    assert "<b>" not in response.text


def test_the_list_shows_twenty_per_page_with_pagination(client):
    OrganizationFactory.create_batch(25)
    response = client.get(url("organizations:list", "en"))
    assert response.text.count('class="card"') == 20
    assert 'rel="next"' in response.text
    page_two = client.get(url("organizations:list", "en"), {"page": 2})
    assert page_two.text.count('class="card"') == 5
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2' in page_two.text


def list_queries(client, count):
    Organization.objects.all().delete()
    topic = TopicFactory()
    for _ in range(count):
        organization = OrganizationFactory(
            municipalities=[MunicipalityFactory()], topics=[topic], audiences=[AudienceFactory()]
        )
        Contact.objects.create(organization=organization, consent=True, name="Maija")
        SocialLink.objects.create(
            organization=organization, service="facebook", url="https://facebook.com/x"
        )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("organizations:list")).status_code == 200
    return len(queries)


def test_the_list_runs_as_many_queries_for_three_as_for_twenty_five_associations(client):
    assert list_queries(client, 3) == list_queries(client, 25)


def test_the_meta_description_and_the_card_show_text_not_markup(client):
    organization = OrganizationFactory(
        name_fi="Kuoro ry", description_fi="<p>Kuoro <strong>laulaa</strong> joka viikko.</p>"
    )
    detail = client.get(organization.get_absolute_url()).text
    meta = re.search(r'<meta name="description" content="([^"]*)"', detail).group(1)
    assert meta == "Kuoro laulaa joka viikko."
    listing = client.get(url("organizations:list"), {"q": "kuoro"}).text
    card_text = re.search(r'<p class="card__text">(.*?)</p>', listing, re.S).group(1)
    assert card_text == "Kuoro laulaa joka viikko."
