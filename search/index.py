"""Writing the search index: after saves and deletes, after an import, and from scratch."""

import logging
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q

from datasets.bulk import insert_rows

from . import postings
from .documents import SOURCES, entry_rows, municipality_codes, source_for_model
from .models import SearchEntry, SearchSuggestion, SearchTerm

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000


def vocabulary_of(row: dict) -> set[str]:
    """The terms of an index row that typo correction and the query may pick from."""
    terms = set(row["name_terms"].split())
    terms.update(row["part_terms"].split())
    terms.update(row["body_terms"].split())
    terms.update(t[1:] for t in row["tag_terms"].split())
    return {t for t in terms if t and len(t) <= 40}


def _add_terms(rows: list[dict]) -> None:
    """Add the new terms of `rows` to the vocabulary in one statement (known ones skipped)."""
    terms = set()
    for row in rows:
        terms.update(vocabulary_of(row))
    if not terms:
        return
    table = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {table} (term) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                [sorted(terms)],
            )
        else:
            cursor.executemany(
                f"INSERT OR IGNORE INTO {table} (term) VALUES (%s)", [(t,) for t in sorted(terms)]
            )


def _refresh_suggestions(keys: set[tuple[str, str]]) -> None:
    """Recount the autocomplete names `keys` ((kind, title_key) pairs) from the entries."""
    keys = {k for k in keys if k[1]}
    if not keys:
        return
    now = int(time.time())
    by_kind: dict[str, set[str]] = {}
    for kind, key in keys:
        by_kind.setdefault(kind, set()).add(key)
    condition = Q()
    for kind, kind_keys in by_kind.items():
        condition |= Q(kind=kind, title_key__in=kind_keys)
    SearchSuggestion.objects.filter(condition).delete()
    current = Q(is_cancelled=False, is_inactive=False) & (
        Q(end_ts__isnull=True) | Q(end_ts__gte=now)
    )
    groups = (
        SearchEntry.objects.filter(condition)
        .values("kind", "title_key")
        .annotate(
            title=Min("title_fi"),
            public_id=Min("public_id"),
            count=Count("id"),
            current=Max("id", filter=current),
        )
    )
    SearchSuggestion.objects.bulk_create(
        [
            SearchSuggestion(
                kind=g["kind"],
                title_key=g["title_key"],
                title=g["title"],
                public_id=g["public_id"],
                count=g["count"],
                is_current=g["current"] is not None,
            )
            for g in groups
        ]
    )


def _old_keys(kind: str, pks: list[int]) -> set[tuple[str, str]]:
    rows = SearchEntry.objects.filter(kind=kind, object_id__in=pks)
    return {(kind, key) for key in rows.values_list("title_key", flat=True)}


def index_objects(model, pks) -> None:
    """Bring the index rows of these objects up to date (creating or removing them)."""
    source = source_for_model(model)
    pks = sorted(set(pks))
    if source is None or not pks:
        return
    codes = municipality_codes()
    with transaction.atomic():
        for start in range(0, len(pks), BATCH_SIZE):
            batch = pks[start : start + BATCH_SIZE]
            keys = _old_keys(source.kind, batch)
            rows = entry_rows(source, batch, codes)
            postings.remove(source.kind, batch)
            SearchEntry.objects.filter(kind=source.kind, object_id__in=batch).delete()
            insert_rows(SearchEntry, rows)
            postings.write(source.kind, batch)
            _add_terms(rows)
            _refresh_suggestions(keys | {(source.kind, r["title_key"]) for r in rows})


def remove_objects(model, pks) -> None:
    """Drop deleted objects from the index."""
    source = source_for_model(model)
    if source is None:
        return
    pks = list(pks)
    with transaction.atomic():
        keys = _old_keys(source.kind, pks)
        postings.remove(source.kind, pks)
        SearchEntry.objects.filter(kind=source.kind, object_id__in=pks).delete()
        _refresh_suggestions(keys)


def _clear() -> None:
    tables = [m._meta.db_table for m in (SearchEntry, SearchTerm, SearchSuggestion)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join([*tables, postings.TABLE])}")
            return
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM search_fts")
            cursor.execute("DELETE FROM search_term_trgm")
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")


def _rebuild_suggestions() -> None:
    now = int(time.time())
    sql = f"""
        INSERT INTO {SearchSuggestion._meta.db_table}
            (kind, title_key, title, public_id, count, is_current)
        SELECT kind, title_key, MIN(title_fi), MIN(public_id), COUNT(*),
            MAX(CASE WHEN NOT is_cancelled AND NOT is_inactive
                     AND (end_ts IS NULL OR end_ts >= %s) THEN 1 ELSE 0 END) = 1
        FROM {SearchEntry._meta.db_table}
        WHERE title_key <> ''
        GROUP BY kind, title_key
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [now])


def _drop_indexes() -> list[str]:
    """PostgreSQL: drop the GIN index of the entries for a full rebuild (one build at the
    end is many times faster than keeping it current row by row); its definition."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND indexdef LIKE '%%USING gin%%'",
            [SearchEntry._meta.db_table],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def _create_indexes(definitions: list[str]) -> None:
    if not definitions:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)


def rebuild_search_index(*, progress: Callable[[int], object] | None = None) -> int:
    """Empty the index and fill it again from every object; returns the number of entries.

    Objects are read in primary-key batches and written with executemany (SQLite) or
    COPY (PostgreSQL, datasets.bulk.insert_rows); `progress(n)` hears of each batch.
    """
    started = time.perf_counter()
    codes = municipality_codes()
    total = 0
    terms: set[str] = set()
    with transaction.atomic():
        _clear()
        dropped = _drop_indexes()
        for source in SOURCES.values():
            last = 0
            while True:
                pks = list(
                    source.model.objects.filter(pk__gt=last)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:BATCH_SIZE]
                )
                if not pks:
                    break
                last = pks[-1]
                rows = entry_rows(source, pks, codes)
                insert_rows(SearchEntry, rows)
                for row in rows:
                    terms.update(vocabulary_of(row))
                total += len(rows)
                if progress:
                    progress(len(rows))
        insert_rows(SearchTerm, [{"term": t} for t in sorted(terms)])
        _rebuild_suggestions()
        _create_indexes(dropped)
        postings.write_all()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM sets the visibility map, so that candidates are read index-only.
            verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{verb} {SearchEntry._meta.db_table}")
            cursor.execute(f"{verb} {postings.TABLE}")
    logger.info("Search index rebuilt: %s entries in %.1f s", total, time.perf_counter() - started)
    return total
