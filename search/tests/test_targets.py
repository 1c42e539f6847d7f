"""What a query is about, learned from the index (search/targets.py), and the query
rules that came with it: possessive suffixes, the typo budget of long compounds and
the head synonyms of compounds (docs/search.md, "Described needs")."""

import pytest

from organizations.tests.factories import OrganizationFactory
from search.index import rebuild_search_index
from search.models import SearchAssociation
from search.query import allowed_typos, parse_query
from search.services import search
from search.targets import TOTALS, Associations, count_rows
from search.thesaurus import load_vocabulary
from taxonomy.tests.factories import TopicFactory

FISHING, CULTURE = ("topic", "kalastus"), ("topic", "kulttuuri")
TAGS = {FISHING: frozenset({"_kalastus"}), CULTURE: frozenset({"_kulttuuri"})}


def titles(query, **kwargs):
    return [hit.title for hit in search(query, **kwargs).hits]


def _associations(rows) -> Associations:
    entries, per_target, per_term, term_targets = count_rows(rows, TAGS)
    return Associations(
        entries=entries,
        target_entries=dict(per_target),
        term_entries=dict(per_term),
        term_targets={t: dict(c) for t, c in term_targets.items()},
    )


def test_a_word_points_at_the_target_its_entries_carry_more_often_than_others():
    rows = [("pilkki", "ja järvi", "_kalastus")] * 4
    rows += [("kuoro", "ja laulu", "_kulttuuri")] * 12
    counts = _associations(rows)

    idf, gains = counts.lift("pilkki")
    assert idf > 1 and set(gains) == {FISHING}
    # P(fishing | pilkki), smoothed towards the 1/4 of all entries, minus that 1/4.
    assert gains[FISHING] == pytest.approx((4 + 4 * 0.25) / (4 + 4) - 0.25)
    # A word in every entry says nothing; a word in one entry is not trusted.
    assert counts.lift("ja") == (0.0, {})
    assert counts.lift("harvinainen") == (0.0, {})


@pytest.mark.django_db
def test_the_associations_are_counted_at_index_time_and_follow_new_entries():
    fishing = TopicFactory(slug="kalastus", name_fi="Kalastus", name_sv="", name_en="")
    for n in range(3):
        OrganizationFactory(name_fi=f"Pilkkijät {n} ry", topics=[fishing])
    OrganizationFactory(name_fi="Kuoro ry")

    totals = SearchAssociation.objects.get(term=TOTALS)
    assert totals.entries == 4
    assert totals.targets == "topic:kalastus 3"
    assert SearchAssociation.objects.get(term="ry").entries == 4

    OrganizationFactory(name_fi="Laulajat ry")  # a fifth more than counted: counted again
    assert SearchAssociation.objects.get(term=TOTALS).entries == 5

    rebuild_search_index()
    assert SearchAssociation.objects.get(term=TOTALS).changed == 0


@pytest.mark.django_db
def test_a_need_in_a_sentence_finds_what_carries_its_topic_without_its_other_words(voikko):
    needs = load_vocabulary()["needs"]
    word, slug = next(
        (w, s)
        for w, targets in needs.items()
        for kind, s, weight in targets
        if " " not in w and kind == "topic" and weight >= 0.9
    )
    topic = TopicFactory(slug=slug, name_fi="Erityisaihe", name_sv="", name_en="")
    TopicFactory(slug="muu-aihe", name_fi="Muu aihe", name_sv="", name_en="")
    OrganizationFactory(name_fi="Tukiyhdistys ry", topics=[topic])
    OrganizationFactory(name_fi="Kissaklubi ry")
    OrganizationFactory(name_fi="Kissojen ystävät ry", description_fi=word, topics=[topic])

    # "mistä" makes it a sentence: what carries the need's topic matches without
    # "kissa"; what has every word ranks first; the cat club alone has neither.
    found = titles(f"mistä apua {word} kissa")

    assert found == ["Kissojen ystävät ry", "Tukiyhdistys ry"]
    # A name, not a sentence: every word is still required.
    assert titles(f"{word} kissa") == ["Kissojen ystävät ry"]


@pytest.mark.django_db
def test_a_possessive_suffix_names_whom_a_need_is_for_and_is_not_required(voikko):
    OrganizationFactory(name_fi="Äitien kerho ry", description_fi="Yksinäisyys helpottaa.")

    groups = {g.word: g.optional for g in parse_query("äitini yksinäisyys").groups}

    assert groups == {"äitini": True, "yksinäisyys": False}
    assert parse_query("äitini yksinäisyys").describes_need
    assert not parse_query("yksinäisyys").describes_need


def test_a_long_compound_may_hold_a_typo_in_each_of_its_parts(voikko):
    assert allowed_typos("kuntsaliharjotelu") == 4  # not a word: one per four letters
    assert allowed_typos("kansalaisopisto") == 2  # a word Voikko knows is meant as typed
    assert allowed_typos("kala") == 1
    assert allowed_typos("ja") == 0


@pytest.mark.django_db
def test_a_misspelt_long_compound_finds_the_word(voikko):
    OrganizationFactory(name_fi="Kuntosaliharjoittelu ry")
    OrganizationFactory(name_fi="Kuoro ry")

    assert titles("kuntsaliharjotelu") == ["Kuntosaliharjoittelu ry"]


@pytest.mark.django_db
def test_a_compound_finds_its_modifier_with_a_synonym_of_its_head_below_itself(voikko):
    OrganizationFactory(name_fi="Sählyturnaus")
    OrganizationFactory(name_fi="Salibandyturnaus")
    OrganizationFactory(name_fi="Kuoro ry")

    assert titles("sählyturnaus") == ["Sählyturnaus", "Salibandyturnaus"]
