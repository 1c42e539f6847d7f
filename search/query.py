"""From what a visitor typed to the groups of terms the index is asked for.

Each word becomes a group of alternative terms (its lemmas and stems in the three
languages, its synonyms, and close spellings when the word itself is not in the
index); a result must match every group. A word that names a municipality in any
case form ("Iisalmessa", "Varkauden", "kuopiolaisille") becomes a group that also
matches everything in that municipality.
"""

import time
from dataclasses import dataclass, field

from django.db import connection

from municipalities.models import Municipality

from .analysis import (
    GENERIC_HEADS,
    MAX_QUERY_WORDS,
    derivation_bases,
    finnish_analysis,
    finnish_lemmas,
    has_function_reading,
    has_possessive,
    is_function_word,
    is_known_word,
    is_local_case,
    query_parts_of_word,
    query_terms_of_word,
    strip_demonym,
    words,
)
from .documents import facet
from .models import SearchTerm, Synonym
from .targets import associations, predict, rarity
from .thesaurus import (
    broader_labels,
    derived_synonyms,
    need_targets,
    synonym_phrase_groups,
    translations,
)

MAX_QUERY_LENGTH = 500
VOCABULARY_SECONDS = 60
FUZZY_CANDIDATES = 30
FUZZY_KEEP = 3
MAX_TYPOS = 4


#: Words too general to require (they still count when they match): "tapahtumat",
#: "yhdistys", "ry", and the function words of Swedish and English queries. A query of
#: nothing else still requires them.
SOFT_WORDS = frozenset(
    """tapahtuma tapahtumat yhdistys yhdistykset ry rf kerho kerhot toiminta tilaisuus
    ja tai sekä for the and of in on at a an to with och i på för med av en ett till""".split()
)
#: The words a need is described with rather than what it is about: pronouns, question
#: words, auxiliaries and the verbs of asking and wanting, in their base forms (a query
#: word is soft when any of its lemmas is here). "Mistä saa apua, kun mummo unohtelee"
#: requires only mummo and unohdella. They still rank where they match.
NEED_FUNCTION_WORDS = frozenset(
    """olla ei en minä mä mie sinä sä hän me te he se ne tämä tuo nämä nuo joka jotka mikä
    kuka ketkä missä mistä mihin miten kuinka miksi milloin mitä mikä jokin joku jotain
    jotakin jonkun jonkin kukaan mitään kaikki moni muu muut oma omat minun mun meidän
    sinun hänen mulle mulla mua kanssa kuin myös vain vielä jo nyt sitten että kun jos
    niin mutta vaan voida voi haluta tahtoa saada tarvita etsiä löytää kysyä päästä mennä
    tulla pitää kannattaa olisi olisiko onko voiko saako löytyykö apu apua tuki tukea
    jossain jonnekin joskus jotta tms yms esim
    i me my we you want need looking look find where what who how can could some something
    anything any is are there help support please near
    jag mig min vi vill behöver söker hitta var vad vem hur kan något någon finns hjälp
    stöd""".split()
)


@dataclass
class Group:
    """Alternatives for one query word (or a phrase of the synonym list).

    `terms` are the word itself, its lemmas and stems; `synonyms` what the synonym list
    adds; `parts` the head and first part of a compound query word (sähly, vuoro of
    sählyvuoro); `facets` match filter tokens instead of text. A group that is `optional`
    ranks but need not match: generic words and, among other words, audiences.
    """

    word: str
    terms: tuple[str, ...]
    facets: tuple[str, ...] = ()
    is_place: bool = False
    synonyms: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    optional: bool = False
    #: Tag terms ("_"-prefixed) of the topics and audiences a need word points at.
    need_tags: tuple[str, ...] = ()
    #: How much the word counts among the query's words: rarer words more (idf; 1 when
    #: unknown). The backends average the words' points by these weights.
    weight: float = 1.0
    #: For a phrase of the synonym list ("ikäihmisten liikunta"): a group for each of
    #: its words, as if the phrase were not in the list. The phrase matches where its
    #: synonyms are, or where all its words are, and scores the better of the two.
    members: tuple["Group", ...] = ()
    #: In a sentence about a need: a noun in a local case of where or from where
    #: (pihalta), which yields to a rarer required word (_yield_circumstances).
    circumstance: bool = False

    @property
    def tags(self) -> tuple[str, ...]:
        """The topic, audience and organizer terms (stored with a "_" prefix)."""
        return (*("_" + t for t in (*self.terms, *self.synonyms)), *self.need_tags)

    @property
    def all_terms(self) -> tuple[str, ...]:
        return (*self.terms, *self.synonyms, *self.parts, *self.tags)


@dataclass
class ParsedQuery:
    groups: list[Group] = field(default_factory=list)
    municipality_codes: list[str] = field(default_factory=list)
    #: Set by the backend when every required word together matched nothing: then any
    #: of them will do, and the more the better.
    relaxed: bool = False
    #: The topics and audiences the query is about (search/targets.py): (their tag
    #: terms, weight 0..1), a soft boost.
    targets: tuple[tuple[tuple[str, ...], float], ...] = ()
    #: The query describes a need in a sentence ("mieheni juo liikaa"): what carries a
    #: strongly predicted target matches too, without the words.
    describes_need: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def name_groups(self) -> list[Group]:
        """The groups that count towards relevance: the words that are not places."""
        return [
            g
            for g in self.groups
            if not g.is_place and (g.terms + g.synonyms + g.parts + g.need_tags or g.members)
        ]

    @property
    def place_groups(self) -> list[Group]:
        return [g for g in self.groups if g.is_place and g.terms]

    @property
    def required_groups(self) -> list[Group]:
        return [g for g in self.name_groups if not g.optional]

    @property
    def filters(self) -> list[Group]:
        """Groups every result must match, whatever the words: places, municipality."""
        return [g for g in self.groups if g.is_place]

    @property
    def can_relax(self) -> bool:
        return not self.relaxed and len(self.name_groups) > 1


# Vocabularies read from the database, kept for a minute in each process and dropped
# at once in the process that changed them (signals.py).
_cache: dict[str, tuple[float, object]] = {}


def forget_vocabularies() -> None:
    _cache.clear()


def _cached(name, load):
    found = _cache.get(name)
    if found and time.monotonic() - found[0] < VOCABULARY_SECONDS:
        return found[1]
    value = load()
    _cache[name] = (time.monotonic(), value)
    return value


def _lemmas(word: str) -> set[str]:
    return {word, *finnish_lemmas(word)[0]}


@dataclass
class Synonyms:
    """The synonym list: each term's group, and the phrases ("family carer") to find."""

    terms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: (the terms of each word of a phrase, the phrase's group), longest phrases first
    phrases: list[tuple[tuple[frozenset[str], ...], frozenset[str]]] = field(default_factory=list)
    #: {a term of a phrase's first word: the positions in `phrases` of those phrases}
    first_terms: dict[str, list[int]] = field(default_factory=dict)


def _phrase_terms(phrase: str) -> set[str]:
    return set().union(*[query_terms_of_word(w) for w in words(phrase)] or [set()])


def _load_synonyms() -> Synonyms:
    """The admin's synonym groups and the shipped vocabulary's (search.thesaurus)."""
    synonyms = Synonyms()
    word_lists = [synonym.word_list() for synonym in Synonym.objects.all()]
    for word_list in [*word_lists, *synonym_phrase_groups()]:
        group = set()
        for phrase in word_list:
            phrase_words = words(phrase)
            if len(phrase_words) == 1:
                group |= set(query_terms_of_word(phrase_words[0]))
            elif phrase_words:
                # A phrase's own words (like their compound) are a term each, so that
                # "family carer" matches neither every family nor every carer.
                group.add("".join(phrase_words))
        for phrase in word_list:
            phrase_words = words(phrase)
            if len(phrase_words) > 1:
                key = tuple(frozenset(query_terms_of_word(w)) for w in phrase_words)
                synonyms.phrases.append((key, frozenset(group)))
        for term in group:
            synonyms.terms[term] = synonyms.terms.get(term, frozenset()) | frozenset(group)
    synonyms.phrases.sort(key=lambda p: -len(p[0]))
    for position, (key, _group) in enumerate(synonyms.phrases):
        for term in key[0]:
            synonyms.first_terms.setdefault(term, []).append(position)
    return synonyms


def _load_municipalities() -> dict[str, str]:
    names = {}
    for code, *values in Municipality.objects.values_list("code", "name_fi", "name_sv"):
        for value in values:
            for word in words(value or "")[:1]:
                names[word] = code
                for lemma in _lemmas(word):
                    names.setdefault(lemma, code)
    return names


def municipality_match(word: str) -> tuple[str, str] | None:
    """(code, name) of the municipality a word names in any case form: Iisalmessa -> 140."""
    names = _cached("municipalities", _load_municipalities)
    for lemma in sorted(_lemmas(word)):
        for candidate in (lemma, strip_demonym(lemma)):
            if candidate and candidate in names:
                return names[candidate], candidate
    return None


def municipality_of(word: str) -> str | None:
    """The code of the municipality a word names in any case form, e.g. Iisalmessa -> 140."""
    found = municipality_match(word)
    return found[0] if found else None


def _synonyms() -> Synonyms:
    return _cached("synonyms", _load_synonyms)


def _expand(word: str) -> set[str]:
    synonyms = _synonyms().terms
    terms = set(query_terms_of_word(word))
    own = set(terms)
    for term in list(terms):
        terms |= synonyms.get(term, frozenset())
    # The Wiktionary-derived groups, looked up by the word's own terms (base forms); their
    # one-word labels only (a phrase would need the phrase scan of _phrases).
    for label in derived_synonyms(own):
        label_words = words(label)
        if len(label_words) == 1:
            terms |= set(query_terms_of_word(label_words[0]))
    return terms


def _audience_terms() -> frozenset[str]:
    """Query terms naming an audience, in any of its languages (Ikäihmiset, Äldre)."""

    def load():
        from taxonomy.models import Audience

        found = set()
        for names in Audience.objects.values_list("name_fi", "name_sv", "name_en"):
            for name in names:
                for word in words(name or ""):
                    found |= set(query_terms_of_word(word))
        return frozenset(found)

    return _cached("audiences", load)


def target_tags() -> dict[tuple[str, str], frozenset[str]]:
    """{(kind, slug): tags of the words only that topic's (or audience's) names have}.

    Whole words and their lemmas and stems, not compound parts; distinct among the
    targets of the same kind (a topic and an audience may share a name: Lapsiperheet).
    """

    def load():
        from taxonomy.models import Audience, Topic

        own = {}
        for kind, model in (("topic", Topic), ("audience", Audience)):
            for slug, *names in model.objects.values_list("slug", "name_fi", "name_sv", "name_en"):
                terms = set()
                for name in names:
                    for word in words(name or ""):
                        terms |= set(query_terms_of_word(word))
                own[(kind, slug)] = terms - SOFT_WORDS
        distinctive = {}
        for key, terms in own.items():
            others = set().union(*(t for k, t in own.items() if k != key and k[0] == key[0]))
            distinctive[key] = frozenset("_" + t for t in terms - others)
        return distinctive

    return _cached("target_tags", load)


def _need_tags(word: str) -> tuple[str, ...]:
    """The tags of the topics and audiences a word describing a need points at."""
    targets = need_targets(query_terms_of_word(word))
    if not targets:
        return ()
    tags = target_tags()
    return tuple(sorted(set().union(*(tags.get((kind, slug), ()) for kind, slug, _w in targets))))


def _phrases(query_words: list[str]) -> list[tuple[str, frozenset[str] | None]]:
    """The query as words and synonym-list phrases: [("family carers", {terms}), ...]."""
    synonyms = _synonyms()
    terms = [frozenset(query_terms_of_word(w)) for w in query_words]
    found, i = [], 0
    while i < len(query_words):
        # Only the phrases whose first word this word can be, in the list's order (the
        # longest first): scanning the whole list cost a query of two words over 1 ms.
        starting = {n for term in terms[i] for n in synonyms.first_terms.get(term, ())}
        for key, group in (synonyms.phrases[n] for n in sorted(starting)):
            end = i + len(key)
            if end <= len(query_words) and all(
                not t.isdisjoint(k) for t, k in zip(terms[i:end], key, strict=True)
            ):
                found.append((" ".join(query_words[i:end]), group))
                i = end
                break
        else:
            found.append((query_words[i], None))
            i += 1
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts one), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(word: str) -> int:
    """One typo per four letters, at most four: a long compound is several words, each
    of which may hold a typo (kuntosaliharjoitelu: 4; 4-7 letters: 1; under 4: none).
    A word Voikko knows is spelled as meant: at most two (kansalaisopisto is not a
    misspelt kansallispuisto)."""
    limit = min(len(word) // 4, MAX_TYPOS)
    return min(limit, 2) if is_known_word(word) else limit


def _candidates(word: str) -> list[str]:
    """Terms of the index that share trigrams with `word`, most similar first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT term FROM search_searchterm WHERE term %% %s "
                "ORDER BY similarity(term, %s) DESC, term LIMIT %s",
                [word, word, FUZZY_CANDIDATES],
            )
        else:
            trigrams = {word[i : i + 3] for i in range(len(word) - 2)}
            match = " OR ".join(f'"{t}"' for t in sorted(trigrams))
            cursor.execute(
                "SELECT term FROM search_term_trgm WHERE search_term_trgm MATCH %s "
                "ORDER BY rank, term LIMIT %s",
                [match, FUZZY_CANDIDATES],
            )
        return [row[0] for row in cursor.fetchall()]


def close_terms(word: str) -> list[str]:
    """Index terms within a typo or two of `word` (none for words under four letters)."""
    limit = allowed_typos(word)
    if not limit:
        return []
    scored = []
    for term in _candidates(word):
        distance = edit_distance(word, term, limit)
        if distance <= limit:
            scored.append((distance, term))
    return [term for _d, term in sorted(scored)[:FUZZY_KEEP]]


def _head_synonyms(word: str) -> set[str]:
    """Compounds of a compound's modifier with its head's synonyms, and of the modifier's
    synonyms with the head: vesijumppa -> vesivoimistelu (jumppa = voimistelu)."""
    lemmas, parts, head = finnish_analysis(word)
    if not parts or not head:
        return set()
    found = set()
    for lemma in lemmas:
        if not lemma.endswith(head) or len(lemma) <= len(head) + 1:
            continue
        modifier = lemma[: -len(head)]
        for synonym in _expand(head) - {head}:
            if synonym.isalpha() and len(synonym) > 2:
                found.add(modifier + synonym)
        if modifier.rstrip("-") in parts:
            for synonym in _expand(modifier.rstrip("-")) - {modifier}:
                if synonym.isalpha() and len(synonym) > 2:
                    found.add(synonym + head)
    return found


def _phrase_members(phrase: str) -> tuple[Group, ...]:
    """A group for each word of a phrase, when every one of them can match something."""
    groups = parse_query(phrase, phrases=False).groups
    if len(groups) != len(phrase.split()) or any(g.is_place or g.facets for g in groups):
        return ()
    return tuple(groups)


def warm_vocabularies() -> None:
    """Read the vocabularies and analyse their words as a web worker starts (core.warmup),
    not in its first search."""
    parse_query("kuoro kuopiossa")
    translations("")  # translations.tsv, read once per process (0.1 s)


def parse_query(text: str, *, municipality: str | None = None, phrases: bool = True) -> ParsedQuery:
    """The groups of terms to match for `text`; unknown words without a close term are dropped."""
    parsed = ParsedQuery()
    query_words = list(dict.fromkeys(words((text or "")[:MAX_QUERY_LENGTH])))[:MAX_QUERY_WORDS]
    units = _phrases(query_words) if phrases else [(w, None) for w in query_words]
    own = {}
    expanded = {}
    for word, group in units:
        if group is None:
            own[word] = set(query_terms_of_word(word))
            expanded[word] = _expand(word)
        else:
            own[word] = set(group)
            expanded[word] = set(group)
    # The word it is derived from (kalastus -> kalastaa), which the index holds as a
    # part of every word derived from it (kalastaja): a weak match, as a part.
    parts = {
        word: {*query_parts_of_word(word), *derivation_bases(word)} if " " not in word else set()
        for word in own
    }
    # Every part of a compound (lentopallo of lentopalloturnaus too), for a word the
    # index lacks.
    whole_parts = {w: set(finnish_analysis(w)[1]) if " " not in w else set() for w in own}
    places = {w: municipality_match(w) if " " not in w else None for w, _g in units}
    # Compounds of the modifier with the head's synonyms (vesijumppa: vesivoimistelu).
    heads = {word: _head_synonyms(word) if " " not in word else set() for word in own}
    # The Finnish translations of a word Voikko does not know (lonely: yksinäinen),
    # used only where the index and the vocabulary lack the word itself.
    foreign = {
        w: tuple(t for t in translations(w) if t not in SOFT_WORDS) if _foreign(w) else ()
        for w in own
    }
    translated_terms = {
        w: {t for fi in found for t in query_terms_of_word(fi)} for w, found in foreign.items()
    }
    every_term = set().union(
        *translated_terms.values(),
        *expanded.values(),
        *parts.values(),
        *heads.values(),
        *whole_parts.values(),
        {p[1] for p in places.values() if p},
    )
    known = set(SearchTerm.objects.filter(term__in=every_term).values_list("term", flat=True))
    # A query of nothing but a place name is a search for the name, not a filter.
    only_places = all(places.values())
    audiences = _audience_terms()
    for word, _group in units:
        code, name = places[word] or (None, None)
        terms = (own[word] | ({name} if name else set())) & known
        synonyms = (expanded[word] - own[word]) & known
        word_parts = (parts[word] - own[word] - expanded[word]) & known
        synonyms |= (heads[word] - own[word]) & known
        if _describes_how(word):
            # A word of how, not what (mistä, juuri, tänne): itself, never expanded.
            synonyms, word_parts = set(), set()
        translated = ()
        if not terms and not synonyms and not code and foreign[word]:
            # An English or Swedish word the index and the vocabulary lack (lonely,
            # ensam): its Finnish translations that the index has, as synonyms.
            translated = foreign[word]
            synonyms = translated_terms[word] & known
        if not terms and not synonyms and not code and not has_function_reading(word):
            terms = set(close_terms(word))
            for term in list(terms):
                synonyms |= (_expand(term) - terms) & known if term else set()
        if not terms and not synonyms and not code:
            # A compound the index lacks (mielenterveysongelmat): its parts that the
            # index has say what it is, as synonyms (below the word itself).
            synonyms = (whole_parts[word] & known) - GENERIC_HEADS
            word_parts -= synonyms
        need_tags = _need_tags(word) if " " not in word and not _describes_how(word) else ()
        if translated and synonyms:
            found = {t for fi in translated for t in _need_tags(fi)}
            need_tags = tuple(sorted({*need_tags, *found}))
        members = _phrase_members(word) if " " in word else ()
        if not (terms or synonyms or word_parts or code or need_tags or members):
            continue
        group = Group(
            word=word,
            terms=tuple(sorted(terms)),
            synonyms=tuple(sorted(synonyms)),
            parts=tuple(sorted(word_parts)),
            need_tags=need_tags,
            members=members,
        )
        if code:
            # Among other words a place name filters; alone, it still counts in names.
            group.facets = (facet(code),)
            group.is_place = not only_places
            parsed.municipality_codes.append(code)
        parsed.groups.append(group)
    _mark_optional(parsed.name_groups, audiences)
    if phrases:
        parsed.describes_need = _describes_need(parsed, query_words)
        if parsed.describes_need:
            _circumstances(parsed)
        parsed.targets = _predicted_targets(parsed)
    if municipality and parsed.groups:
        parsed.groups.append(Group(word="", terms=(), facets=(facet(municipality),), is_place=True))
    return parsed


def _foreign(word: str) -> bool:
    """A word Voikko does not know and that is no word of asking (an English or Swedish
    word, or a misspelling): translations.tsv is asked for it."""
    if " " in word or not word.isalpha() or is_known_word(word):
        return False
    return not _describes_how(word)


def _circumstances(parsed: ParsedQuery) -> None:
    """In a sentence about a need, mark the nouns in a local case of where or from where
    (pihalta, koulussa): the circumstance, unless it is all that is required."""
    required = parsed.required_groups
    local = [g for g in required if " " not in g.word and is_local_case(g.word)]
    if local and len(local) < len(required):
        for g in local:
            g.circumstance = True


def _describes_how(word: str) -> bool:
    """A word of asking or wanting, or a function word by Voikko's word class."""
    if " " in word:
        return False
    return bool({word, *query_terms_of_word(word)} & NEED_FUNCTION_WORDS) or is_function_word(word)


def _mark_optional(groups: list[Group], audiences: frozenset[str]) -> None:
    """Generic words, and audiences among other words, rank without being required."""

    def soft(g):
        terms = {g.word, *query_terms_of_word(g.word)}
        if " " not in g.word and has_possessive(g.word):
            return True  # whom a need is for: äitini, lapsellemme
        return bool(terms & SOFT_WORDS) or _describes_how(g.word)

    def generic(g):
        # A word whose base form or synonym is a generic head (porukka = ryhmä, seura,
        # ilta): what kind of gathering, not what about.
        terms = {*query_terms_of_word(g.word), *g.synonyms} if " " not in g.word else set()
        return bool(terms & GENERIC_HEADS)

    required = (
        [g for g in groups if not soft(g) and not generic(g)]
        or [g for g in groups if not soft(g)]
        or groups
    )
    for g in groups:
        g.optional = not any(g is r for r in required)


#: A learned association counts fully at this gain of P(target | word) over its prior.
LEARNED_SCALE = 0.5
#: Targets weaker than this are not used; at most TARGETS_KEPT of them.
TARGET_MIN = 0.35
TARGETS_KEPT = 4


def _predicted_targets(parsed: ParsedQuery) -> tuple[tuple[tuple[str, ...], float], ...]:
    """The topics and audiences the query's words point at: learned from the index
    (search/targets.py) and from the vocabulary's need words, strongest first."""
    # The required words, and the people a need is for (äitini: optional, but telling).
    content = [
        g
        for g in parsed.name_groups
        if not g.optional or (" " not in g.word and has_possessive(g.word))
    ]
    if not content:
        return ()
    tags = target_tags()
    evidence = [_evidence(g) for g in content]
    counts = associations(
        {t for g in parsed.name_groups for t in (*g.terms, *g.synonyms)}
        | {t for terms in evidence for t in terms}
    )
    _weigh_words(parsed, counts)
    if _yield_circumstances(parsed, counts):
        pairs = zip(content, evidence, strict=True)
        evidence = [e for g, e in pairs if not (g.circumstance and g.optional)]
    learned = predict(evidence, counts)
    weights = {key: min(1.0, gain / LEARNED_SCALE) for key, gain in learned.items()}
    for g in parsed.name_groups:
        if " " in g.word:
            continue
        for kind, slug, weight in need_targets(query_terms_of_word(g.word)):
            weights[(kind, slug)] = max(weight, weights.get((kind, slug), 0.0))
    kept = sorted(
        ((w, key) for key, w in weights.items() if w >= TARGET_MIN and tags.get(key)),
        key=lambda item: (-item[0], item[1]),
    )[:TARGETS_KEPT]
    return tuple((tuple(sorted(tags[key])), round(w, 3)) for w, key in kept)


def _yield_circumstances(parsed: ParsedQuery, counts) -> bool:
    """A circumstance (pihalta) is optional where another required word is rarer (kissan in
    "löysin kissan pihalta"), and then predicts no targets; a rarer one stays required
    (läksyissä in "lapsi tarvitsee apua läksyissä"). Whether any became optional."""
    required = parsed.required_groups
    rare = {id(g): rarity(counts, g.terms) or 0.0 for g in required}
    telling = max((rare[id(g)] for g in required if not g.circumstance), default=0.0)
    changed = False
    for g in required:
        if g.circumstance and telling > rare[id(g)]:
            g.optional = changed = True
    return changed


#: A word's weight is its idf over the mean idf of the query's words, within these bounds.
WEIGHT_BOUNDS = (0.67, 1.5)


def _weigh_words(parsed: ParsedQuery, counts) -> None:
    """Weigh each word of a query of several words by how rare it is in the index (idf
    of its own terms): in "lastani kiusataan koulussa" kiusata counts more than koulu."""
    groups = [g for g in parsed.name_groups if not g.members]
    found = {id(g): rarity(counts, g.terms) for g in groups}
    for g in groups:
        if not g.terms and g.synonyms and " " not in g.word and finnish_analysis(g.word)[2]:
            # A compound the index lacks, matched by its synonyms or its parts
            # (reumapotilaiden: reuma, potilas), weighs as the rarest of them: what is
            # telling in it.
            found[id(g)] = max(rarity(counts, (t,)) or 0.0 for t in g.synonyms) or None
    known = [v for v in found.values() if v]
    if len(known) < 2:
        return
    mean = sum(known) / len(known)
    low, high = WEIGHT_BOUNDS
    for g in groups:
        value = found[id(g)]
        if value:
            g.weight = round(min(high, max(low, value / mean)), 3)


def _evidence(group: Group) -> tuple[str, ...]:
    """The terms a word predicts its targets by: its own and its synonyms; for a word
    the index lacks, the labels of its concept's broader concept where the vocabulary
    has one (liikuntarajoitteiset: vammaiset), as what it is a kind of."""
    if not group.terms and " " not in group.word:
        broader = [
            term
            for label in broader_labels(query_terms_of_word(group.word))
            if len(words(label)) == 1
            for term in query_terms_of_word(words(label)[0])
        ]
        if broader:
            return tuple(dict.fromkeys(broader))
    return (*group.terms, *group.synonyms)


#: A query of this many required words (or more) describes a need even without a word
#: of asking or a possessive suffix.
SENTENCE_WORDS = 3


def _describes_need(parsed: ParsedQuery, query_words: list[str]) -> bool:
    """Whether the query is a sentence about a need: a word of asking or wanting, a
    possessive suffix (äitini, lapsellemme), or three or more required words."""
    for word in query_words:
        if ({word, *query_terms_of_word(word)}) & NEED_FUNCTION_WORDS or has_possessive(word):
            return True
    # Three or more words that must all match: a sentence, not a name.
    return len(parsed.required_groups) >= SENTENCE_WORDS
