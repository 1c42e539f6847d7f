"""Residents' own words (issue 14, docs/search.md "Described needs"): derived words,
words of how rather than what, rarer words weighing more, generic gatherings, compounds
the index lacks and the broader concept of an unknown word."""

import pytest

from organizations.tests.factories import OrganizationFactory
from search.analysis import index_terms_of_word
from search.query import parse_query
from search.services import search
from taxonomy.tests.factories import TopicFactory


def titles(query, **kwargs):
    return [hit.title for hit in search(query, **kwargs).hits]


def groups(query):
    return {g.word: g for g in parse_query(query).groups}


def test_a_derived_word_is_indexed_with_the_word_it_is_derived_from(voikko):
    assert "kalastaa" in index_terms_of_word("kalastus", "fi")
    assert "kalastaa" in index_terms_of_word("kalastajat", "fi")
    assert "leipoa" in index_terms_of_word("leivonta", "fi")


@pytest.mark.django_db
def test_a_derived_word_finds_another_word_derived_from_the_same_word(voikko):
    OrganizationFactory(name_fi="Masennus ry")
    OrganizationFactory(name_fi="Pelaajat ry")
    OrganizationFactory(name_fi="Kuoro ry")

    # masentunut and masennus are made from masentaa, pelaaja from pelata.
    assert titles("masentunut") == ["Masennus ry"]
    assert titles("pelata") == ["Pelaajat ry"]


@pytest.mark.django_db
def test_a_word_of_how_is_neither_corrected_nor_expanded(voikko):
    OrganizationFactory(name_fi="Suuri Kuoro ry", description_fi="Mistä laulu?")
    OrganizationFactory(name_fi="Muistiyhdistys ry", description_fi="Muisti ja muistaa.")

    # "juuri" (just) is not a misspelt "suuri", and "mistä" (from where) brings no
    # synonyms of its own.
    assert "juuri" not in groups("juuri kuoro")
    assert groups("mistä kuoro")["mistä"].synonyms == ()
    assert groups("mistä kuoro")["mistä"].optional


@pytest.mark.django_db
def test_a_rarer_word_of_a_query_weighs_more_than_a_common_one(voikko):
    for n in range(6):
        OrganizationFactory(name_fi=f"Koulu {n} ry")
    OrganizationFactory(name_fi="Kiusaamisen ehkäisy ry", description_fi="Koulu")
    OrganizationFactory(name_fi="Toinen kiusaamisen ehkäisy ry")

    found = groups("kiusaaminen koulu")

    assert found["kiusaaminen"].weight > 1 > found["koulu"].weight
    assert titles("kiusaaminen koulu")[0] == "Kiusaamisen ehkäisy ry"


@pytest.mark.django_db
def test_a_word_for_a_generic_gathering_is_optional_among_other_words(voikko):
    OrganizationFactory(name_fi="Kuoro ry", description_fi="Ryhmä laulaa.")
    OrganizationFactory(name_fi="Lukuryhmä ry")

    found = groups("kuoro ryhmä")

    assert found["ryhmä"].optional and not found["kuoro"].optional
    assert titles("kuoro ryhmä") == ["Kuoro ry"]


@pytest.mark.django_db
def test_a_compound_the_index_lacks_matches_its_parts_as_synonyms(voikko):
    OrganizationFactory(name_fi="Mielenterveysyhdistys ry")

    group = groups("mielenterveysongelmat")["mielenterveysongelmat"]

    assert group.terms == () and "mielenterveys" in group.synonyms


@pytest.mark.django_db
def test_a_word_the_index_lacks_predicts_its_topic_by_its_broader_concept(voikko):
    # liikuntarajoitteiset is narrower than vammaiset in the vocabulary (concepts.tsv);
    # of its parts the index has liikunta, which alone would point elsewhere.
    topic = TopicFactory(slug="vammais", name_fi="Vammaisjärjestöt", name_sv="", name_en="")
    TopicFactory(slug="muu", name_fi="Muu aihe", name_sv="", name_en="")
    for place in ("Kuopion", "Iisalmen", "Varkauden"):
        OrganizationFactory(name_fi=f"{place} Vammaiset ry", topics=[topic])
    for name in ("Kuoro", "Kalastajat", "Martat", "Teatteri", "Hiihtäjät", "Kyläseura"):
        OrganizationFactory(name_fi=f"{name} ry", description_fi="Liikunta")

    targets = parse_query("liikuntarajoitteiset").targets

    assert [tags for tags, _weight in targets] == [("_vammaisjärjestö", "_vammaisjärjestöt")]


@pytest.mark.django_db
def test_an_english_or_swedish_word_the_index_lacks_finds_its_finnish_translation(voikko):
    OrganizationFactory(name_fi="Yksinäisten ystävät ry")
    OrganizationFactory(name_fi="Kuoro ry")

    # Neither "lonely" nor "ensam" is in the index or the vocabulary; WikDict translates
    # both to yksinäinen (search/vocabulary/translations.tsv).
    assert titles("lonely") == ["Yksinäisten ystävät ry"]
    assert titles("ensam") == ["Yksinäisten ystävät ry"]
    assert "yksinäinen" in groups("lonely")["lonely"].synonyms


@pytest.mark.django_db
def test_a_finnish_word_is_not_translated(voikko):
    OrganizationFactory(name_fi="Kuoro ry")

    # "kuorot" is Finnish (Voikko knows it): found as itself, never through a dictionary.
    assert groups("kuorot")["kuorot"].synonyms == ()


@pytest.mark.django_db
def test_support_and_stod_are_words_of_asking_like_tuki(voikko):
    OrganizationFactory(name_fi="Kuurot ry", description_fi="Support and stöd for the deaf.")

    assert groups("support kuurot")["support"].optional
    assert groups("stöd kuurot")["stöd"].optional
    assert titles("support kuurot") == ["Kuurot ry"]


@pytest.mark.django_db
def test_a_circumstance_in_a_local_case_yields_to_a_rarer_word_in_a_need(voikko):
    OrganizationFactory(name_fi="Eläinsuojeluyhdistys ry", description_fi="Löysitkö kissan?")
    for n in range(6):
        OrganizationFactory(name_fi=f"Pihapiiri {n} ry", description_fi="Piha ja puutarha")

    found = groups("löysin kissan pihalta")

    # pihalta (from the yard) is where, kissan (a cat) what: the rarer word is required.
    assert found["pihalta"].optional and not found["kissan"].optional
    assert titles("löysin kissan pihalta")[0] == "Eläinsuojeluyhdistys ry"


@pytest.mark.django_db
def test_a_rarer_word_in_a_local_case_stays_required(voikko):
    OrganizationFactory(name_fi="Läksykerho ry", description_fi="Apua läksyihin.")
    for n in range(6):
        OrganizationFactory(name_fi=f"Lapsi {n} ry", description_fi="Lapsi ja perhe")

    found = groups("lapsi tarvitsee apua läksyissä")

    # läksyissä is rarer than lapsi: what the need is about, though in a local case.
    assert not found["läksyissä"].optional
    assert titles("lapsi tarvitsee apua läksyissä")[0] == "Läksykerho ry"


def test_an_inflected_english_word_is_translated_by_its_stem():
    from search.thesaurus import translations

    assert "vaikeus" in translations("difficulties")
    assert translations("lonely") == ("yksinäinen",)


@pytest.mark.django_db
def test_a_compound_the_index_lacks_weighs_as_its_rarest_part(voikko):
    OrganizationFactory(name_fi="Reumayhdistys ry", description_fi="Vertaistuki ja reuma.")
    for n in range(6):
        OrganizationFactory(name_fi=f"Vertaistukiryhmä {n}", description_fi="Vertaistuki potilas")
        OrganizationFactory(name_fi=f"Kuoro {n} ry")

    found = groups("reumapotilaiden vertaistuki")

    # reumapotilaiden (not in the index) matches reuma and potilas; reuma is the rare,
    # telling part, so the word weighs more than the common vertaistuki.
    assert found["reumapotilaiden"].weight > 1 > found["vertaistuki"].weight
    assert titles("reumapotilaiden vertaistuki")[0] == "Reumayhdistys ry"
