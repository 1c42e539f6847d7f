"""Storing uploaded files so that a refused write leaves nothing half-done.

The disk may be full and an object store may answer with an error. Then the person gets
a clear message next to the file field, no row changes, and no part of the file stays
behind. A file is stored before the database write that names it; it is removed again if
that write fails, and the file it replaces is removed only once the write has committed.
So a failure at any point leaves the old picture in place and showing.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

STORAGE_REFUSED = _(
    "The file could not be stored just now, so nothing was saved. Please try again in a "
    "moment; if it keeps happening, tell the coordinator."
)


def _storage_errors() -> tuple[type[BaseException], ...]:
    """What a storage raises when it refuses a write: OSError from the file system, and
    botocore's errors from an S3-compatible store (when django-storages is in use)."""
    errors: tuple[type[BaseException], ...] = (OSError,)
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - boto3 is a dependency
        return errors
    return (*errors, BotoCoreError, ClientError)


def remove_quietly(storage, name: str) -> None:
    """Delete a stored file; a failure is logged, not raised (the write it belonged to
    has already succeeded or failed)."""
    if not name:
        return
    try:
        storage.delete(name)
    except Exception:
        logger.warning("Could not delete the stored file %s", name, exc_info=True)


def store_file(instance, field_name: str, content, *, name: str | None = None) -> str:
    """Store `content` as the file of `instance.<field_name>` (the row is not saved).

    Returns the stored name. A refused write raises a ValidationError naming the field,
    after removing whatever part of the file reached the storage.
    """
    field = instance._meta.get_field(field_name)
    storage = field.storage
    wanted = field.generate_filename(instance, name or content.name)
    wanted = storage.get_available_name(wanted, max_length=field.max_length)
    try:
        if hasattr(content, "seek"):
            content.seek(0)
        stored = storage.save(wanted, content, max_length=field.max_length)
    except _storage_errors() as error:
        logger.error("The storage refused %s: %s", wanted, error)
        remove_quietly(storage, wanted)
        raise ValidationError({field_name: STORAGE_REFUSED}, code="storage_refused") from error
    setattr(instance, field.attname, stored)
    return stored


@contextmanager
def replacing_file(instance, field_name: str, new=None, *, remove: bool = False) -> Iterator[None]:
    """Around a write that gives `instance.<field_name>` a new file, or removes it.

    Entering stores the new file (a refusal raises, before anything is written). If the
    block fails, the new file is deleted and the field named the old one again; if it
    succeeds, the old file is deleted once the transaction commits.
    """
    field = instance._meta.get_field(field_name)
    old = getattr(instance, field_name).name or ""
    stored = store_file(instance, field_name, new) if new is not None else ""
    if remove and not stored:
        setattr(instance, field.attname, "")
    try:
        yield
    except BaseException:
        remove_quietly(field.storage, stored)
        setattr(instance, field.attname, old)
        raise
    if old and old != (getattr(instance, field_name).name or ""):
        transaction.on_commit(lambda: remove_quietly(field.storage, old))
