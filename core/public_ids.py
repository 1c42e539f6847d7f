"""Public ids of content created in the service itself: `sakke:<pk>`.

The pk is known only after the insert, and public_id is required and unique, so a new
object is saved under a temporary id first. One function for every content type, so
that an event, a news post and an association claimed as new get the same kind of id.
"""

import uuid

from django.db import models

from .history import add_to_revision
from .models import LOCAL_DATA_SOURCE


def save_new_or_changed(obj: models.Model) -> None:
    """Insert a new object (no primary key yet) with its public id, or save a changed one."""
    if obj.pk is None:
        save_with_public_id(obj)
    else:
        obj.save()


def save_with_public_id(obj: models.Model) -> None:
    """Insert a new object and give it its public id `sakke:<pk>`."""
    obj.public_id = f"{LOCAL_DATA_SOURCE}:new-{uuid.uuid4().hex}"
    obj.data_source = LOCAL_DATA_SOURCE
    obj.save()
    obj.public_id = f"{LOCAL_DATA_SOURCE}:{obj.pk}"
    # An update, not a save: the object's save signals (search, history) have run once.
    type(obj)._base_manager.filter(pk=obj.pk).update(public_id=obj.public_id)
    # The revision being recorded holds the temporary id; store the object with its own.
    add_to_revision(obj)
