import factory
import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.tests.factories import EventFactory
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def url(name, language="en"):
    with translation.override(language):
        return reverse(name)


def test_the_search_api_answers_in_the_linked_events_envelope(client):
    OrganizationFactory(name_fi="Kuoro Kaiku ry", public_id="test:kuoro")
    EventFactory(name_fi="Kuoron konsertti")

    body = client.get("/api/v1/search/", {"q": "kuoro", "type": "organization"}).json()

    assert body["meta"]["count"] == 1
    assert body["data"][0]["id"] == "test:kuoro"
    assert body["data"][0]["type"] == "organization"
    assert body["data"][0]["name"] == {"fi": "Kuoro Kaiku ry"}


def test_q_on_an_api_list_uses_the_search(client, voikko):
    OrganizationFactory(name_fi="Kuopion Nuorisoseura ry")
    OrganizationFactory(name_fi="Kyläyhdistys ry")

    body = client.get("/api/v1/organization/", {"q": "seuran"}).json()

    assert [o["name"]["fi"] for o in body["data"]] == ["Kuopion Nuorisoseura ry"]


def test_the_search_page_lists_mixed_results(client):
    OrganizationFactory(name_fi="Kuoro Kaiku ry")
    EventFactory(name_fi="Kuoron konsertti")

    text = client.get(url("search:results"), {"q": "kuoro"}).text

    assert "Kuoro Kaiku ry" in text and "2 results" in text


def test_autocomplete_gives_htmx_the_listbox_options(client):
    OrganizationFactory(name_fi="Kuopion Eläkeläiset ry")

    response = client.get(url("search:autocomplete"), {"q": "kuop"}, headers={"HX-Request": "true"})

    assert 'role="option"' in response.text
    assert "Kuopion Eläkeläiset ry" in response.text


def test_autocomplete_without_javascript_leads_to_the_search_page(client):
    response = client.get(url("search:autocomplete"), {"q": "kuop"})

    assert response.status_code == 302
    assert response["Location"].startswith(url("search:results"))


def test_the_home_search_box_is_an_aria_combobox_that_works_as_a_form(client):
    text = client.get(url("core:home")).text

    assert 'role="combobox"' in text and 'role="listbox"' in text
    assert f'action="{url("search:results")}"' in text


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(query=st.text(max_size=300))
def test_any_text_is_a_harmless_query(client, query):
    from search.services import autocomplete, search

    assert search(query).total >= 0
    assert isinstance(autocomplete(query), list)
    assert client.get("/api/v1/search/", {"q": query}).status_code == 200
    assert client.get("/api/v1/event/", {"q": query}).status_code == 200
    assert client.get(url("search:results"), {"q": query}).status_code == 200
    assert client.get(url("organizations:list"), {"q": query}).status_code == 200


def test_the_search_api_searches_once_per_page_and_pages_right(client, monkeypatch):
    from search import api, services

    for number in range(25):
        OrganizationFactory(name_fi=f"Kuoro {number:02d} ry")
    calls = []

    def counted_search(*args, **kwargs):
        calls.append(kwargs)
        return services.search(*args, **kwargs)

    monkeypatch.setattr(api, "search", counted_search)
    first = client.get("/api/v1/search/", {"q": "kuoro", "page_size": 10}).json()
    assert len(calls) == 1
    second = client.get("/api/v1/search/", {"q": "kuoro", "page_size": 10, "page": 3}).json()
    assert len(calls) == 2
    assert first["meta"]["count"] == second["meta"]["count"] == 25
    expected = [hit.public_id for hit in services.search("kuoro", limit=5, offset=20).hits]
    assert [item["id"] for item in second["data"]] == expected
    assert second["meta"]["next"] is None


def test_the_search_api_pages_past_the_counted_matches(client):
    OrganizationFactory.create_batch(105, name_fi=factory.Sequence(lambda n: f"Kuoro {n} ry"))

    first = client.get("/api/v1/search/", {"q": "kuoro", "page_size": 50}).json()
    third = client.get("/api/v1/search/", {"q": "kuoro", "page_size": 50, "page": 3}).json()

    assert first["meta"]["count"] == 100  # counted up to 100, more exist
    assert first["meta"]["next"]
    second = client.get(first["meta"]["next"]).json()
    assert len(second["data"]) == 50
    assert second["meta"]["next"], "more than 100 match: the page after the count is linked"
    assert len(third["data"]) == 5
    assert third["meta"]["next"] is None
    ids = {hit["id"] for page in (first, second, third) for hit in page["data"]}
    assert len(ids) == 105
