"""Topic and municipality suggestions, with the search's Finnish analysis plugged in and
with the plain stand-in."""

import pytest

from cooperation import matching

TOPICS = [
    (1, "ikaihmiset", "Ikäihmiset ja eläkeläisjärjestöt"),
    (2, "liikunta", "Liikunta ja urheilu"),
    (3, "kulttuuri", "Kulttuuri ja taide"),
]
MUNICIPALITIES = [
    (10, "Kuopio", "Kuopio"),
    (11, "Siilinjärvi", "Siilinjärvi"),
    (12, "Vaasa", "Vasa"),
]


@pytest.fixture
def plain_analyser():
    before = matching._analyser
    matching.register_analyser(matching.plain_terms)
    yield
    matching.register_analyser(before)


def test_the_search_registers_the_voikko_analysis():
    from search.analysis import index_terms

    assert matching._analyser is index_terms


def test_voikko_finds_a_topic_inside_a_compound_word():
    text = "Lausuntopyyntö vanhuspalvelujen järjestämisestä"
    assert matching.suggested_topic_ids(text, TOPICS) == [1]


def test_an_inflected_municipality_name_is_found():
    text = "Kuopion ja Siilinjärven yhteinen liikuntapaikkaselvitys"
    assert matching.suggested_municipality_ids(text, MUNICIPALITIES) == [10, 11]
    assert matching.suggested_topic_ids(text, TOPICS) == [2]


def test_a_part_of_a_compound_is_not_a_municipality():
    # "järvi" is a part of Siilinjärvi, not Siilinjärvi.
    assert matching.suggested_municipality_ids("Järven kunnostus", MUNICIPALITIES) == []


def test_a_swedish_name_is_found():
    assert matching.suggested_municipality_ids("Remiss från Vasa stad", MUNICIPALITIES) == [12]


def test_a_text_on_nothing_followed_suggests_nothing():
    assert matching.suggested_topic_ids("Tieliikennelain tekninen muutos", TOPICS) == []


def test_the_plain_analyser_still_finds_inflected_words(plain_analyser):
    assert matching.suggested_municipality_ids("Kuopion kaupunki", MUNICIPALITIES) == [10]
    assert matching.suggested_topic_ids("Kulttuurin ja taiteen rahoitus", TOPICS) == [3]
