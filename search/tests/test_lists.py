"""`q` on the lists: the search looks among the rows the list's other filters keep, every
page is in the search's order, and the count is that of the kept matches."""

import datetime as dt

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import filtering
from events.tests.factories import EventFactory
from organizations.tests.factories import OrganizationFactory
from search import services

pytestmark = pytest.mark.django_db


def ids(body) -> list[str]:
    return [item["id"] for item in body["data"]]


def test_a_date_window_keeps_its_matches_even_when_better_ones_lie_outside_it(client, monkeypatch):
    # Fewer kept matches than there are better ones in other years.
    monkeypatch.setattr(services, "MATCHING_IDS_CAP", 4)
    soon = timezone.now() + dt.timedelta(days=2)
    EventFactory.create_batch(6, name_fi="Konsertti", start_time=soon)
    later = timezone.now() + dt.timedelta(days=400)
    in_window = EventFactory.create_batch(
        3, name_fi="Kevään konsertti", description_fi="Konsertti.", start_time=later
    )
    start, end = (later - dt.timedelta(days=1)).date(), (later + dt.timedelta(days=1)).date()

    body = client.get("/api/v1/event/", {"q": "konsertti", "start": start, "end": end}).json()

    assert body["meta"]["count"] == 3
    assert sorted(ids(body)) == sorted(e.public_id for e in in_window)


def test_the_linked_events_text_parameter_finds_what_q_finds(client):
    EventFactory.create_batch(3, name_fi=factory.Sequence(lambda n: f"Kuorokonsertti {n}"))
    EventFactory(name_fi="Luento")

    by_q = client.get("/api/v1/event/", {"q": "kuorokonsertti"}).json()
    by_text = client.get("/api/v1/event/", {"text": "kuorokonsertti"}).json()

    assert by_text["meta"]["count"] == by_q["meta"]["count"] == 3
    assert ids(by_text) == ids(by_q)


@pytest.mark.parametrize("size", [3, 7, 25])
def test_pages_of_a_list_search_are_slices_of_its_order(client, size):
    OrganizationFactory.create_batch(40, name_fi=factory.Sequence(lambda n: f"Kuoro {n} ry"))
    OrganizationFactory(name_fi="Naiskuoro Helmi")
    OrganizationFactory(name_fi="Kirjasto", description_fi="Kuoro harjoittelee täällä.")
    OrganizationFactory(name_fi="Shakkikerho")

    whole = client.get("/api/v1/organization/", {"q": "kuoro", "page_size": 100}).json()
    paged, page = [], 1
    while True:
        body = client.get(
            "/api/v1/organization/", {"q": "kuoro", "page_size": size, "page": page}
        ).json()
        assert body["meta"]["count"] == 42
        paged += ids(body)
        if not body["meta"]["next"]:
            break
        page += 1

    assert whole["meta"]["count"] == 42
    assert paged == ids(whole)
    assert len(set(paged)) == 42


def test_only_the_rows_up_to_the_page_are_ranked_and_the_rest_is_counted(client, monkeypatch):
    OrganizationFactory.create_batch(30, name_fi=factory.Sequence(lambda n: f"Kuoro {n} ry"))
    calls = []
    matching_ids = services.matching_ids

    def spy(model, query, **kwargs):
        found = matching_ids(model, query, **kwargs)
        calls.append((kwargs["ranked"], found[1], len(found[0])))
        return found

    monkeypatch.setattr(services, "matching_ids", spy)
    body = client.get("/api/v1/organization/", {"q": "kuoro", "page_size": 5, "page": 2}).json()

    assert calls == [(10, 10, 30)]
    assert body["meta"]["count"] == 30
    assert len(body["data"]) == 5


@pytest.fixture
def ten_counted(monkeypatch):
    """Lists searched by text count their matches to 10 (or twice the page's end)."""
    monkeypatch.setattr(filtering, "LIST_COUNTED", 10)


def test_a_long_list_counts_its_matches_a_little_past_the_page_and_next_is_right(
    client, ten_counted
):
    OrganizationFactory.create_batch(30, name_fi=factory.Sequence(lambda n: f"Kuoro {n} ry"))
    url, params = "/api/v1/organization/", {"q": "kuoro", "page_size": 5}
    pages, counts = [], []
    body = client.get(url, params).json()
    while True:
        pages.append(ids(body))
        counts.append(body["meta"]["count"])
        if not body["meta"]["next"]:
            break
        body = client.get(body["meta"]["next"]).json()

    # Counted to 10 on page 1 (more match), to twice the page's end after: 20, then all 30.
    assert counts == [10, 20, 30, 30, 30, 30]
    walked = [i for page in pages for i in page]
    assert len(walked) == len(set(walked)) == 30
    assert walked == ids(client.get(url, {"q": "kuoro", "page_size": 30}).json())


def test_a_count_that_stopped_says_more_than_on_the_list_page(client, monkeypatch):
    monkeypatch.setattr(filtering, "LIST_MATCHES", 10)
    OrganizationFactory.create_batch(12, name_fi=factory.Sequence(lambda n: f"Kuoro {n} ry"))
    OrganizationFactory.create_batch(3, name_fi=factory.Sequence(lambda n: f"Bändi {n} ry"))

    capped = client.get("/fi/jarjestot/", {"q": "kuoro"}).content.decode()
    exact = client.get("/fi/jarjestot/", {"q": "bändi"}).content.decode()

    assert "Löytyi yli 10 yhdistystä" in capped
    assert "Löytyi 3 yhdistystä" in exact and "yli" not in exact.split("Löytyi")[1][:10]


def test_a_list_sorted_by_time_keeps_every_match_not_the_best_few(client, ten_counted):
    soon = timezone.now() + dt.timedelta(days=3)
    events = [
        EventFactory(name_fi=f"Konsertti {n}", start_time=soon + dt.timedelta(days=n))
        for n in range(25)
    ]
    # The earliest concert ranks last: only its description has the word.
    events[0].name_fi, events[0].description_fi = "Ilta", "Konsertti."
    events[0].save()

    body = client.get(
        "/api/v1/event/", {"q": "konsertti", "sort": "start_time", "page_size": 5}
    ).json()

    assert body["meta"]["count"] == 25
    assert ids(body) == [e.public_id for e in events[:5]]


def test_a_searched_list_is_paged_from_the_search_without_counting_its_rows_again(client):
    OrganizationFactory.create_batch(12, name_fi=factory.Sequence(lambda n: f"Kuoro {n} ry"))
    OrganizationFactory(name_fi="Shakkikerho")
    whole = client.get("/api/v1/organization/", {"q": "kuoro", "page_size": 100}).json()

    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/organization/", {"q": "kuoro", "page_size": 5, "page": 2})

    assert body.json()["meta"]["count"] == 12
    assert ids(body.json()) == ids(whole)[5:10]
    # Django's count() of the list (its own filters and `id IN` the matches) is not asked.
    assert not [q["sql"] for q in queries if '"__count"' in q["sql"]]
