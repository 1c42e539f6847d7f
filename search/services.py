"""The one search of organizations, events, activities, places and news posts.

Pages, the API's `q` on every list, /api/v1/search/ and the autocomplete of the
search box all call these functions; docs/search.md explains what they match and how
they rank.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import translation

from core.urls_cache import reverse_detail

from .analysis import words
from .backends import COUNT_CAP, backend, candidate_depth
from .documents import source_for_model
from .models import Kind, SearchEntry, SearchSuggestion
from .passages import best_passages, page_anchor, pdf_document_ids
from .query import municipality_of, parse_query

logger = logging.getLogger(__name__)

KINDS = [k.value for k in Kind]
#: `q` on a list keeps this many best matches (see docs/search.md).
MATCHING_IDS_CAP = 1000
MAX_LIMIT = 100
MAX_OFFSET = 10_000
_DETAIL_VIEWS = {
    Kind.ORGANIZATION: "organizations:detail",
    Kind.EVENT: "events:detail",
    Kind.ACTIVITY: "activities:detail",
    Kind.NEWS: "news:detail",
    Kind.MEASURE: "programme:measure",
    Kind.BODY: "cooperation:body",
    Kind.CONSULTATION: "cooperation:consultation",
    Kind.STATEMENT: "cooperation:statement",
    Kind.MATERIAL: "materials:detail",
}


@dataclass
class SearchHit:
    kind: str  # "organization" | "event" | "activity" | "place" | "news" | "measure"
    public_id: str
    title: str
    score: float
    url: str
    titles: dict[str, str] = field(default_factory=dict, repr=False)
    #: News posts: when the post was published.
    date: dt.datetime | None = None
    #: Documents: the page that matched best and a snippet of it, matched words marked.
    page: int | None = None
    snippet: str = ""


@dataclass
class SearchResults:
    hits: list[SearchHit]
    total: int
    #: True when more than `total` (COUNT_CAP, or the end of the page) entries match: "100+".
    total_is_capped: bool = False
    #: Municipalities the query named ("Kuopiossa" -> "297"), applied as a filter.
    municipality_codes: list[str] = field(default_factory=list)


def hit_url(kind: str, public_id: str, title: str) -> str:
    """The page of a hit; places have none, so theirs lists the events held there."""
    if kind in _DETAIL_VIEWS:
        return reverse_detail(_DETAIL_VIEWS[kind], "public_id", public_id)
    return reverse("events:list") + "?" + urlencode({"q": title})


def _title(titles: dict[str, str]) -> str:
    return titles.get(translation.get_language() or "fi") or titles.get("fi") or ""


def _kinds(types: list[str] | None) -> list[str] | None:
    if not types:
        return None
    return [t for t in KINDS if t in set(types)] or ["-"]


def _municipality_code(municipality: str | None) -> str | None:
    """A Statistics Finland code as it is, or a municipality name in any case form."""
    if not municipality:
        return None
    municipality = str(municipality).strip()[:100]
    if municipality.isascii() and municipality.isdigit():
        return municipality
    found = words(municipality)
    return (municipality_of(found[0]) if found else None) or "-"


def _add_dates(hits: list[SearchHit], object_ids: list[int]) -> None:
    """News posts show when they were published: the time their index entries hold."""
    news = {i: hit for hit, i in zip(hits, object_ids, strict=True) if hit.kind == Kind.NEWS}
    if not news:
        return
    entries = SearchEntry.objects.filter(kind=Kind.NEWS, object_id__in=news)
    for object_id, ts in entries.values_list("object_id", "start_ts"):
        if ts is not None:
            news[object_id].date = dt.datetime.fromtimestamp(ts, tz=dt.UTC)


def _add_passages(hits: list[SearchHit], object_ids: list[int], parsed) -> None:
    """Documents name the page that matched and link to it (`#page=N` opens a PDF there)."""
    documents = {
        i: hit for hit, i in zip(hits, object_ids, strict=True) if hit.kind == Kind.MATERIAL
    }
    if not documents:
        return
    pdfs = pdf_document_ids(list(documents))
    for object_id, passage in best_passages(list(documents), parsed).items():
        hit = documents[object_id]
        hit.page, hit.snippet = passage.page, passage.snippet
        if object_id in pdfs:
            file_url = reverse_detail("materials:download", "public_id", hit.public_id)
            hit.url = f"{file_url}{page_anchor(passage.page)}"


def _safely(action, fallback):
    """Run a read against the index; a broken index degrades to no results, not an error."""
    try:
        if connection.in_atomic_block:  # keep the caller's transaction usable
            with transaction.atomic():
                return action()
        return action()
    except DatabaseError:
        logger.exception("Search failed; answering with no results")
        return fallback


def search(
    query: str,
    *,
    types: list[str] | None = None,
    municipality: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """The best matches of `query`, of the given kinds, best first."""
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, min(int(offset), MAX_OFFSET))
    parsed = parse_query(query or "", municipality=_municipality_code(municipality))
    if parsed.is_empty:
        return SearchResults(hits=[], total=0)
    kinds = _kinds(types)
    engine = backend()
    rows = _safely(lambda: engine.search(parsed, kinds=kinds, limit=limit, offset=offset), [])
    if offset == 0 and len(rows) < limit:
        total = len(rows)
    else:
        # Counted no further than needed: "more than COUNT_CAP", or one past this page.
        cap = max(COUNT_CAP, offset + limit)
        total = _safely(lambda: engine.count(parsed, kinds=kinds, cap=cap), 0)
    hits = [
        SearchHit(
            kind=row.kind,
            public_id=row.public_id,
            title=_title(row.titles),
            score=round(row.score, 3),
            url=hit_url(row.kind, row.public_id, row.titles["fi"]),
            titles=row.titles,
        )
        for row in rows
    ]
    _safely(lambda: _add_dates(hits, [row.object_id for row in rows]), None)
    _safely(lambda: _add_passages(hits, [row.object_id for row in rows], parsed), None)
    return SearchResults(
        hits=hits,
        total=min(total, max(COUNT_CAP, offset + limit)),
        total_is_capped=total > max(COUNT_CAP, offset + limit),
        municipality_codes=parsed.municipality_codes,
    )


def matching_ids(
    model,
    query: str,
    *,
    within=None,
    ranked: int = MATCHING_IDS_CAP,
    counted: int = MATCHING_IDS_CAP,
    every_match: bool = False,
):
    """Primary keys of `model`'s objects matching `query` (of the queryset `within` only,
    when given), at most `counted` (and MATCHING_IDS_CAP): the first `ranked` best first,
    then the others in no particular order; with how many are ranked and whether more
    than `counted` match. `every_match`: the list is ordered otherwise than by relevance,
    so which of more matches are kept shows (see Backend.object_ids)."""
    source = source_for_model(model)
    if source is None:
        return [], 0, False
    parsed = parse_query(query or "")
    if parsed.is_empty:
        return [], 0, False
    restriction = None
    if within is not None:
        try:
            restriction = within.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # e.g. a filter that named nothing: pk IN ()
            return [], 0, False
    engine = backend(within=restriction)
    kinds = [source.kind]
    counted = max(1, min(counted, MATCHING_IDS_CAP))
    ranked = max(1, min(ranked, counted))
    # The count below reads deeper candidates than the page: read them once, first.
    engine.read_ahead = candidate_depth(counted + 1 + ranked, deep=True)
    # The page's rows in the search's order (every page a slice of one order); the
    # rest only fills the list for its count, unranked: ranking every match of a
    # common word would cost what the rest of the list costs many times over.
    rows = _safely(lambda: engine.search(parsed, kinds=kinds, limit=ranked, offset=0), [])
    best = [row.object_id for row in rows]
    if len(best) < ranked:
        return best, len(best), False  # every match is ranked
    seen = set(best)
    # One more than kept tells whether there are more (the count then says "more than").
    others = _safely(
        lambda: engine.object_ids(
            parsed, kinds=kinds, cap=counted + 1 + len(best), current_first=not every_match
        ),
        [],
    )
    rest = [i for i in others if i not in seen]
    return best + rest[: counted - len(best)], len(best), len(best) + len(rest) > counted


def text_filter_ids(
    model,
    text: str,
    *,
    within=None,
    ranked: int = MATCHING_IDS_CAP,
    counted: int = MATCHING_IDS_CAP,
    every_match: bool = False,
):
    """The `q` filter of every list (core.filtering): None when `text` has no word (only
    punctuation, say) so nothing is filtered, else matching_ids."""
    if not words(text):
        return None
    return matching_ids(
        model, text, within=within, ranked=ranked, counted=counted, every_match=every_match
    )


def autocomplete(prefix: str, *, limit: int = 8) -> list[SearchHit]:
    """Names that start with `prefix` (or have a word that does), for the search box."""
    limit = max(0, min(int(limit), 20))
    key = " ".join(words((prefix or "")[:100]))[:100]
    if not key or not limit:
        return []
    order = ["-is_current", "-count", "title_key"]
    starting = SearchSuggestion.objects.filter(title_key__startswith=key)
    found = list(starting.order_by(*order)[:limit])
    if len(found) < limit:
        seen = [s.pk for s in found]
        found += list(
            SearchSuggestion.objects.filter(title_key__contains=" " + key)
            .exclude(pk__in=seen)
            .order_by(*order)[: limit - len(found)]
        )
    return [
        SearchHit(
            kind=s.kind,
            public_id=s.public_id,
            title=s.title,
            score=0.0,
            url=(
                hit_url(s.kind, s.public_id, s.title)
                if s.count == 1
                else reverse("search:results") + "?" + urlencode({"q": s.title, "type": s.kind})
            ),
        )
        for s in found
    ]
