"""The shipped vocabulary (search/vocabulary/) and the words of a described need."""

import json

import pytest

from events.tests.factories import EventFactory
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from search.query import parse_query
from search.services import search
from search.thesaurus import VOCABULARY, load_vocabulary, need_targets, synonym_phrase_groups
from taxonomy.tests.factories import AudienceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def titles(query, **kwargs):
    return [hit.title for hit in search(query, **kwargs).hits]


def test_the_vocabulary_file_is_the_build_of_its_sources():
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    assert len(data["concepts"]) >= 600
    assert data["colloquial"]["kirppis"] == "kirpputori"
    assert any(label == "sokeritauti" for label in data["concepts"]["c_diabetes"]["labels"]["fi"])


def test_each_concept_and_colloquial_form_is_a_synonym_group():
    groups = [set(g) for g in synonym_phrase_groups()]
    assert any({"diabetes", "sokeritauti"} <= g for g in groups)
    assert {"kirppis", "kirpputori"} in groups


def test_a_need_word_points_at_topics_and_audiences():
    needs = load_vocabulary()["needs"]
    word = next(iter(needs))
    assert need_targets([word]) == [(kind, slug, w) for kind, slug, w in needs[word]]
    assert need_targets(["ei-mikään-sana"]) == []


def test_an_everyday_word_finds_the_official_one(voikko):
    OrganizationFactory(name_fi="Kuopion Diabetesyhdistys ry")
    OrganizationFactory(name_fi="Kuopion Kuoro ry")

    assert titles("sokeritauti") == ["Kuopion Diabetesyhdistys ry"]


def test_a_colloquial_form_finds_the_standard_word_and_the_exact_word_ranks_first(voikko):
    EventFactory(name_fi="Kirpputori")
    EventFactory(name_fi="Kirppis")

    # Both are found; the word typed ranks above its expansion.
    assert titles("kirppis") == ["Kirppis", "Kirpputori"]
    assert titles("kirpputori") == ["Kirpputori", "Kirppis"]


def test_a_phrase_of_the_vocabulary_still_finds_its_words_apart(voikko):
    # "ikäihmisten liikunta" is a label of senioriliikunta: the phrase finds that word
    # and, as before, what has both of its words.
    OrganizationFactory(name_fi="Senioriliikunta ry")
    OrganizationFactory(name_fi="Liikuntaa ikäihmisille ry")
    OrganizationFactory(name_fi="Kuoro ry", description_fi="Liikunta on hyväksi.")

    found = titles("ikäihmisten liikunta")

    assert set(found) == {"Senioriliikunta ry", "Liikuntaa ikäihmisille ry"}


def test_a_phrase_of_the_vocabulary_is_found_among_other_words(voikko):
    # The phrases are looked up by their first word (search.query._phrases): one after
    # another word and before a third is found as one, as at the start of a query.
    OrganizationFactory(name_fi="Senioriliikunta ry")
    OrganizationFactory(name_fi="Kuopion Kuoro ry")

    alone = [g.word for g in parse_query("ikäihmisten liikunta").groups]
    among = [g.word for g in parse_query("kuoro ikäihmisten liikunta kuopio").groups]

    assert alone == ["ikäihmisten liikunta"]
    assert among[:2] == ["kuoro", "ikäihmisten liikunta"]


def test_function_words_of_a_described_need_are_not_required(voikko):
    OrganizationFactory(name_fi="Kuopion Diabetesyhdistys ry")

    # Neither "mistä", "saa" nor "apua" is in the name: only the need itself is required.
    assert titles("mistä saa apua diabetekseen") == ["Kuopion Diabetesyhdistys ry"]
    groups = parse_query("mistä saa apua diabetekseen").groups
    assert [g.word for g in groups if not g.optional] == ["diabetekseen"]


def test_a_need_word_finds_what_carries_its_topic(voikko):
    needs = load_vocabulary()["needs"]
    word, targets = next(
        (w, t) for w, t in needs.items() if " " not in w and any(k == "topic" for k, *_ in t)
    )
    slug = next(s for k, s, _w in targets if k == "topic")
    topic = TopicFactory(slug=slug, name_fi="Erityisaihe", name_sv="", name_en="")
    TopicFactory(slug="muu-aihe", name_fi="Muu aihe", name_sv="", name_en="")
    OrganizationFactory(name_fi="Tukiyhdistys ry", topics=[topic])
    OrganizationFactory(name_fi="Kuoro ry")

    assert titles(word) == ["Tukiyhdistys ry"]


def test_an_audience_word_alone_is_still_required(voikko):
    seniors = AudienceFactory(slug="seniorit", name_fi="Ikäihmiset")
    EventFactory(name_fi="Tuolijumppa", audiences=[seniors])
    EventFactory(name_fi="Lasten disko")

    assert titles("vanhukset") == ["Tuolijumppa"]


def test_a_tag_of_the_query_is_not_matched_as_a_word_of_the_text(voikko):
    # The audience's Swedish name gives the tag _12; the place's street number is 12.
    seniors = AudienceFactory(slug="seniorit", name_fi="Ikäihmiset", name_sv="Äldre 12")
    hall = PlaceFactory(name_fi="Seurantalo", street_address_fi="Kyläntie 12")
    EventFactory(name_fi="Tuolijumppa", audiences=[seniors], location=PlaceFactory())
    EventFactory(name_fi="Lasten disko", location=hall)

    assert titles("vanhukset") == ["Tuolijumppa"]


def test_the_wiktionary_groups_are_shipped_with_their_source_and_licence():
    data = load_vocabulary()
    derived = [row.split("\t")[0].split("|") for row in data["derived"]]
    assert len(derived) >= 10_000
    assert any({"salibandy", "sähly"} <= set(labels) for labels in derived)
    source = next(s for s in data["sources"] if "WikDict" in s["name"])
    assert source["licence"] == "CC BY-SA 3.0"


def test_a_wiktionary_synonym_finds_the_other_word_below_the_word_typed(voikko):
    # "pihdit" and "tongit" are one sense in the Wiktionary-derived groups only.
    OrganizationFactory(name_fi="Tongit ja taltat ry")
    OrganizationFactory(name_fi="Pihdit ry")
    OrganizationFactory(name_fi="Vasarat ry")

    assert titles("pihdit") == ["Pihdit ry", "Tongit ja taltat ry"]


def test_the_fields_everyday_words_find_what_associations_call_it(voikko):
    # Issue 14's coverage additions: a concept of the field with its everyday labels.
    EventFactory(name_fi="Löytöeläinten hoitopäivä")
    EventFactory(name_fi="Kulkukissat kotiin")
    EventFactory(name_fi="Muistisairauksien luento")
    EventFactory(name_fi="Lasten disko")

    # The word typed ranks above its expansion.
    assert titles("kulkukissat") == ["Kulkukissat kotiin", "Löytöeläinten hoitopäivä"]
    assert titles("muistamattomuus") == ["Muistisairauksien luento"]


def test_need_words_of_the_fields_situations_point_at_their_topics():
    assert ("topic", "mielenterveys-paihde", 1.0) in need_targets(["ryypätä"])
    assert ("topic", "mielenterveys-paihde", 0.8) in need_targets(["krapula"])
    assert ("topic", "ymparisto", 0.9) in need_targets(["löytöeläin"])
    assert ("audience", "seniorit", 0.8) in need_targets(["dementoitua"])


def test_a_faculty_or_a_kind_of_culture_is_not_a_need_word():
    # README, "How the coverage additions were made": such words pulled a whole topic
    # above what the query named.
    needs = load_vocabulary()["needs"]
    assert "kuulo" not in needs
    assert "näytelmä" not in needs
