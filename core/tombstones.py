"""Tombstones of public objects that were deleted or unpublished (core.models.Tombstone).

core.apps connects these to every concrete SourcedModel, so no app needs to register.
Bulk writes (core.bulk, querysets' update/delete) send no signals and leave no
tombstone; the importer only adds and updates, and its deletions go through delete().
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from .models import PublicationStatus, Publishable, SourcedModel, Tombstone


def model_label(model) -> str:
    return model._meta.label_lower


def _is_public(instance) -> bool:
    # An event shown as the original it duplicates (importers.duplicates) leaves the API.
    if getattr(instance, "duplicate_of_id", None):
        return False
    if isinstance(instance, Publishable):
        return instance.publication_status == PublicationStatus.PUBLISHED
    return True


def record_save(sender, instance, raw=False, **kwargs):
    """A saved object: published again clears its tombstone, unpublished leaves one."""
    if raw:
        return
    label = model_label(sender)
    if _is_public(instance):
        Tombstone.objects.filter(model=label, public_id=instance.public_id).delete()
    else:
        Tombstone.objects.update_or_create(
            model=label,
            public_id=instance.public_id,
            defaults={"reason": Tombstone.Reason.UNPUBLISHED, "removed_at": instance.updated_at},
        )


def record_delete(sender, instance, **kwargs):
    Tombstone.objects.update_or_create(
        model=model_label(sender),
        public_id=instance.public_id,
        defaults={"reason": Tombstone.Reason.DELETED},
    )


def connect_all(models) -> None:
    """Record tombstones for every concrete SourcedModel among `models`."""
    for model in models:
        if issubclass(model, SourcedModel) and not model._meta.abstract:
            post_save.connect(record_save, sender=model, dispatch_uid=f"tombstone-save-{model}")
            post_delete.connect(
                record_delete, sender=model, dispatch_uid=f"tombstone-delete-{model}"
            )


def tombstones_of(model, *, since=None) -> QuerySet[Tombstone]:
    """The tombstones of `model`, oldest first, from `since` on when given."""
    rows = Tombstone.objects.filter(model=model_label(model))
    if since is not None:
        rows = rows.filter(removed_at__gte=since)
    return rows
