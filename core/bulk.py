"""Set-based writes for the importer: a few queries per kind, none per object.

Each kind is read once, new rows are bulk-created, changed rows bulk-updated, and
relation rows (M2M through rows, weekly slots) are diffed so that re-importing an
unchanged file writes nothing. In core because the importer (datasets) and the search
index (search.index) both write this way.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections, models, router
from django.db.models import QuerySet
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator

BATCH_SIZE = 1000


@dataclass
class Upsert:
    """The outcome of writing one kind: row ids by public id and what still needs saving."""

    model: type[models.Model]
    source: str
    ids: dict[str, int]
    desired: dict[int, dict]
    created: set[int]
    changed: dict[int, set[str]] = field(default_factory=dict)
    touched: set[int] = field(default_factory=set)

    @property
    def updated(self) -> set[int]:
        return (set(self.changed) | self.touched) - self.created


def upsert_rows(
    *, model: type[models.Model], source: str, rows: dict[str, dict], deferred: str | None = None
) -> Upsert:
    """Insert the rows (public id -> field values) that are new; note what differs in the others.

    `deferred` names a foreign key to the same model whose value is still a public id
    (a parent or super event). New rows are inserted parents first, so the key is set
    on insert; only a cycle leaves something for save_changes.
    """
    if not rows:
        return Upsert(model=model, source=source, ids={}, desired={}, created=set())
    fields = list(next(iter(rows.values())))
    existing = {
        row.pop("public_id"): row
        for row in QuerySet(model).filter(data_source=source).values("id", "public_id", *fields)
    }
    ids = {public_id: row["id"] for public_id, row in existing.items()}
    pending = {p: values for p, values in rows.items() if p not in existing}
    inserted_refs = {}
    while pending:
        ready = {
            p: values
            for p, values in pending.items()
            if not deferred or values[deferred] is None or values[deferred] in ids
        }
        batch = []
        for public_id, values in list((ready or pending).items()):
            row = {**values, "public_id": public_id, "data_source": source}
            if deferred:
                row[deferred] = inserted_refs[public_id] = ids.get(values[deferred])
            pending.pop(public_id)
            batch.append(row)
        insert_rows(model, batch)
        ids = dict(model.objects.filter(data_source=source).values_list("public_id", "id"))
    created = {ids[p] for p in rows if p not in existing}
    result = Upsert(model=model, source=source, ids=ids, desired={}, created=created)
    for public_id, values in rows.items():
        pk = ids[public_id]
        if deferred:
            values[deferred] = ids.get(values[deferred]) if values[deferred] else None
        result.desired[pk] = values
        if public_id in existing:
            old = existing[public_id]
            diff = {name for name, value in values.items() if old[name] != value}
        else:
            diff = (
                {deferred} if deferred and values[deferred] != inserted_refs[public_id] else set()
            )
        if diff:
            result.changed[pk] = diff
    return result


_CONVERTED = {"DateTimeField", "DateField", "TimeField", "JSONField", "DecimalField", "UUIDField"}


def insert_rows(model: type[models.Model], rows: list[dict]) -> None:
    """INSERT rows given as {attname: value} with executemany.

    Faster than bulk_create, which spends most of its time building model instances
    (and modeltranslation's __init__). Unnamed fields get their defaults; the base
    column of a translated field gets the default language's text.
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    now = timezone.now()
    default_language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    columns, getters = [], []
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key:
            continue
        columns.append(connection.ops.quote_name(model_field.column))
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            getter = _constant(now)
        elif model_field.name == "reviewed_at" and model_field.attname not in rows[0]:
            # Imported content comes from a source the coordinator chose: it counts as
            # reviewed on arrival, so an import does not flood the moderation queue.
            getter = _constant(now)
        elif model_field.name in translated:
            getter = _translated_base(f"{model_field.name}_{default_language}")
        else:
            getter = _value_or_default(model_field.attname, model_field.get_default())
        if model_field.get_internal_type() in _CONVERTED:
            getter = _converted(getter, model_field, connection)
        getters.append(getter)
    table = connection.ops.quote_name(model._meta.db_table)
    head = "INSERT INTO {} ({}) VALUES ".format(table, ", ".join(columns))
    values = "({})".format(", ".join(["%s"] * len(columns)))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # In-process: executemany of one prepared statement is the fastest way.
            for start in range(0, len(rows), BATCH_SIZE):
                batch = rows[start : start + BATCH_SIZE]
                cursor.executemany(head + values, [[get(r) for get in getters] for r in batch])
            return
        if connection.vendor == "postgresql":
            # COPY skips the client-side quoting of every parameter.
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([get(row) for get in getters])
            return
        size = max(1, min(BATCH_SIZE, 60000 // len(columns)))
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params = [get(r) for r in batch for get in getters]
            cursor.execute(head + ", ".join([values] * len(batch)), params)


def _constant(value):
    return lambda row: value


def _translated_base(name: str):
    return lambda row: row.get(name) or ""


def _value_or_default(attname: str, default):
    return lambda row: row.get(attname, default)


def _converted(getter, field, connection):
    return lambda row: field.get_db_prep_save(getter(row), connection)


def save_changes(upsert: Upsert) -> None:
    """Write the changed fields of rows that differ, and touch rows whose relations changed."""
    pks = set(upsert.changed) | (upsert.touched - upsert.created)
    if not pks:
        return
    fields = sorted(set().union(*(upsert.changed.get(pk, set()) for pk in pks)))
    now = timezone.now()
    objs = []
    for pk in pks:
        obj = upsert.model(pk=pk, **upsert.desired[pk])
        obj.updated_at = now
        objs.append(obj)
    upsert.model.objects.bulk_update(objs, [*fields, "updated_at"], batch_size=BATCH_SIZE)


def sync_m2m(*, upsert: Upsert, field_name: str, wanted: dict[int, set[int]]) -> None:
    """Make the through rows of the imported objects exactly `wanted` (object id -> target ids)."""
    relation = upsert.model._meta.get_field(field_name)
    through = relation.remote_field.through
    owner, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    current: dict[int, dict[int, int]] = defaultdict(dict)
    rows = through.objects.filter(**{f"{owner}__data_source": upsert.source}).values_list(
        "id", f"{owner}_id", f"{target}_id"
    )
    for row_id, owner_id, target_id in rows:
        current[owner_id][target_id] = row_id
    stale, fresh = [], []
    for owner_id, targets in wanted.items():
        have = current.get(owner_id, {})
        stale.extend(row_id for target_id, row_id in have.items() if target_id not in targets)
        fresh.extend(
            {f"{owner}_id": owner_id, f"{target}_id": target_id}
            for target_id in targets
            if target_id not in have
        )
        if have.keys() != targets:
            upsert.touched.add(owner_id)
    _delete_ids(through, stale)
    insert_rows(through, fresh)


def sync_children(
    *, upsert: Upsert, child: type[models.Model], fk: str, fields: list[str], wanted: dict
) -> None:
    """Replace dependent rows (e.g. weekly slots) of the imported objects by `wanted`.

    `wanted` maps an object id to a set of tuples of `fields`; equal rows are kept.
    """
    current: dict[int, dict[tuple, list[int]]] = defaultdict(lambda: defaultdict(list))
    rows = child.objects.filter(**{f"{fk}__data_source": upsert.source})
    for row_id, owner_id, *values in rows.values_list("id", f"{fk}_id", *fields):
        current[owner_id][tuple(values)].append(row_id)
    stale, fresh = [], []
    for owner_id, tuples in wanted.items():
        have = current.get(owner_id, {})
        for values, row_ids in have.items():
            # Keep one row per wanted tuple; duplicates and unwanted rows go.
            stale.extend(row_ids[1:] if values in tuples else row_ids)
        fresh.extend(
            {f"{fk}_id": owner_id, **dict(zip(fields, values, strict=True))}
            for values in tuples
            if values not in have
        )
        if set(have) != tuples:
            upsert.touched.add(owner_id)
    _delete_ids(child, stale)
    insert_rows(child, fresh)


def _delete_ids(model: type[models.Model], ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH_SIZE):
        model.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).delete()
