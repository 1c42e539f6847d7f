"""Writing the search index: after saves and deletes, after an import, and from scratch.

Every path writes in bulk and in the same way: the rows of a batch of objects in one
COPY (PostgreSQL) or one executemany (SQLite), their postings in one INSERT … SELECT,
the new vocabulary of the whole call in one statement, and the autocomplete names it
touched in two (names that lost an entry are recounted, the others only get added to).
So one save, an import of thousands and a rebuild give the same rows.
"""

import json
import logging
import time
from collections.abc import Callable, Iterable
from itertools import chain

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from core.bulk import insert_rows

from . import postings
from .analysis import MAX_WORD_LENGTH
from .documents import SOURCES, entry_rows, municipality_codes, source_for_model
from .models import PendingIndex, SearchEntry, SearchSuggestion, SearchTerm
from .targets import count_associations, note_indexed

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
ENTRIES = SearchEntry._meta.db_table
TERMS = SearchTerm._meta.db_table
SUGGESTIONS = SearchSuggestion._meta.db_table


def vocabulary(rows: Iterable[dict]) -> set[str]:
    """The terms of index rows that typo correction and the query may pick from."""
    rows = list(rows)
    text = " ".join(
        chain.from_iterable((r["name_terms"], r["part_terms"], r["body_terms"]) for r in rows)
    )
    terms = set(text.split())
    terms.update(t[1:] for t in set(" ".join(r["tag_terms"] for r in rows).split()))
    terms.discard("")
    return {t for t in terms if len(t) <= MAX_WORD_LENGTH}


#: The columns an index row fills (the tsvectors of PostgreSQL are generated from them).
_ENTRY_COLUMNS = [f.column for f in SearchEntry._meta.concrete_fields if not f.primary_key]


def _write_entries(rows: list[dict], *, freeze: bool = False) -> None:
    """Insert index rows: COPY on PostgreSQL (FREEZE into a table emptied in this
    transaction: the rows are visible to index-only scans without a VACUUM), one
    executemany elsewhere."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        insert_rows(SearchEntry, rows)
        return
    columns = ", ".join(_ENTRY_COLUMNS)
    options = " WITH (FREEZE)" if freeze else ""
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {ENTRIES} ({columns}) FROM STDIN{options}") as copy:
            for row in rows:
                copy.write_row([row[c] for c in _ENTRY_COLUMNS])


def _any(column: str, values) -> tuple[str, list]:
    """`column` is one of `values`: a condition and its one parameter."""
    values = list(values)
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [values]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(values)]


def _add_terms(terms: set[str]) -> None:
    """Add the new `terms` to the vocabulary in one statement (known ones skipped)."""
    if not terms:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {TERMS} (term) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                [sorted(terms)],
            )
            return
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {TERMS}")
        before = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT OR IGNORE INTO {TERMS} (term) SELECT value FROM json_each(%s)",
            [json.dumps(sorted(terms))],
        )
        _fill_term_trigrams(f"id > {int(before)}")


#: SQLite (migration 0008): the FTS5 rows of new entries and terms are written here in
#: one statement each, not by row triggers; the delete triggers still remove them.
def _fill_full_text(condition: str, params: list) -> None:
    """SQLite: the FTS5 rows of the entries that meet `condition`."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_fts (rowid, name, head, parts, body, tags, facets) "
            "SELECT id, name_terms, head_terms, part_terms, body_terms, tag_terms, facets "
            f"FROM {ENTRIES} WHERE {condition}",
            params,
        )


def _fill_term_trigrams(condition: str) -> None:
    """SQLite: the trigram rows (typo correction) of the terms that meet `condition`."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO search_term_trgm (rowid, term) SELECT id, term FROM {TERMS} "
            f"WHERE {condition}"
        )


#: The suggestion of (kind, title_key) from its entries (alias e); {where} picks them.
_SUGGESTION_SELECT = f"""
    SELECT e.kind, e.title_key, MIN(e.title_fi), MIN(e.public_id), COUNT(*),
        MAX(CASE WHEN NOT e.is_cancelled AND NOT e.is_inactive
                 AND (e.end_ts IS NULL OR e.end_ts >= %s) THEN 1 ELSE 0 END) = 1
    FROM {ENTRIES} e
    WHERE e.title_key <> '' AND {{where}}
    GROUP BY e.kind, e.title_key
"""
_SUGGESTION_COLUMNS = "(kind, title_key, title, public_id, count, is_current)"


def _recount_suggestions(kind: str, keys: set[str]) -> None:
    """Count the autocomplete names `keys` of `kind` again from the entries."""
    keys.discard("")
    if not keys:
        return
    condition, params = _any("title_key", keys)
    entries_condition, entries_params = _any("e.title_key", keys)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {SUGGESTIONS} WHERE kind = %s AND {condition}", [kind, *params]
        )
        cursor.execute(
            f"INSERT INTO {SUGGESTIONS} {_SUGGESTION_COLUMNS} "
            + _SUGGESTION_SELECT.format(where=f"e.kind = %s AND {entries_condition}"),
            [int(time.time()), kind, *entries_params],
        )


def _add_suggestions(kind: str, object_ids: list[int], recounted: set[str]) -> None:
    """Add the names of the new entries of these objects to the autocomplete counts.

    Names in `recounted` are left out: they were counted from scratch.
    """
    if not object_ids:
        return
    condition, params = _any("e.object_id", object_ids)
    where = f"e.kind = %s AND {condition}"
    if recounted:
        recounted_condition, recounted_params = _any("e.title_key", recounted)
        where += f" AND NOT ({recounted_condition})"
        params += recounted_params
    least = "LEAST" if connection.vendor == "postgresql" else "min"
    sql = (
        f"INSERT INTO {SUGGESTIONS} AS s {_SUGGESTION_COLUMNS} "
        + _SUGGESTION_SELECT.format(where=where)
        + " ON CONFLICT (kind, title_key) DO UPDATE SET count = s.count + excluded.count, "
        f"title = {least}(s.title, excluded.title), "
        f"public_id = {least}(s.public_id, excluded.public_id), "
        "is_current = s.is_current OR excluded.is_current"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [int(time.time()), kind, *params])


def _remove_entries(kind: str, object_ids: list[int]) -> set[str]:
    """Delete the entries (and postings) of these objects; the title keys they had."""
    postings.remove(kind, object_ids)
    condition, params = _any("object_id", object_ids)
    where = f"WHERE kind = %s AND {condition}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {ENTRIES} {where} RETURNING title_key", [kind, *params])
            return {row[0] for row in cursor.fetchall()}
        cursor.execute(f"SELECT title_key FROM {ENTRIES} {where}", [kind, *params])
        keys = {row[0] for row in cursor.fetchall()}
        if keys:
            cursor.execute(f"DELETE FROM {ENTRIES} {where}", [kind, *params])
        return keys


def index_objects(model, pks) -> None:
    """Bring the index rows of these objects up to date (creating or removing them)."""
    source = source_for_model(model)
    pks = sorted(set(pks))
    if source is None or not pks:
        return
    codes = municipality_codes()
    kind = source.kind
    old_keys, terms = set(), set()
    with transaction.atomic():
        for start in range(0, len(pks), BATCH_SIZE):
            batch = pks[start : start + BATCH_SIZE]
            rows = entry_rows(source, batch, codes)
            old_keys |= _remove_entries(kind, batch)
            _write_entries(rows)
            condition, params = _any("object_id", batch)
            _fill_full_text(f"kind = %s AND {condition}", [kind, *params])
            postings.write(kind, batch)
            terms |= vocabulary(rows)
        _add_terms(terms)
        _recount_suggestions(kind, old_keys)
        _add_suggestions(kind, pks, old_keys)
        note_indexed(len(pks))


def index_missing(objects: QuerySet) -> int:
    """Index those of `objects` that have no index row yet, e.g. news posts now due; how many."""
    source = source_for_model(objects.model)
    if source is None:
        return 0
    indexed = SearchEntry.objects.filter(kind=source.kind, object_id=OuterRef("pk"))
    pks = list(objects.filter(~Exists(indexed)).values_list("pk", flat=True))
    index_objects(objects.model, pks)
    return len(pks)


def queue_for_index(model, pks) -> int:
    """Mark these objects' index rows out of date, in the caller's transaction.

    index_pending() (a worker's task, run after the caller commits) brings them up to
    date; an object already waiting is queued once. Returns how many were not waiting.
    """
    source = source_for_model(model)
    pks = sorted(set(pks))
    if source is None or not pks:
        return 0
    table = PendingIndex._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {table} (kind, object_id, queued_at) "
                "SELECT %s, unnest(%s::bigint[]), now() ON CONFLICT DO NOTHING",
                [source.kind, pks],
            )
        else:
            cursor.execute(
                f"INSERT OR IGNORE INTO {table} (kind, object_id, queued_at) "
                "SELECT %s, value, %s FROM json_each(%s)",
                [source.kind, timezone.now().isoformat(), json.dumps(pks)],
            )
        return cursor.rowcount


def index_pending(*, batch_size: int = BATCH_SIZE) -> int:
    """Index the objects that queue_for_index queued, oldest first; returns how many.

    Each batch is indexed and taken off the queue in one transaction. Workers running
    this at once take different rows (SKIP LOCKED on PostgreSQL); an object changed
    again meanwhile is queued again and indexed by a later batch.
    """
    done = 0
    while True:
        with transaction.atomic():
            rows = list(
                PendingIndex.objects.select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", "kind", "object_id")[:batch_size]
            )
            if not rows:
                return done
            by_kind: dict[str, list[int]] = {}
            for _pk, kind, object_id in rows:
                by_kind.setdefault(kind, []).append(object_id)
            for kind, pks in by_kind.items():
                if kind in SOURCES:
                    index_objects(SOURCES[kind].model, pks)
            PendingIndex.objects.filter(pk__in=[row[0] for row in rows]).delete()
            done += len(rows)


def oldest_pending_queued_at():
    """When the longest-waiting object of queue_for_index was queued, or None (/health/)."""
    return PendingIndex.objects.order_by("queued_at").values_list("queued_at", flat=True).first()


def remove_objects(model, pks) -> None:
    """Drop deleted objects from the index."""
    source = source_for_model(model)
    if source is None:
        return
    pks = list(pks)
    if not pks:
        return
    with transaction.atomic():
        _recount_suggestions(source.kind, _remove_entries(source.kind, pks))


def _clear() -> None:
    tables = [ENTRIES, TERMS, SUGGESTIONS]
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
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SUGGESTIONS} {_SUGGESTION_COLUMNS} "
            + _SUGGESTION_SELECT.format(where="TRUE"),
            [int(time.time())],
        )


#: PostgreSQL: the indexes a full rebuild drops and builds again at the end (building
#: an index once over a full table is many times faster than keeping it current row by
#: row, and no cost grows with the table while the rows go in). The unique constraints
#: stay: ON CONFLICT needs them and the primary keys only grow.
def _secondary_indexes() -> list[tuple[str, str]]:
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.indexname, i.indexdef FROM pg_indexes i
               WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                               WHERE c.conname = i.indexname)""",
            [[ENTRIES, TERMS, SUGGESTIONS, postings.TABLE]],
        )
        return cursor.fetchall()


def _drop_indexes() -> list[str]:
    """PostgreSQL: drop the secondary indexes of the index tables; their definitions."""
    found = _secondary_indexes()
    with connection.cursor() as cursor:
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
    COPY (PostgreSQL) into tables without their secondary indexes, so that no batch
    costs more than the one before; the vocabulary, the suggestions, the postings and
    the indexes are built once at the end. `progress(n)` hears of each batch.
    """
    started = time.perf_counter()
    codes = municipality_codes()
    total = 0
    terms: set[str] = set()
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        # Everything queued so far is indexed from scratch below.
        PendingIndex.objects.all().delete()
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
                _write_entries(rows, freeze=postgres)
                terms |= vocabulary(rows)
                total += len(rows)
                if progress:
                    progress(len(rows))
        _fill_full_text("TRUE", [])
        _log_phase("entries", started, total)
        _write_terms(sorted(terms), freeze=postgres)
        _fill_term_trigrams("TRUE")
        _rebuild_suggestions()
        _log_phase("vocabulary and suggestions", started, len(terms))
        postings.write_all()
        _log_phase("postings", started)
        _create_indexes(dropped)
        _log_phase("indexes", started, len(dropped))
        count_associations()
        _log_phase("term associations", started)
    if postgres:
        with connection.cursor() as cursor:
            # VACUUM sets the visibility map, so that candidates are read index-only.
            verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            for table in (ENTRIES, TERMS, SUGGESTIONS, postings.TABLE):
                cursor.execute(f"{verb} {table}")
        _log_phase("vacuum", started)
    logger.info("Search index rebuilt: %s entries in %.1f s", total, time.perf_counter() - started)
    return total


def _write_terms(terms: list[str], *, freeze: bool) -> None:
    if not freeze:
        insert_rows(SearchTerm, [{"term": t} for t in terms])
        return
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {TERMS} (term) FROM STDIN WITH (FREEZE)") as copy:
            for term in terms:
                copy.write_row((term,))


def _log_phase(name: str, started: float, count: int | None = None) -> None:
    logger.info(
        "Search index rebuild: %s done at %.1f s%s",
        name,
        time.perf_counter() - started,
        "" if count is None else f" ({count})",
    )
