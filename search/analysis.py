"""Text analysis shared by indexing and querying: words to the terms the index holds.

Finnish goes through Voikko (lemmas, and the parts of compound words), with the
Snowball Finnish stemmer as the fallback where Voikko is not installed; Swedish and
English through their Snowball stemmers. Every word is analysed once per process
(lru_cache), so indexing a million events costs a dictionary lookup per word.
"""

import functools
import logging
import re
import threading
import unicodedata
from itertools import chain, repeat

import snowballstemmer

logger = logging.getLogger(__name__)

#: A word is a run of letters and digits; everything else separates words.
WORD = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 40
#: A word longer than MAX_WORD_LENGTH somewhere in a text: only then are words cut.
_LONG_WORD = re.compile(rf"[^\W_]{{{MAX_WORD_LENGTH + 1}}}")
MAX_QUERY_WORDS = 8

_STEMMER_NAMES = {"fi": "finnish", "sv": "swedish", "en": "english"}
#: A Snowball stemmer keeps the word it works on in itself: two threads of a threaded
#: server stemming at once garble each other's word (IndexError). One set per thread.
_stemmers = threading.local()


def _stem(language: str, word: str) -> str:
    stemmers = getattr(_stemmers, "by_language", None)
    if stemmers is None:
        stemmers = _stemmers.by_language = {
            code: snowballstemmer.stemmer(name) for code, name in _STEMMER_NAMES.items()
        }
    return stemmers[language].stemWord(word)


def words(text: str) -> list[str]:
    """The words of `text`, case-folded and NFKC-normalised, over-long ones cut short."""
    if not text:
        return []
    text = unicodedata.normalize("NFKC", text).casefold()
    found = WORD.findall(text)
    if _LONG_WORD.search(text):
        return [w[:MAX_WORD_LENGTH] for w in found]
    return found


@functools.cache
def _voikko():
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception as error:  # missing library or dictionary: OSError, VoikkoException
        logger.warning(
            "Voikko is not available (%s): Finnish search falls back to the Snowball "
            "stemmer, without lemmas or compound splitting.",
            error,
        )
        return None


def voikko_available() -> bool:
    return _voikko() is not None


#: A Voikko handle must not be used by two threads at once (a threaded server).
_VOIKKO_LOCK = threading.Lock()
#: What the analysis reads of Voikko's answer; the rest is not kept.
_KEYS = ("BASEFORM", "CLASS", "POSSESSIVE", "SIJAMUOTO", "STRUCTURE", "WORDBASES")


@functools.lru_cache(maxsize=200_000)
def _analyze(word: str) -> tuple[dict, ...]:
    """Voikko's analyses of one word (only _KEYS), each word asked once."""
    voikko = _voikko()
    if voikko is None:
        return ()
    with _VOIKKO_LOCK:
        analyses = voikko.analyze(word)
    return tuple({k: a[k] for k in _KEYS if k in a} for a in analyses)


_PART = re.compile(r"\(([^)]*)\)")


def _compound_parts(wordbases: str) -> list[str]:
    """The lexical parts of a Voikko WORDBASES string: +nuoriso(nuoriso)+seura(seura)."""
    parts = []
    for base in _PART.findall(wordbases or ""):
        if base and not base.startswith("+"):
            parts.extend(p for p in base.casefold().split("=") if p)
    return parts


def _segments(word: str, structure: str) -> list[str]:
    """The surface parts of a compound from Voikko's STRUCTURE: lento|pallo|turnaus."""
    segments, current, i = [], "", 0
    for mark in structure or "":
        if mark == "=":
            if current:
                segments.append(current)
            current = ""
            continue
        if i >= len(word):
            break
        current += word[i]
        i += 1
    current += word[i:]
    if current:
        segments.append(current)
    return [s.strip("-") for s in segments if s.strip("-")]


def _head_split(word: str) -> tuple[str, str] | None:
    """A word Voikko does not know, split before the longest known noun it ends with.

    höntsäsähly -> (höntsä, sähly). Only for unknown words of 8+ letters, with a head of
    at least four letters and a modifier of at least three.
    """
    voikko = _voikko()
    if voikko is None or len(word) < 8 or not word.isalpha():
        return None
    for start in range(3, len(word) - 3):
        head = word[start:]
        nouns = [a for a in _analyze(head) if a.get("CLASS") == "nimisana"]
        if nouns:
            return word[:start], nouns[0]["BASEFORM"].casefold()
    return None


@functools.lru_cache(maxsize=1_000_000)
def finnish_analysis(word: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(lemmas, compound parts, head) of a Finnish word.

    The parts of a compound are the base forms Voikko gives (nuoriso, seura), the
    surface parts before the last (muisti in muistisairaudet), the joined runs of
    neighbouring parts (lentopallo in lentopalloturnaus) and the head: the last part
    in its base form (sairaus, kuoro in naiskuoroissa), which is what the compound is.
    Of the analyses that split the word, the one with the fewest parts wins:
    nuoriso+seura rather than nuori+sose+ura. Without Voikko: ((snowball stem,), (), "").
    """
    if word.isdigit():
        return (word,), (), ""  # a number: every stemmer leaves it as it is
    voikko = _voikko()
    if voikko is None:
        return (_stem("fi", word),), (), ""
    analyses = _analyze(word)
    if not analyses:
        split = _head_split(word)
        stem = _stem("fi", word)
        if split:
            return (stem,), split, split[1]
        return (stem,), (), ""
    lemmas = tuple(dict.fromkeys(a["BASEFORM"].casefold() for a in analyses if "BASEFORM" in a))
    splits = []
    for a in analyses:
        parts, segments = (
            _compound_parts(a.get("WORDBASES", "")),
            _segments(word, a.get("STRUCTURE", "")),
        )
        if len(parts) > 1 or len(segments) > 1:
            splits.append((max(len(parts), len(segments)), parts, segments, a))
    if not splits:
        return lemmas, _derivation_bases(analyses, lemmas), ""
    _size, parts, segments, analysis = min(splits, key=lambda s: s[0])
    parts = list(parts)
    lemma = analysis.get("BASEFORM", "").casefold().replace("-", "")
    head = ""
    if len(segments) > 1:
        prefix = "".join(segments[:-1])
        if lemma.startswith(prefix) and len(lemma) > len(prefix) + 1:
            head = lemma[len(prefix) :]
        elif parts:
            head = parts[-1]
        else:
            # Split in the surface but with no base forms of parts: a compound numeral in
            # an inflected form (viiden|toista of viisitoista). One word, not a compound.
            return lemmas, (), ""
        parts += segments[:-1]
        # Runs of neighbouring parts: lentopallo and palloturnaus in lentopalloturnaus.
        for size in range(2, len(segments)):
            parts.append("".join(segments[:size]))
            parts.append("".join(segments[-size:-1]) + head)
        parts.append(head)
    elif parts:
        head = parts[-1]
    parts = tuple(p for p in dict.fromkeys(parts) if len(p) > 1 and p not in lemmas)
    return lemmas, parts, head


#: Word classes whose derivation bases are kept: nouns and adjectives (a verb's base is
#: its lemma already: kiusaaminen -> kiusata).
_DERIVED_CLASSES = ("nimisana", "laatusana", "nimisana_laatusana")


def _derivation_bases(analyses, lemmas) -> tuple[str, ...]:
    """The word a derived noun or adjective is made from, as Voikko gives it in
    WORDBASES: kalastus, kalastaja -> kalastaa; leivonta -> leipoa; masennus -> masentaa.
    Kept as the word's parts, as a compound's are (leipomiskurssi -> leipoa, kurssi)."""
    found = []
    for a in analyses:
        if a.get("CLASS") not in _DERIVED_CLASSES:
            continue
        bases = _compound_parts(a.get("WORDBASES", ""))
        if len(bases) == 1 and bases[0] not in lemmas and len(bases[0]) > 3:
            found.append(bases[0])
    return tuple(dict.fromkeys(found))


def derivation_bases(word: str) -> tuple[str, ...]:
    """The derivation bases of a non-compound word (finnish_analysis' parts of it)."""
    _lemmas, parts, head = finnish_analysis(word)
    return () if head else parts


#: Heads too generic to say what a compound is about: sydän|yhdistys, sähly|vuoro.
GENERIC_HEADS = frozenset(
    "yhdistys seura kerho ry tapahtuma ilta päivä vuoro ryhmä toiminta tilaisuus".split()
)


@functools.lru_cache(maxsize=1_000_000)
def _is_nominative_noun(word: str) -> bool:
    if _voikko() is None:
        return True
    analyses = _analyze(word)
    if not analyses:
        return True  # an unknown word: a name or a new compound
    return any(
        a.get("SIJAMUOTO") == "nimento" and a.get("CLASS") in ("nimisana", "nimisana_laatusana")
        for a in analyses
    )


@functools.lru_cache(maxsize=100_000)
def name_head_terms(name: str) -> tuple[str, ...]:
    """The head of a Finnish name: its last noun in the nominative, and its compound head.

    Varkauden Naiskuoro ry -> naiskuoro, kuoro; Kokkikoulu lapsille -> kokkikoulu, koulu;
    Kuoron kevätkonsertti -> kevätkonsertti, konsertti. What the thing named is.
    """
    for word in reversed(words(name)):
        if word in ("ry", "rf", "ry:n") or word.isdigit() or len(word) < 3:
            continue
        if _is_nominative_noun(word):
            lemmas, _parts, head = finnish_analysis(word)
            return tuple(dict.fromkeys((word, *lemmas, *([head] if head else []))))
    return ()


def is_known_word(word: str) -> bool:
    """Whether Voikko knows the word, in any form (False without Voikko)."""
    return bool(_analyze(word))


#: Voikko's word classes that say how, not what: adverbs, pronouns, conjunctions,
#: adpositions, interjections and the negation verb.
FUNCTION_CLASSES = frozenset(
    "seikkasana asemosana sidesana suhdesana huudahdussana kieltosana".split()
)


def is_function_word(word: str) -> bool:
    """Whether every reading of a Finnish word is a function word's (tänne, ketään, enkä)."""
    analyses = _analyze(word)
    return bool(analyses) and all(a.get("CLASS") in FUNCTION_CLASSES for a in analyses)


def has_function_reading(word: str) -> bool:
    """Whether some reading of a Finnish word is a function word's (juuri: also "just")."""
    return any(a.get("CLASS") in FUNCTION_CLASSES for a in _analyze(word))


#: Voikko's local cases of where and from where (inessive, elative, adessive, ablative):
#: "pihalta", "koulussa", "jäällä". Not the cases of where to (kauppaan, kuoroon).
LOCAL_CASES = frozenset("sisaolento sisaeronto ulkoolento ulkoeronto".split())


def is_local_case(word: str) -> bool:
    """Whether every reading of a Finnish word is a noun in a local case of where or from
    where: the circumstance of a need ("löysin kissan pihalta"), not what it is about."""
    analyses = _analyze(word)
    return bool(analyses) and all(
        a.get("SIJAMUOTO") in LOCAL_CASES and a.get("CLASS") in _DERIVED_CLASSES for a in analyses
    )


def has_possessive(word: str) -> bool:
    """Whether a Finnish word has a possessive suffix in every reading: äitini, lapsellemme."""
    analyses = _analyze(word)
    return bool(analyses) and all(a.get("POSSESSIVE") for a in analyses)


def finnish_lemmas(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(lemmas, compound parts) of a Finnish word; ((snowball stem,), ()) without Voikko."""
    lemmas, parts, _head = finnish_analysis(word)
    return lemmas, parts


def _clear_caches() -> None:
    for cached in (_analyze, finnish_analysis, index_terms_of_word, word_and_part_terms):
        cached.cache_clear()
    for cached in (_is_nominative_noun, name_head_terms):
        cached.cache_clear()
    for cached in (query_terms_of_word, query_parts_of_word):
        cached.cache_clear()


finnish_lemmas.cache_clear = _clear_caches  # the analyses below it are the caches


@functools.lru_cache(maxsize=1_000_000)
def index_terms_of_word(word: str, language: str) -> tuple[str, ...]:
    """Every term a word of `language` is indexed under: itself, lemmas, compound parts."""
    if word.isdigit():
        return (word,)
    if language == "fi":
        lemmas, parts = finnish_lemmas(word)
        return tuple(dict.fromkeys((word, *lemmas, *parts)))
    return tuple(dict.fromkeys((word, _stem(language, word))))


@functools.lru_cache(maxsize=1_000_000)
def word_and_part_terms(word: str, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the word's own terms, its compound parts) as indexed: names keep them apart."""
    if language == "fi":
        lemmas, parts = finnish_lemmas(word)
        return tuple(dict.fromkeys((word, *lemmas))), parts
    return tuple(dict.fromkeys((word, _stem(language, word)))), ()


@functools.lru_cache(maxsize=50_000)
def query_terms_of_word(word: str) -> tuple[str, ...]:
    """The terms a query word may match, in any of the three languages.

    Compound parts are kept apart (query_parts_of_word): `seura` finds `nuorisoseura`
    as a whole word does, while `nuorisoseura` finds a mere `seura` only as a weak match.
    """
    lemmas, _parts = finnish_lemmas(word)
    stems = (_stem("sv", word), _stem("en", word))
    return tuple(dict.fromkeys((word, *lemmas, *stems)))


@functools.lru_cache(maxsize=50_000)
def query_parts_of_word(word: str) -> tuple[str, ...]:
    """The head and the first part of a compound query word: sählyvuoro -> vuoro, sähly."""
    lemmas, parts, head = finnish_analysis(word)
    if not parts:
        return ()
    found = [head] if head and head not in GENERIC_HEADS else []
    # The first surface part is the modifier: muisti in muistisairaudet.
    firsts = [p for p in parts if word.startswith(p) and len(p) >= 3]
    if firsts:
        found.append(min(firsts, key=len))
    return tuple(p for p in dict.fromkeys(found) if p and len(p) >= 3 and p not in lemmas)


def index_terms(text: str, language: str) -> list[str]:
    """The terms of a text in `language` ("fi", "sv" or "en"), in order, with repeats."""
    return list(chain.from_iterable(map(index_terms_of_word, words(text), repeat(language))))


def strip_demonym(lemma: str) -> str | None:
    """kuopiolainen -> kuopio, iisalmelainen -> iisalme; None if not a -lainen word."""
    for suffix in ("lainen", "läinen"):
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            return lemma[: -len(suffix)]
    return None
