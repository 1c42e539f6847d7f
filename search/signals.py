"""Keep the index in step with saves, deletes and relation changes made through the ORM.

An object's own save indexes it at once. A change that shows in other objects' rows
(a renamed topic, place or association: search.dependents) queues those objects, and a
worker indexes them after the commit.

The importer writes with raw SQL and COPY, so no signal fires there:
datasets.services.dataset_import queues its objects (search.index.queue_for_index).
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from .dependents import SHOWN_BY, queue_objects_showing, queue_objects_showing_changes, shown_fields
from .documents import SOURCES
from .index import index_objects, remove_objects
from .tasks import index_pending_after_commit

_M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}
_collecting = threading.local()


@contextmanager
def index_once():
    """Index each object saved or related inside the block once, when the block ends.

    A form save writes an event, then sets its organizers, topics, audiences and
    languages: four more signals, each indexing the same event again. Inside this block
    the signals only note the object; it is indexed at the end, still inside the
    caller's transaction. Nested blocks leave the indexing to the outermost one; an
    exception skips it (the transaction rolls back anyway).
    """
    if getattr(_collecting, "objects", None) is not None:
        yield
        return
    _collecting.objects = objects = {}
    try:
        yield
    finally:
        _collecting.objects = None
    for model, pks in objects.items():
        index_objects(model, pks)


def _index(model, pks) -> None:
    objects = getattr(_collecting, "objects", None)
    if objects is None:
        index_objects(model, pks)
    else:
        objects.setdefault(model, set()).update(pks)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _index(sender, [instance.pk])


def _part_changed(model, owner):
    """A receiver indexing the object that `owner(instance)` names, e.g. a report's measure."""

    def receiver(sender, instance, raw=False, **kwargs):
        pk = None if raw else owner(instance)
        if pk is not None:
            _index(model, [pk])

    return receiver


#: The receivers of long_text_parts, kept: a signal holds its receivers weakly.
_PART_RECEIVERS = []


def _deleted(sender, instance, **kwargs):
    remove_objects(sender, [instance.pk])


def _relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in _M2M_ACTIONS:
        return
    if not reverse:
        _index(type(instance), [instance.pk])
    elif pk_set:
        _index(model, pk_set)


def _remember_shown_fields(sender, instance, raw=False, **kwargs):
    """Before a save: the values of the fields other objects' rows show, as stored."""
    if raw or instance.pk is None:
        return
    fields = shown_fields(sender)
    instance._search_shown_before = (
        sender._base_manager.filter(pk=instance.pk).values(*fields).first()
    )


def _queue_objects_showing_changes(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_search_shown_before", None)
    if raw or not before:
        return
    changed = {name for name, value in before.items() if getattr(instance, name) != value}
    if queue_objects_showing_changes(sender, {instance.pk: changed}):
        index_pending_after_commit()


def _queue_objects_showing_deleted(sender, instance, **kwargs):
    # pre_delete: the relations that lead to the showing objects still exist.
    if queue_objects_showing(sender, [instance.pk]):
        index_pending_after_commit()


def _forget_vocabularies(**kwargs):
    from .query import forget_vocabularies

    forget_vocabularies()


def connect() -> None:
    from municipalities.models import Municipality
    from taxonomy.models import Audience

    from .models import Synonym

    for source in SOURCES.values():
        model = source.model
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{source.kind}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{source.kind}")
        for relation in model._meta.many_to_many:
            m2m_changed.connect(
                _relation_changed,
                sender=relation.remote_field.through,
                dispatch_uid=f"search-m2m-{source.kind}-{relation.name}",
            )
        for part, owner in source.long_text_parts:
            receiver = _part_changed(model, owner)
            _PART_RECEIVERS.append(receiver)
            uid = f"search-part-{source.kind}-{part._meta.label_lower}"
            post_save.connect(receiver, sender=part, dispatch_uid=f"{uid}-save")
            post_delete.connect(receiver, sender=part, dispatch_uid=f"{uid}-delete")
    for model in SHOWN_BY:
        uid = f"search-shown-{model._meta.label_lower}"
        pre_save.connect(_remember_shown_fields, sender=model, dispatch_uid=f"{uid}-before")
        post_save.connect(_queue_objects_showing_changes, sender=model, dispatch_uid=f"{uid}-save")
        pre_delete.connect(_queue_objects_showing_deleted, sender=model, dispatch_uid=f"{uid}-del")
    for model in (Synonym, Municipality, Audience):
        post_save.connect(_forget_vocabularies, sender=model, dispatch_uid=f"search-vocab-{model}")
        post_delete.connect(_forget_vocabularies, sender=model, dispatch_uid=f"search-vdel-{model}")
