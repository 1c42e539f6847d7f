"""Topics and municipalities suggested for a consultation from its text.

The Finnish analysis with lemmas and compound parts (Voikko) lives in the site search,
a layer above this app. Rather than borrow it sideways or move Voikko down, this module
takes an analyser plugged in from above: search's AppConfig.ready() registers its
`index_terms` (`register_analyser`). Without search (or before it is ready) a plain
analyser stands in: case-folded words through the Snowball Finnish stemmer, which
handles inflection (Kuopion -> kuopio) but not compounds. Topic keywords and names go
through the same analyser as the text, so both sides always agree.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable

import snowballstemmer

Analyser = Callable[[str, str], list[str]]

_WORD = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("finnish")


def plain_terms(text: str, language: str = "fi") -> list[str]:
    """Case-folded words and their Snowball stems: the analyser used without search."""
    found = _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())
    return [term for word in found for term in {word, _STEMMER.stemWord(word)}]


_analyser: Analyser = plain_terms


def register_analyser(analyser: Analyser) -> None:
    """Make `analyser(text, language)` (terms of a text) the one suggestions use."""
    global _analyser
    _analyser = analyser


#: Words that appear in topic names but say nothing of a consultation's subject.
STOP_TERMS = frozenset("ja sekä tai järjestö toiminta ala työ yhdistys liitto ry".split())

#: Words a consultation uses for a topic beside the topic's own name, by topic slug.
TOPIC_KEYWORDS = {
    "liikunta": "liikunta urheilu liikuntapaikka uimahalli",
    "kulttuuri": "kulttuuri taide kirjasto museo teatteri",
    "sosiaali-terveys": "sosiaalihuolto terveydenhuolto sote hyvinvointialue terveyspalvelu",
    "potilas-vammais": "vammainen vammaispalvelu esteettömyys potilas omaishoito",
    "mielenterveys-paihde": "mielenterveys päihde päihdepalvelu riippuvuus",
    "nuoriso": "nuoriso nuori nuorisotyö",
    "lapsiperheet": "lapsiperhe lapsi perhe varhaiskasvatus neuvola",
    "ikaihmiset": "ikäihminen vanhus vanhuspalvelu ikääntynyt eläkeläinen",
    "kyla-asukas": "kylä asukas asukastoiminta maaseutu",
    "ymparisto": "ympäristö luonto ilmasto luonnonsuojelu",
    "metsastys-kalastus": "metsästys kalastus riista",
    "maanpuolustus": "maanpuolustus varautuminen valmiussuunnitelma",
    "aatteelliset": "uskonnollinen seurakunta",
    "kansainvalisyys": "maahanmuuttaja kotoutuminen monikulttuurisuus",
    "koulutus": "koulutus opetus opinto sivistys",
    "vapaaehtoistoiminta": "vapaaehtoinen vapaaehtoistoiminta järjestöavustus avustus",
}


def _own_terms(word: str) -> frozenset[str]:
    # A keyword or name stands for itself (and its stem), never for its compound parts:
    # "vanhuspalvelu" must not match every text that mentions a "palvelu".
    return frozenset((word, _STEMMER.stemWord(word)))


def _phrase_words(phrase: str) -> list[str]:
    words = _WORD.findall(unicodedata.normalize("NFKC", phrase).casefold())
    return [w for w in words if w not in STOP_TERMS and len(w) > 2]


def _text_terms(text: str) -> frozenset[str]:
    """The text's terms as the analyser gives them: with Voikko, lemmas and compound
    parts too, so a keyword "vanhus" is found in "vanhuspalvelujen"."""
    return frozenset(_analyser(text or "", "fi"))


def suggested_topic_ids(text: str, topics: Iterable[tuple[int, str, str]]) -> list[int]:
    """Ids of the topics (id, slug, Finnish name) the text speaks of."""
    text_terms = _text_terms(text)
    found = []
    for pk, slug, name in topics:
        words = _phrase_words(f"{name} {TOPIC_KEYWORDS.get(slug, '')}")
        if any(_own_terms(word) & text_terms for word in words):
            found.append(pk)
    return found


def suggested_municipality_ids(
    text: str, municipalities: Iterable[tuple[int, str, str]]
) -> list[int]:
    """Ids of the municipalities (id, Finnish name, Swedish name) the text names."""
    text_terms = _text_terms(text)
    found = []
    for pk, name_fi, name_sv in municipalities:
        for name in filter(None, (name_fi, name_sv)):
            words = _WORD.findall(unicodedata.normalize("NFKC", name).casefold())
            if words and all(_own_terms(word) & text_terms for word in words):
                found.append(pk)
                break
    return found
