"""The plain full-text baseline the engine is compared with (PostgreSQL only).

Finnish-configured `to_tsvector(name || ' ' || description) @@ plainto_tsquery(q)` ranked
by ts_rank over the four searchable tables, without any index, synonyms, typo tolerance
or compound splitting: what one would write first.
"""

from django.db import connection

TABLES = [
    # kind, table, the Finnish name and description columns
    ("organization", "organizations_organization", "name_fi", "description_fi"),
    ("event", "events_event", "name_fi", "description_fi"),
    ("activity", "activities_activity", "name_fi", "description_fi"),
    ("place", "places_place", "name_fi", "''"),
]


def baseline_available() -> bool:
    return connection.vendor == "postgresql"


def baseline_search(query: str, *, limit: int = 20) -> list[str]:
    """Public ids of the best `limit` matches, best first."""
    parts = []
    for kind, table, name, description in TABLES:
        document = (
            f"to_tsvector('finnish', coalesce({name}, '') || ' ' || coalesce({description}, ''))"
        )
        parts.append(
            f"SELECT public_id, ts_rank({document}, q) AS rank, '{kind}' AS kind "
            f"FROM {table}, plainto_tsquery('finnish', %s) AS q WHERE {document} @@ q"
        )
    sql = " UNION ALL ".join(parts) + " ORDER BY rank DESC, public_id LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [query] * len(TABLES) + [limit])
        return [row[0] for row in cursor.fetchall()]
