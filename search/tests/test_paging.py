"""Pages of a search are slices of one order: whatever the page size and offset, paging
through gives every match once, in the order one unpaged ranking gives (PostgreSQL
ranks candidates window by window, SQLite every match; both must hold this)."""

import datetime as dt

import factory
import pytest
from django.utils import timezone

from events.tests.factories import EventFactory
from organizations.tests.factories import OrganizationFactory
from search import backends
from search.query import parse_query
from search.services import search

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["as configured", "small windows"])
def windows(request, monkeypatch):
    """The real sizes, and sizes so small that a few dozen matches span many windows,
    each read reaching deeper and the text sample (they change nothing on SQLite)."""
    if request.param == "small windows":
        monkeypatch.setattr(backends, "CANDIDATES_PER_TERM", 4)
        monkeypatch.setattr(backends, "CANDIDATES_DEEP", 8)
        monkeypatch.setattr(backends, "BODY_CANDIDATES", 5)
        monkeypatch.setattr(backends, "WINDOW_ENDS", (3, 10, 25))
    return request.param


def unpaged(query: str, types: list[str] | None = None) -> list[str]:
    """One ranking of every match (the backend, without the API's largest page)."""
    kinds = types
    rows = backends.backend().search(parse_query(query), kinds=kinds, limit=10_000, offset=0)
    return [row.public_id for row in rows]


def paged(query: str, size: int, types: list[str] | None = None) -> list[str]:
    found, offset = [], 0
    while True:
        hits = search(query, types=types, limit=size, offset=offset).hits
        found += [hit.public_id for hit in hits]
        if len(hits) < size:
            return found
        offset += size


def test_pages_of_any_size_give_every_equally_named_association_once_in_order(windows):
    OrganizationFactory.create_batch(105, name_fi=factory.Sequence(lambda n: f"Kuoro {n} ry"))
    OrganizationFactory(name_fi="Kirjasto", description_fi="Kuoro harjoittelee täällä.")
    OrganizationFactory(name_fi="Naiskuoro Helmi", description_fi="Kuoro naisille.")

    order = unpaged("kuoro")

    assert len(order) == len(set(order)) == 107
    for size in (7, 20, 50, 100):
        assert paged("kuoro", size) == order, f"pages of {size}"


def test_pages_give_events_at_the_same_time_once_in_order(windows):
    start = timezone.now() + dt.timedelta(days=10)
    same_time = {"start_time": start, "end_time": start + dt.timedelta(hours=2)}
    # Names out of the order of creation: the first postings read are not the first names.
    EventFactory.create_batch(
        60, name_fi=factory.Sequence(lambda n: f"Konsertti {n * 37 % 101}"), **same_time
    )
    past = timezone.now() - dt.timedelta(days=30)
    EventFactory.create_batch(
        15,
        name_fi=factory.Sequence(lambda n: f"Kevään konsertti {n}"),
        start_time=past,
        end_time=past + dt.timedelta(hours=2),
    )

    order = unpaged("konsertti", ["event"])

    assert len(order) == len(set(order)) == 75
    for size in (1, 9, 20, 100):
        assert paged("konsertti", size, ["event"]) == order, f"pages of {size}"


def test_the_order_is_by_score_and_then_by_name_among_the_matches_ranked_together():
    OrganizationFactory.create_batch(12, name_fi=factory.Sequence(lambda n: f"Kuoro {n} ry"))
    OrganizationFactory(name_fi="Kirjasto", description_fi="Kuoro harjoittelee täällä.")

    hits = search("kuoro", limit=20).hits

    assert hits[-1].title == "Kirjasto", "a match in the text only comes after the names"
    names = [hit.title for hit in hits[:-1]]
    assert names == sorted(names, key=str.casefold)


def test_later_pages_of_a_relaxed_search_are_relaxed_too():
    # No entry has both words: the search answers with entries that have either.
    OrganizationFactory.create_batch(8, name_fi=factory.Sequence(lambda n: f"Kuoro {n}"))
    OrganizationFactory.create_batch(8, name_fi=factory.Sequence(lambda n: f"Soittokunta {n}"))

    first = [hit.public_id for hit in search("kuoro soittokunta", limit=10).hits]
    second = [hit.public_id for hit in search("kuoro soittokunta", limit=10, offset=10).hits]

    assert len(first) == 10
    assert len(second) == 6
    assert not set(first) & set(second)
