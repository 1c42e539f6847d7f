from search.analysis import finnish_lemmas, index_terms, query_terms_of_word, words
from search.query import parse_query


def test_words_are_case_folded_and_punctuation_separates_them():
    assert words('Kuopion "Eläkeläiset" ry\x00OR*NEAR( )') == [
        "kuopion",
        "eläkeläiset",
        "ry",
        "or",
        "near",
    ]


def test_an_inflected_finnish_word_is_indexed_under_its_lemma(voikko):
    assert "yhdistys" in index_terms("yhdistyksen", "fi")


def test_a_compound_word_is_indexed_whole_and_by_its_parts(voikko):
    terms = index_terms("nuorisoseura", "fi")
    assert {"nuorisoseura", "nuoriso", "seura"} <= set(terms)
    assert "sose" not in terms


def test_swedish_and_english_text_is_stemmed_in_its_own_language():
    assert "förening" in index_terms("föreningen", "sv")
    assert "concert" in index_terms("concerts", "en")


def test_without_voikko_finnish_falls_back_to_snowball(monkeypatch):
    from search import analysis

    monkeypatch.setattr(analysis, "_voikko", lambda: None)
    analysis.finnish_lemmas.cache_clear()
    try:
        assert finnish_lemmas("yhdistyksen") == (("yhdistyks",), ())
    finally:
        analysis.finnish_lemmas.cache_clear()


def test_a_municipality_in_any_case_form_becomes_a_filter(db, voikko):
    from municipalities.tests.factories import MunicipalityFactory

    MunicipalityFactory(code="140", name_fi="Iisalmi", name_sv="Idensalmi")
    MunicipalityFactory(code="297", name_fi="Kuopio", name_sv="Kuopio")
    MunicipalityFactory(code="915", name_fi="Varkaus", name_sv="Varkaus")

    assert parse_query("kuoro Iisalmessa").municipality_codes == ["140"]
    assert parse_query("kuoro Varkauden").municipality_codes == ["915"]
    assert parse_query("kuoro kuopiolaisille").municipality_codes == ["297"]


def test_an_inflected_compound_numeral_is_one_word_and_does_not_break_indexing(voikko):
    # Voikko splits "viidentoista" in the surface but gives no base forms of its parts.
    terms = index_terms("Ryhmään mahtuu viidentoista henkeä", "fi")

    assert {"viidentoista", "viisitoista"} <= set(terms)
    assert "toista" not in terms
    assert "kaksitoista" in query_terms_of_word("kahdentoista")


def test_words_stemmed_by_several_threads_at_once_get_the_stems_one_thread_gives():
    """A threaded server (gunicorn --threads) stems in several threads at the same time."""
    import sys
    import threading

    from search.analysis import _stem

    words_ = [
        f"{stem}{ending}"
        for stem in ("förening", "kör", "idrott", "volunteer", "running", "association")
        for ending in ("", "ar", "en", "s", "ing", "erna")
    ]
    expected = [
        (language, word, _stem(language, word)) for language in ("sv", "en") for word in words_
    ]
    failures = []

    def stem_many():
        try:
            for _round in range(300):
                for language, word, stem in expected:
                    if _stem(language, word) != stem:
                        failures.append((language, word))
        except Exception as error:  # the shared stemmer's garbled word: IndexError
            failures.append(repr(error))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=stem_many) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
