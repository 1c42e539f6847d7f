"""PostgreSQL name postings: where a search finds its candidates (migration 0006).

Every term of an entry's name, compound parts and head is a row of `search_posting`
with the points of its best place in the name (head 12, word 10, part 8), the entry's
state (0 undated and active, 1 event, 2 dissolved or cancelled), kind, end time and
municipality facets. The rows are written in SQL from the entries themselves, so a
rebuild writes them in one statement and an update in one per batch.
"""

from django.db import connection

TABLE = "search_posting"

#: {condition} restricts the entries (alias e); "TRUE" for all of them.
POSTINGS_SQL = f"""
    INSERT INTO {TABLE} (term, points, state, kind, end_ts, places, entry_id)
    SELECT t.term, max(t.points),
           CASE WHEN e.is_cancelled OR e.is_inactive THEN 2
                WHEN e.end_ts IS NULL THEN 0 ELSE 1 END,
           e.kind, e.end_ts, string_to_array(nullif(e.facets, ''), ' '), e.id
    FROM search_searchentry e CROSS JOIN LATERAL (
        SELECT unnest(string_to_array(e.head_terms, ' ')) AS term, 12 AS points
        UNION ALL SELECT unnest(string_to_array(e.name_terms, ' ')), 10
        UNION ALL SELECT unnest(string_to_array(e.part_terms, ' ')), 8
    ) t
    WHERE t.term <> '' AND length(t.term) <= 40 AND {{condition}}
    GROUP BY e.id, t.term
"""


def enabled() -> bool:
    return connection.vendor == "postgresql"


def clear() -> None:
    if enabled():
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")


def write_all() -> None:
    """After a rebuild: the postings of every entry (the table is empty)."""
    if not enabled():
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("DROP INDEX IF EXISTS search_posting_term")
        cursor.execute("DROP INDEX IF EXISTS search_posting_entry")
        cursor.execute(POSTINGS_SQL.format(condition="TRUE"))
        cursor.execute(
            f"CREATE INDEX search_posting_term ON {TABLE} (term, state, points, end_ts) "
            "INCLUDE (kind, places, entry_id)"
        )
        cursor.execute(f"CREATE INDEX search_posting_entry ON {TABLE} (entry_id)")


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
