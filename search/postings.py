"""PostgreSQL name postings: where a search finds its candidates (migration 0006).

Every term of an entry's name, compound parts and head is a row of `search_posting`
with the points of its best place in the name (head 12, word 10, part 8), the entry's
state (0 undated and active, 1 event, 2 dissolved or cancelled), kind, end time and
municipality facets. The rows are written in SQL from the entries themselves, so a
rebuild writes them in one statement and an update in one per batch. Each entry's terms
are grouped on their own (no aggregate over the whole table), so the statement costs
the same per entry for one entry and for a million.
"""

from django.db import connection

TABLE = "search_posting"

#: {condition} restricts the entries (alias e); "TRUE" for all of them.
POSTINGS_SQL = f"""
    INSERT INTO {TABLE} (term, points, state, kind, end_ts, places, entry_id)
    SELECT t.term, t.points,
           CASE WHEN e.is_cancelled OR e.is_inactive THEN 2
                WHEN e.end_ts IS NULL THEN 0 ELSE 1 END,
           e.kind, e.end_ts, string_to_array(nullif(e.facets, ''), ' '), e.id
    FROM search_searchentry e CROSS JOIN LATERAL (
        SELECT u.term, max(u.points) AS points FROM (
            SELECT unnest(string_to_array(e.head_terms, ' ')) AS term, 12 AS points
            UNION ALL SELECT unnest(string_to_array(e.name_terms, ' ')), 10
            UNION ALL SELECT unnest(string_to_array(e.part_terms, ' ')), 8
        ) u
        WHERE u.term <> '' AND length(u.term) <= 40
        GROUP BY u.term
    ) t
    WHERE {{condition}}
"""


#: The kinds whose entries can have state 1 (an end time: events) and state 2 (cancelled
#: events, dissolved associations), as search/documents.py fills them: a read of the
#: postings of another kind skips those states, which may hold many postings of events.
DATED_KINDS = frozenset({"event"})
CLOSABLE_KINDS = frozenset({"event", "organization"})


def enabled() -> bool:
    return connection.vendor == "postgresql"


def clear() -> None:
    if enabled():
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")


def write_all() -> None:
    """After a rebuild: the postings of every entry, in one statement (the table is
    empty; search.index.rebuild_search_index drops its indexes before and builds them
    after)."""
    if not enabled():
        return
    with connection.cursor() as cursor:
        cursor.execute(POSTINGS_SQL.format(condition="TRUE"))


def remove(kind: str, object_ids: list[int]) -> None:
    """Drop the postings of these objects (before their entries go)."""
    if not enabled() or not object_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE entry_id IN (SELECT id FROM search_searchentry "
            "WHERE kind = %s AND object_id = ANY(%s))",
            [kind, list(object_ids)],
        )


def write(kind: str, object_ids: list[int]) -> None:
    """The postings of these objects' (new) entries."""
    if not enabled() or not object_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            POSTINGS_SQL.format(condition="e.kind = %s AND e.object_id = ANY(%s)"),
            [kind, list(object_ids)],
        )
