"""Whether an edit changes anything, so that a form saved as it was opened writes nothing.

An editor who presses Save to be sure changes no row: no revision in the history, no
"changed, please review" mark for the coordinator, and every node's cached public pages
stay (each saved row starts a new generation of core.page_cache, emptying all of them).

    before = column_values(event)
    ...assign the form's values...
    if changes_nothing(event, before, relations):
        return event
"""

from collections.abc import Iterable, Mapping

from django.db import models


def column_values(obj: models.Model) -> dict:
    """The object's column values as they are now (as loaded, before an edit)."""
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def changes_nothing(
    obj: models.Model, before: dict, relations: Mapping[str, Iterable[models.Model]]
) -> bool:
    """The columns equal `before`, and each many-to-many relation named in `relations`
    already holds exactly the given objects."""
    if obj.pk is None or column_values(obj) != before:
        return False
    for name, values in relations.items():
        current = set(getattr(obj, name).values_list("pk", flat=True))
        if current != {value.pk for value in values}:
            return False
    return True
