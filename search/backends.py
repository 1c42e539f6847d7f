"""The two ways the index is asked: PostgreSQL (tsvector + GIN) and SQLite (FTS5).

Both get the same groups of pre-analysed terms and compute the same score in SQL
(docs/search.md, "Ranking"), so they return the same results in the same order.
"""

import contextvars
import datetime as dt
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection

from .postings import CLOSABLE_KINDS, DATED_KINDS
from .query import Group, ParsedQuery

#: Totals are counted this far ("more than 100"); each counted match costs a check.
COUNT_CAP = 100
DAY = 86400
YEAR = 365 * DAY
TEN_YEARS = 10 * YEAR

#: Points of one query word by where it is found (docs/search.md, "Ranking"). In the
#: name: its head (what the thing is: kuoro of Varkauden Naiskuoro), the word itself
#: (or its lemma), the word as a part of a compound name, a synonym, a synonym as a
#: part, a part of the query word (sähly of sählyvuoro).
NAME_HEAD = 12
NAME_WORD, NAME_PART, NAME_SYNONYM, NAME_SYNONYM_PART, NAME_QUERY_PART = 10, 8, 6, 5, 3
#: Anywhere in the text (name, description, ...): the word, a synonym, a query part.
TEXT_WORD, TEXT_SYNONYM, TEXT_QUERY_PART = 2, 1.5, 0.7
#: The name of a topic, an audience or an organizer.
TAG = 0.5
#: An optional word (generic, or an audience among other words) counts this much.
OPTIONAL = 0.25
#: A place word of the query that is also in the name (Kuopion in Kuopion Martat).
NAME_PLACE = 2
#: The topics and audiences the query is about (search/targets.py): at most this much,
#: shared among them by their weights; less than a word in a name.
TARGET_POINTS = 3
#: A query describing a need also matches what carries a target this strongly predicted.
TARGET_MATCH = 0.7
#: PostgreSQL: entries carrying those targets read as candidates (phase 1): at most this
#: many that also have a word of the query, and this many others.
TARGET_CANDIDATES, TARGET_OTHERS = 1000, 300

_ranking_time: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "search_ranking_time", default=None
)


def ranking_now() -> int:
    """The moment that tells upcoming events from past ones (Unix time): now, unless
    a `ranked_as_of` block is running."""
    fixed = _ranking_time.get()
    return int(time.time()) if fixed is None else fixed


@contextmanager
def ranked_as_of(moment: dt.datetime):
    """Rank as if it were `moment`: the judged evaluation queries assume a date."""
    token = _ranking_time.set(int(moment.timestamp()))
    try:
        yield
    finally:
        _ranking_time.reset(token)


# The rest of the score, in SQL both databases run; {relevance} is the sum of the
# query words' points divided by their number, {greatest}/{least} the two-argument
# max/min of the database. Time: undated 0.5; news posts (a start, no end) fade from 1
# to 0 over the year after publication, as upcoming events do over the year before.
SCORE = """(
    CASE WHEN e.is_cancelled THEN -1000
         WHEN e.is_inactive OR e.end_ts < %(now)s THEN -100 ELSE 0 END
    + ({relevance})
    + CASE WHEN e.start_ts IS NULL THEN 0.5
           WHEN e.end_ts IS NULL THEN
             1.0 * {greatest}(0.0, 1.0 - {greatest}(0, %(now)s - e.start_ts) / {year}.0)
           WHEN e.end_ts >= %(now)s THEN
             1.0 * {greatest}(0.0, 1.0 - {greatest}(0, e.start_ts - %(now)s) / {year}.0)
           ELSE -1.0 * {least}(%(now)s - e.end_ts, {ten_years}) / {ten_years}.0 END
)"""

#: Phase 1 (PostgreSQL) reads at least this many postings per term and kind of entry.
CANDIDATES_PER_TERM = 60
#: ... and this many when those did not fill a page, or to count past COUNT_CAP: the
#: words of the query are in few names together (omaishoitajien vertaistuki).
CANDIDATES_DEEP = 300
POSTINGS = "search_posting"
#: When the candidates fill no page: the first this many matches of the whole text
#: are ranked with them (all of them, when no more match).
BODY_CANDIDATES = 300
#: Where the windows of the ranking end (positions). A page reads the windows it
#: overlaps, each with candidates for its end: the first serves the first page
#: (up to 30 hits) alone with CANDIDATES_PER_TERM postings a read.
WINDOW_ENDS = (30, 100, 300, 1000, 3000, 10_000)
#: The points levels of the postings (search/postings.py): head, word, part of the name.
NAME_HEAD_LEVEL, NAME_WORD_LEVEL, NAME_PART_LEVEL = 12, 10, 8

COLUMNS = "e.object_id, e.kind, e.public_id, e.title_fi, e.title_sv, e.title_en"


@dataclass
class Row:
    object_id: int
    kind: str
    public_id: str
    titles: dict[str, str]
    score: float
    #: The index entry's id.
    entry_id: int = 0


def _quote(term: str) -> str:
    # Terms are runs of letters and digits (analysis.words): quoting cannot break out.
    return term.replace("'", "").replace('"', "").replace("\\", "")


class Backend:
    vendor = ""
    greatest = least = ""

    def __init__(self, *, within: tuple[str, list] | None = None):
        self._params: dict = {}
        #: (SQL that selects object ids, its parameters): entries of those objects only.
        self.within = within
        #: What the last ranking learned of the number of matches: (query key, how many
        #: matched among the ranked entries, whether those were every match).
        self._matched: tuple | None = None
        #: Candidates read (PostgreSQL), by their read: a backend serves one request.
        self._candidates: dict[tuple, tuple[int, list[tuple]]] = {}
        #: Read at least this many postings a read (PostgreSQL): a caller that will ask
        #: for deeper candidates later (a list's count, after its page) reads them once.
        self.read_ahead = 0

    def param(self, value) -> str:
        name = f"p{len(self._params)}"
        self._params[name] = value
        return f"%({name})s"

    # A condition: does the entry have any of `terms` in `field` ("name", "parts",
    # "text" (name, parts and body), "tags", "facets", "any")?
    def has(self, field: str, terms) -> str:
        raise NotImplementedError

    def from_clause(self) -> str:
        raise NotImplementedError

    def _group_match(self, group: Group) -> str:
        alternatives = []
        if group.all_terms:
            alternatives.append(self.has("any", group.all_terms))
        if group.facets:
            alternatives.append(self.has("facets", group.facets))
        if group.members:
            alternatives.append(
                "(" + " AND ".join(self._group_match(m) for m in group.members) + ")"
            )
        return "(" + " OR ".join(alternatives) + ")" if alternatives else "1 = 0"

    def _greater(self, a: str, b: str) -> str:
        return f"{self.greatest}({a}, {b})"

    def _where(self, parsed: ParsedQuery, kinds: list[str] | None) -> str:
        required = parsed.required_groups
        words = " OR ".join(self._group_match(g) for g in parsed.name_groups)
        if parsed.relaxed:
            conditions = [f"({words})"] if words else []
        else:
            conditions = [self._group_match(g) for g in required]
            alternative = self._target_match(parsed)
            if alternative and conditions:
                conditions = [f"(({' AND '.join(conditions)}) OR {alternative})"]
        conditions += [self._group_match(g) for g in parsed.filters]
        if not conditions:
            conditions = ["1 = 0"]
        if kinds:
            conditions.append(f"e.kind IN ({', '.join(self.param(k) for k in kinds)})")
        if self.within:
            sql, params = self.within
            values = iter(params)
            # Django's %s placeholders as the named ones of this query (%% stays).
            sql = re.sub(
                r"%%|%s", lambda m: m[0] if m[0] == "%%" else self.param(next(values)), sql
            )
            conditions.append(f"e.object_id IN ({sql})")
        return " AND ".join(conditions)

    def _case(self, steps: list[tuple[str, float]]) -> str:
        steps = [(condition, points) for condition, points in steps if condition]
        if not steps:
            return "0"
        whens = " ".join(f"WHEN {condition} THEN {points}" for condition, points in steps)
        return f"(CASE {whens} ELSE 0 END)"

    def _points(self, group: Group) -> str:
        """The points of one query word, from where it is found."""
        t, s, p = group.terms, group.synonyms, group.parts
        name = self._case(
            [
                (t and self.has("head", t), NAME_HEAD),
                (t and self.has("name", t), NAME_WORD),
                (t and self.has("parts", t), NAME_PART),
                (s and self.has("name", s), NAME_SYNONYM),
                (s and self.has("parts", s), NAME_SYNONYM_PART),
                (p and self.has("name", p), NAME_QUERY_PART),
                (p and self.has("parts", p), NAME_QUERY_PART),
            ]
        )
        text = self._case(
            [
                (t and self.has("text", t), TEXT_WORD),
                (s and self.has("text", s), TEXT_SYNONYM),
                (p and self.has("text", p), TEXT_QUERY_PART),
            ]
        )
        tags = self._case([(group.tags and self.has("tags", group.tags), TAG)])
        points = f"{name} + {text} + {tags}"
        if group.members:
            # All the words of a phrase score as they would without the phrase list.
            words = " + ".join(f"({self._points(m)})" for m in group.members)
            points = self._greater(f"({points})", f"({words}) / {len(group.members)}.0")
        return points

    @staticmethod
    def _target_tags_matched(parsed: ParsedQuery) -> list[str]:
        """For a query describing a need (not relaxed): the tags of its strongly
        predicted targets, which match without the words."""
        if not parsed.describes_need or parsed.relaxed:
            return []
        return sorted({t for tags, w in parsed.targets if w >= TARGET_MATCH for t in tags})

    def _target_match(self, parsed: ParsedQuery) -> str:
        tags = self._target_tags_matched(parsed)
        return self.has("tags", tags) if tags else ""

    def _target_points(self, parsed: ParsedQuery) -> str:
        if not parsed.targets or not TARGET_POINTS:
            return ""
        total = sum(w for _tags, w in parsed.targets)
        cases = " + ".join(
            self._case([(self.has("tags", tags), round(TARGET_POINTS * w / total, 4))])
            for tags, w in parsed.targets
        )
        return cases

    @staticmethod
    def _weight(group: Group) -> float:
        return round((OPTIONAL if group.optional else 1) * group.weight, 4)

    def _relevance(self, parsed: ParsedQuery) -> str:
        groups = parsed.name_groups
        points = [f"{self._weight(g)} * ({self._points(g)})" for g in groups]
        points += [
            self._case([(self.has("name", g.terms), NAME_PLACE)]) for g in parsed.place_groups
        ]
        if not points:
            return "0"
        weight = sum(self._weight(g) for g in groups)
        words = f"({' + '.join(points)}) / {max(1.0, weight)}"
        targets = self._target_points(parsed)
        if not targets:
            return words
        return f"{words} + {targets}"

    def search(
        self, parsed: ParsedQuery, *, kinds: list[str] | None, limit: int, offset: int
    ) -> list[Row]:
        rows = self._search(parsed, kinds=kinds, limit=limit, offset=offset)
        # A query none of whose entries has every word is answered relaxed, on every
        # page: the first page tells it, a later one asks the count.
        if (
            not rows
            and parsed.can_relax
            and (offset == 0 or not self.count(parsed, kinds=kinds, cap=0))
        ):
            parsed.relaxed = True
            rows = self._search(parsed, kinds=kinds, limit=limit, offset=offset)
        return rows

    def bounded(self, parsed: ParsedQuery) -> bool:
        """Whether `parsed` is ranked among candidates (phase 1), not among every match."""
        return False

    def candidates(
        self, parsed: ParsedQuery, *, kinds: list[str] | None, wanted: int, deep: bool = False
    ):
        """Ids of the entries worth ranking (phase 1), or None to rank every match."""
        return None

    def _search(self, parsed, *, kinds, limit, offset) -> list[Row]:
        if not limit:
            return []
        if not self.bounded(parsed):
            return self._ranked(parsed, kinds=kinds, limit=limit, offset=offset)
        # The ranking is one order cut into windows of fixed positions: each window ranks
        # the candidates of its own depth, without what the windows before it showed.
        # Every page is a slice of that order, whatever its size and offset.
        rows: list[Row] = []
        for start, stop in windows():
            if len(rows) >= offset + limit:
                break
            window = self._window(parsed, kinds=kinds, size=stop - start, end=stop, shown=rows)
            rows += window
            if len(window) < stop - start and self._matched and self._matched[2]:
                break  # every match is ranked
        return rows[offset : offset + limit]

    def _window(self, parsed, *, kinds, size: int, end: int, shown: list[Row]) -> list[Row]:
        """The next `size` entries of the order after `shown`, which hold `end - size`."""
        # Phase 2: rank the candidates exactly. A full window is the answer; fewer means
        # the names did not give enough: first more of them (the words of the query may
        # be together in few of the names that have one of them), then the first
        # matches of the text too (every match, when there are no more).
        hidden = [row.entry_id for row in shown]
        ranked = {"kinds": kinds, "limit": size, "offset": 0, "hidden": hidden}
        ids = self.candidates(parsed, kinds=kinds, wanted=end)
        rows = self._ranked(parsed, ids=ids, **ranked)
        if len(rows) == size:
            return rows
        deeper = self.candidates(parsed, kinds=kinds, wanted=end, deep=True)
        if len(deeper) > len(ids):
            ids = deeper
            rows = self._ranked(parsed, ids=ids, **ranked)
            if len(rows) == size:
                return rows
        return self._ranked(parsed, ids=ids, sample=max(BODY_CANDIDATES, 2 * end), **ranked)

    def _sample(self, where: str, size: int) -> list[int]:
        """Ids of the first `size` entries matching `where` (all of them when fewer)."""
        sql = f"SELECT e.id FROM {self.from_clause()} WHERE {where} LIMIT {int(size)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params)
            return [r[0] for r in cursor.fetchall()]

    @staticmethod
    def _key(parsed: ParsedQuery, kinds) -> tuple:
        return (id(parsed), parsed.relaxed, tuple(kinds or ()))

    def _ranked(
        self, parsed, *, kinds, limit, offset, ids=None, sample=None, hidden=()
    ) -> list[Row]:
        """The page of the ranking of `ids` (or of every match), without `hidden` (ids of
        matching entries shown before)."""
        self._params = {"now": ranking_now(), "limit": limit, "offset": offset}
        where = self._where(parsed, kinds)
        # Every match is ranked without candidates, or when the sample held all of them.
        every = ids is None
        if sample is not None:
            found = self._sample(where, sample)
            every = len(found) < sample
            ids = {*ids, *found}
        if ids is not None:
            where = f"e.id = ANY({self.param(list(ids))}) AND {where}"
        if hidden:
            where = f"NOT (e.id = ANY({self.param(list(hidden))})) AND {where}"
        score = SCORE.format(
            relevance=self._relevance(parsed),
            greatest=self.greatest,
            least=self.least,
            year=YEAR,
            ten_years=TEN_YEARS,
        )
        # count(*) OVER (): how many of the ranked entries match, which spares count().
        sql = (
            f"SELECT {COLUMNS}, {score} AS score, count(*) OVER (), e.id FROM {self.from_clause()} "
            f"WHERE {where} ORDER BY score DESC, e.title_key, e.id "
            "LIMIT %(limit)s OFFSET %(offset)s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params)
            found = cursor.fetchall()
        if found or offset == 0:
            # The hidden entries match too, and none of them was ranked here.
            matched = (found[0][7] if found else 0) + len(hidden)
            self._matched = (self._key(parsed, kinds), matched, every)
        return [
            Row(r[0], r[1], r[2], {"fi": r[3], "sv": r[4], "en": r[5]}, float(r[6]), r[8])
            for r in found
        ]

    def count(self, parsed: ParsedQuery, *, kinds: list[str] | None, cap: int = COUNT_CAP) -> int:
        """How many entries match, counting no further than cap + 1.

        Known without a query when the last search of `parsed` ranked every match, or
        more than `cap` of them.
        """
        if self._matched and self._matched[0] == self._key(parsed, kinds):
            _key, matched, every = self._matched
            if every or matched > cap:
                return matched
        self._params = {"cap": cap + 1}
        where = self._where(parsed, kinds)
        # Among the deeper candidates first: more than `cap` there is the answer, and
        # a common word is in many names (its text matches would all be read).
        ids = self.candidates(parsed, kinds=kinds, wanted=cap + 1, deep=True)
        if ids:
            found = self._count(f"e.id = ANY({self.param(ids)}) AND {where}")
            if found > cap:
                return found
        return self._count(where)

    def object_ids(
        self, parsed: ParsedQuery, *, kinds: list[str] | None, cap: int, current_first=True
    ) -> list[int]:
        """Object ids of up to `cap` matching entries, in no particular order.

        Among the deeper candidates first, as count(): their postings are read in
        index order with the kind and the end time, where the text matches of a common
        word are read in the table's order, each checked against `within` (a year's
        events of thousands of concerts: a read of the table per match kept).
        `current_first`: check the candidates current ones first (their order), which
        stops soonest in a list of upcoming events; else in the order of their entries,
        which decides which of more than `cap` matches a list sorted by time keeps.
        """
        self._params = {}
        where = self._where(parsed, kinds)
        ids = self.candidates(parsed, kinds=kinds, wanted=cap, deep=True)
        if ids:
            # The check against `within` stops after `cap` matches, not after all.
            found = self._object_ids(where, cap, ids=ids if current_first else sorted(ids))
            if len(found) >= cap:
                return found
        return self._object_ids(where, cap)

    def _object_ids(self, where: str, cap: int, ids: list[int] | None = None) -> list[int]:
        source = self.from_clause()
        if ids is not None:
            source = (
                f"unnest({self.param(ids)}::bigint[]) WITH ORDINALITY AS c(id, n) "
                f"JOIN {source} ON e.id = c.id"
            )
        sql = f"SELECT e.object_id FROM {source} WHERE {where} LIMIT {int(cap)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params)
            return [r[0] for r in cursor.fetchall()]

    def _count(self, where: str) -> int:
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM {self.from_clause()} WHERE {where} "
            "LIMIT %(cap)s) m"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params)
            return cursor.fetchone()[0]


def _candidate_terms(parsed: ParsedQuery) -> list[str]:
    """The terms whose name postings give the candidates of `parsed`."""
    groups = parsed.name_groups if parsed.relaxed else parsed.required_groups
    # Place words count in names too (Kuopion Martat): their names are candidates.
    groups = [*groups, *parsed.place_groups]
    return sorted({t for g in groups for t in (*g.terms, *g.synonyms, *g.parts, *_member_terms(g))})


class PostgresBackend(Backend):
    vendor = "postgresql"
    greatest, least = "GREATEST", "LEAST"
    _COLUMNS = {
        "name": "e.name_document",
        "head": "e.head_document",
        "parts": "e.part_document",
        "text": "e.document",
        "tags": "e.tag_document",
        "facets": "e.document",
        "any": "e.document",
    }

    def has(self, field, terms):
        query = " | ".join(f"'{_quote(t)}'" for t in terms)
        return f"{self._COLUMNS[field]} @@ {self.param(query)}::tsquery"

    def from_clause(self):
        return "search_searchentry e"

    def bounded(self, parsed):
        return bool(_candidate_terms(parsed))

    def candidates(self, parsed, *, kinds, wanted, deep=False):
        """Phase 1: the best few of each query term's name postings (search/postings.py).

        Per term and per kind of entry, in index order: undated entries by points;
        current events of each points level by end time (soonest first), past ones by
        end time (latest first); dissolved and cancelled ones by points; equal ones by
        entry (migration 0012), so the same query reads the same candidates. Each read
        stops after `k` rows, so a word in 100,000 names costs what a rare one does.
        Place filters and kinds are applied while reading.
        """
        terms = _candidate_terms(parsed)
        if not terms:
            return None
        k = candidate_depth(wanted, deep=deep)
        params = {"terms": terms, "now": ranking_now()}
        filters = ""
        places = sorted({f for g in parsed.filters for f in g.facets})
        if places and all(g.facets for g in parsed.filters):
            # A place group also matches its name in the text: only the facet is read here.
            params["places"] = places
            filters += " AND p.places @> %(places)s::text[]"
        if kinds:
            params["kinds"] = list(kinds)
            filters += " AND p.kind = ANY(%(kinds)s)"

        def read(condition: str, order: str) -> str:
            return (
                f"ARRAY(SELECT p.entry_id FROM {POSTINGS} p WHERE p.term = t.term "
                f"AND {condition}{filters} ORDER BY {order} LIMIT %(k)s)"
            )

        # The orders are those of the index (term, state, points DESC, end_ts, entry_id).
        # Each read is an array in its order: a read of k rows begins with those of every
        # shallower read, so one read serves them all. `late`: past and closed entries.
        by_points = "p.points DESC, p.end_ts, p.entry_id"
        reads, late = [read("p.state = 0", by_points)], [False]
        # Only events have an end time (state 1): the association or activity list would
        # otherwise read through every event posting of the term for none.
        if not kinds or DATED_KINDS.intersection(kinds):
            for points in (NAME_HEAD_LEVEL, NAME_WORD_LEVEL, NAME_PART_LEVEL):
                level = f"p.state = 1 AND p.points = {points}"
                reads.append(read(f"{level} AND p.end_ts >= %(now)s", "p.end_ts, p.entry_id"))
                past = "p.end_ts DESC, p.entry_id DESC"
                reads.append(read(f"{level} AND p.end_ts < %(now)s", past))
                late += [False, True]
        if not kinds or CLOSABLE_KINDS.intersection(kinds):
            reads.append(read("p.state = 2", by_points))
            late.append(True)
        tags = self._target_tags_matched(parsed)
        if tags:
            # A need described in a sentence also matches by its targets: the first
            # entries carrying them (all of them in a small index) are candidates too.
            # Those that also have one of the words first (they rank higher), then others.
            # They are candidates at every depth, after the others (read once: no term).
            words = {t for g in parsed.name_groups for t in (*g.terms, *g.synonyms)}
            params["tags"] = " | ".join(f"'{_quote(t)}'" for t in tags)
            params["words"] = " | ".join(f"'{_quote(t)}'" for t in sorted(words)) or "''"
            params["with_words"], params["without"] = TARGET_CANDIDATES, TARGET_OTHERS
            entry_filters = ""
            if "places" in params:
                entry_filters += " AND e.document @@ %(places_query)s::tsquery"
                params["places_query"] = " & ".join(f"'{_quote(p)}'" for p in places)
            if kinds:
                entry_filters += " AND e.kind = ANY(%(kinds)s)"
            carrying = (
                "ARRAY(SELECT e.id FROM search_searchentry e WHERE e.document @@ "
                f"%(tags)s::tsquery{entry_filters}"
            )
            reads.append(
                f"{carrying} AND e.document @@ %(words)s::tsquery LIMIT %(with_words)s) || "
                f"{carrying} LIMIT %(without)s)"
            )
        sql = f"SELECT {', '.join(reads)} FROM unnest(%(terms)s::text[]) AS t(term)"
        # The windows of a page and a list's count after them (object_ids) read the same
        # postings, each a little deeper: the deepest read answers the shallower ones.
        key = (sql, tuple(terms), tuple(places), tuple(kinds or ()), tuple(tags))
        depth, rows = self._candidates.get(key, (0, []))
        if depth < k:
            depth = params["k"] = max(k, self.read_ahead)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            self._candidates[key] = (depth, rows)
        # Current entries first (each read's own order), then past and closed ones, then
        # those carrying the targets: a list's count checks them in this order against
        # its filters and stops when it has enough (object_ids).
        found: dict[int, None] = {}
        for past in (False, True):
            for row in rows:
                for i, is_late in enumerate(late):
                    if is_late == past:
                        found.update(dict.fromkeys(row[i][:k]))
        if tags and rows:
            found.update(dict.fromkeys(rows[0][len(late)]))
        return list(found)


class SqliteBackend(Backend):
    vendor = "sqlite"
    greatest, least = "MAX", "MIN"
    _COLUMNS = {
        "name": "name",
        "head": "head",
        "parts": "parts",
        "text": "{name head parts body}",
        "tags": "tags",
        "facets": "facets",
        "any": "{name head parts body tags facets}",
    }

    def has(self, field, terms):
        # Tags are stored "_"-prefixed; FTS5 splits the "_" off, so a tag term is looked
        # for in the tags column alone: in any column, the tag _0 of "Målgrupp 0" would
        # match a 0 in a street address.
        tags = [t for t in terms if t.startswith("_")]
        words = [t for t in terms if not t.startswith("_")]
        matches = []
        if words:
            alternatives = " OR ".join(f'"{_quote(t)}"' for t in words)
            matches.append(f"{self._COLUMNS[field]} : ({alternatives})")
        if tags and field in ("tags", "any"):
            alternatives = " OR ".join(f'"{_quote(t).lstrip("_")}"' for t in tags)
            matches.append(f"tags : ({alternatives})")
        if not matches:
            return "0"
        match = " OR ".join(matches)
        return f"e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH {self.param(match)})"

    def from_clause(self):
        return "search_searchentry e"


def candidate_depth(wanted: int, *, deep: bool = False) -> int:
    """How many postings a candidate read takes, for `wanted` entries (PostgreSQL)."""
    return max(CANDIDATES_DEEP if deep else CANDIDATES_PER_TERM, 2 * wanted)


def windows():
    """(start, stop) of each window of the ranking: WINDOW_ENDS, then thrice as long."""
    start = 0
    for stop in WINDOW_ENDS:
        yield start, stop
        start = stop
    while True:
        yield start, 3 * start
        start *= 3


def _member_terms(group: Group) -> list[str]:
    return [t for m in group.members for t in (*m.terms, *m.synonyms, *m.parts)]


def backend(*, within: tuple[str, list] | None = None) -> Backend:
    """The backend of the default database's vendor; `within`: see Backend.within."""
    if connection.vendor == "postgresql":
        return PostgresBackend(within=within)
    if connection.vendor == "sqlite":
        return SqliteBackend(within=within)
    raise NotImplementedError(f"No search backend for {connection.vendor}")
