"""Counts (the API's meta.count, the home page): exact under LARGE_COUNT, kept a minute above."""

import pytest
from django.core.cache import cache

from core import counting
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def count(client, query: str = "") -> int:
    return client.get(f"/api/v1/event/{query}").json()["meta"]["count"]


def test_a_small_count_is_always_exact(client):
    EventFactory.create_batch(3)
    assert count(client) == 3
    EventFactory()
    assert count(client) == 4


def test_a_large_count_is_kept_for_a_minute(client, monkeypatch):
    monkeypatch.setattr(counting, "LARGE_COUNT", 3)
    EventFactory.create_batch(3)
    assert count(client) == 3
    EventFactory()
    assert count(client) == 3  # kept
    assert count(client, "?page_size=2&page=2") == 3  # any page of the same list
    cache.clear()  # as a minute later
    assert count(client) == 4


def test_the_home_page_keeps_a_large_count_and_counts_a_small_one_exactly(client, monkeypatch):
    from django.urls import reverse

    monkeypatch.setattr(counting, "LARGE_COUNT", 3)
    EventFactory.create_batch(3)
    assert client.get(reverse("core:home")).context["event_count"] == 3
    EventFactory()
    assert client.get(reverse("core:home")).context["event_count"] == 3  # kept
    monkeypatch.setattr(counting, "LARGE_COUNT", 100)
    cache.clear()
    assert client.get(reverse("core:home")).context["event_count"] == 4
    EventFactory()
    assert client.get(reverse("core:home")).context["event_count"] == 5  # small: exact


def test_each_filter_has_its_own_count(client, monkeypatch):
    monkeypatch.setattr(counting, "LARGE_COUNT", 2)
    EventFactory.create_batch(2, is_free=True)
    EventFactory.create_batch(3, is_free=False)
    assert count(client) == 5
    assert count(client, "?is_free=true") == 2
    assert count(client, "?is_free=false") == 3


def test_a_filter_that_matches_nothing_counts_zero(client):
    EventFactory.create_batch(2)
    response = client.get("/api/v1/event/?q=0")
    assert response.status_code == 200
    assert response.json()["meta"] == {"count": 0, "next": None, "previous": None}
