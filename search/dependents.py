"""Index rows that show another object's text, and queueing them when that text changes.

An event's row holds its place's name and municipality and the names of its
organizers, topics and audiences (see documents.SOURCES). Renaming a topic, moving a
place to another municipality or renaming an association therefore changes rows of
other objects. Those are queued (search_pendingindex) in the same transaction as the
change, and a worker indexes them once it commits: a topic can be shown by thousands
of rows, too many to index inside a form save.

What is watched is derived from SOURCES, so a field added there is followed here too.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import models

from core.languages import translated_names

from .documents import SOURCES
from .index import queue_for_index


@dataclass(frozen=True)
class ShownBy:
    """Rows of `model` show the fields `fields` of the object they reach through `relation`."""

    model: type[models.Model]
    relation: str
    fields: tuple[str, ...]


def _shown_by() -> dict[type[models.Model], list[ShownBy]]:
    found = defaultdict(list)
    for source in SOURCES.values():
        by_relation: dict[str, list[str]] = defaultdict(list)
        for lookup in (*source.plain_fields, *source.municipality_fks):
            relation, _, shown = lookup.partition("__")
            if shown:
                by_relation[relation].append(shown)
        for relation in source.related_names:
            by_relation[relation] += translated_names("name")
        for relation, fields in by_relation.items():
            target = source.model._meta.get_field(relation).related_model
            found[target].append(ShownBy(source.model, relation, tuple(dict.fromkeys(fields))))
    return dict(found)


#: {model: the rows that show its fields}, e.g. Place: events and activities (location).
SHOWN_BY = _shown_by()


def shown_fields(model) -> tuple[str, ...]:
    """The fields of `model` that some other object's index row shows; () if none."""
    fields = (f for shown in SHOWN_BY.get(model, ()) for f in shown.fields)
    return tuple(dict.fromkeys(fields))


def queue_objects_showing(model, pks, *, fields=None) -> int:
    """Queue for the index the objects whose rows show these objects of `model`.

    `fields` narrows it to the rows that show one of those fields (the ones that
    changed); None means all of them (the objects are being deleted). Returns the
    number of objects queued.
    """
    pks = list(pks)
    queued = 0
    for shown in SHOWN_BY.get(model, ()):
        if not pks or (fields is not None and not set(fields) & set(shown.fields)):
            continue
        showing = shown.model._base_manager.filter(**{f"{shown.relation}__in": pks})
        queued += queue_for_index(shown.model, showing.values_list("pk", flat=True).distinct())
    return queued


def queue_objects_showing_changes(model, changes: dict[int, set[str]]) -> int:
    """queue_objects_showing for objects whose fields changed ({pk: the fields changed}),
    leaving out those whose changes no other row shows."""
    shown = set(shown_fields(model))
    pks = [pk for pk, fields in changes.items() if set(fields) & shown]
    if not pks:
        return 0
    fields = set().union(*(changes[pk] for pk in pks)) & shown
    return queue_objects_showing(model, pks, fields=fields)
