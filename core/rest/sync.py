"""Incremental sync of every API list: `last_modified_since` and `show_deleted`.

A mirror asks for what changed since its last visit, and with `show_deleted=true` also
for the tombstones of what was deleted or unpublished since (core.models.Tombstone),
so that its copy stays exact. Lists of reference data without a modification time
(topics, languages, municipalities) answer in full: a superset keeps a mirror exact.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from core.filtering import BOOLEAN_VALUES, parse_time_bound
from core.tombstones import tombstones_of

from .fields import datetime_text, detail_url


def last_modified_since(request):
    """The `last_modified_since` of the request as an aware time, None when absent."""
    value = request.query_params.get("last_modified_since")
    if not value:
        return None
    try:
        return parse_time_bound(value)
    except DjangoValidationError as error:
        raise ValidationError({"last_modified_since": list(error.messages)}) from error


def show_deleted(request) -> bool:
    value = request.query_params.get("show_deleted")
    if value in (None, ""):
        return False
    if value not in BOOLEAN_VALUES:
        raise ValidationError({"show_deleted": [_("Enter true or false.")]})
    return BOOLEAN_VALUES[value]


def modification_field(model) -> str | None:
    names = {field.name for field in model._meta.get_fields()}
    if "updated_at" in names:
        return "updated_at"
    return None


def modified_since(queryset, since):
    """Rows changed at or after `since`; the whole list when the model keeps no time."""
    field = modification_field(queryset.model)
    if since is None or field is None:
        return queryset
    return queryset.filter(**{f"{field}__gte": since})


def has_tombstones(model) -> bool:
    return hasattr(model, "public_id") and modification_field(model) is not None


class Chain:
    """Two querysets one after the other, as one sequence Django's Paginator can page."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def count(self) -> int:
        return self._first_count + self.second.count()

    @property
    def _first_count(self) -> int:
        if not hasattr(self, "_first_count_value"):
            self._first_count_value = self.first.count()
        return self._first_count_value

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        head = self._first_count
        rows = []
        if start < head:
            rows += list(self.first[start : min(stop, head)])
        if stop > head:
            rows += list(self.second[max(start - head, 0) : stop - head])
        return rows


def with_tombstones(queryset, request):
    """The list followed by the tombstones of its model (oldest first)."""
    return Chain(queryset, tombstones_of(queryset.model, since=last_modified_since(request)))


def tombstone_representation(tombstone, serializer_class, request) -> dict:
    """A removed object as a mirror needs it: who it was, that it is gone, and when."""
    return {
        "id": tombstone.public_id,
        "@id": detail_url(serializer_class.view_name, tombstone.public_id, request),
        "@type": serializer_class.type_name,
        "deleted": True,
        "last_modified_time": datetime_text(tombstone.removed_at),
    }
