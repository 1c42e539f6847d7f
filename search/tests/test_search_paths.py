"""The shortcuts of a search give what ranking every match gives: the candidates read
from the name postings (PostgreSQL), reading deeper when they fill no page (two common
words that are rarely together in a name), and totals known from the ranking."""

import pytest
from django.db import connection

from organizations.tests.factories import OrganizationFactory
from search import backends
from search.services import search

pytestmark = pytest.mark.django_db


def titles(query, **kwargs):
    return [hit.title for hit in search(query, **kwargs).hits]


def every_match_ranked(monkeypatch):
    """The reference: no candidates, every match of the text ranked."""
    monkeypatch.setattr(backends.PostgresBackend, "bounded", lambda *a, **k: False)


def _two_common_words():
    """Thirty names with each word, and four matches with the one word in a name where
    it is not the head (so that every other name comes first in the postings) and the
    other word in the description."""
    for n in range(30):
        OrganizationFactory(name_fi=f"Kuoro {n} ry", description_fi="Laulamme yhdessä.")
        OrganizationFactory(name_fi=f"Soittokunta {n} ry", description_fi="Soitamme.")
    for n in range(4):
        OrganizationFactory(name_fi=f"Kuoro Kaiku {n} ry", description_fi="Soittokunta mukana.")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite ranks every match")
def test_words_rarely_together_in_a_name_are_found_by_reading_deeper(monkeypatch):
    _two_common_words()
    monkeypatch.setattr(backends, "CANDIDATES_PER_TERM", 1)
    monkeypatch.setattr(backends, "CANDIDATES_DEEP", 100)
    monkeypatch.setattr(backends, "WINDOW_ENDS", (3,))  # the page is the first window
    monkeypatch.setattr(backends, "BODY_CANDIDATES", 0)  # the text sample is not needed
    reads = []
    candidates = backends.PostgresBackend.candidates

    def spy(self, parsed, *, kinds, wanted, deep=False):
        found = candidates(self, parsed, kinds=kinds, wanted=wanted, deep=deep)
        reads.append((deep, len(found)))
        return found

    monkeypatch.setattr(backends.PostgresBackend, "candidates", spy)
    results = search("kuoro soittokunta", limit=3)
    # A few postings of each word (twice the window), then all 64 names with either word.
    assert not reads[0][0] and reads[0][1] < 64
    assert reads[1] == (True, 64)

    every_match_ranked(monkeypatch)
    expected = search("kuoro soittokunta", limit=3)
    assert [h.title for h in results.hits] == [h.title for h in expected.hits]
    assert results.hits[0].title.startswith("Kuoro Kaiku")
    assert results.total == expected.total == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite ranks every match")
def test_without_enough_names_the_text_matches_are_ranked_too(monkeypatch):
    _two_common_words()
    monkeypatch.setattr(backends, "CANDIDATES_PER_TERM", 1)
    monkeypatch.setattr(backends, "CANDIDATES_DEEP", 1)
    found = titles("kuoro soittokunta", limit=3)

    every_match_ranked(monkeypatch)
    assert found == titles("kuoro soittokunta", limit=3)
    assert len(found) == 3


@pytest.mark.parametrize("limit", [5, 30])
def test_the_total_is_the_number_of_matches_up_to_the_cap(monkeypatch, limit):
    for n in range(25):
        OrganizationFactory(name_fi=f"Lukupiiri {n}", description_fi="Luemme.")
    OrganizationFactory(name_fi="Kirjasto", description_fi="Lukupiiri kokoontuu.")
    assert search("lukupiiri", limit=limit).total == 26
    assert search("lukupiiri", limit=limit, offset=3).total == 26

    monkeypatch.setattr(backends, "COUNT_CAP", 10)
    monkeypatch.setattr("search.services.COUNT_CAP", 10)
    results = search("lukupiiri", limit=5)
    assert (results.total, results.total_is_capped) == (10, True)
