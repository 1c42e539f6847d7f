"""The history of public content: who changed what and when, kept by django-reversion.

Every write to public content goes inside `record` (or core.writes.content_write), so
the change is stored as a revision with its author and a comment:

    from core.history import record

    with record(user, _("Edited the profile")):
        organization.name = form.cleaned_data["name"]
        organization.save()
        organization.topics.set(form.cleaned_data["topics"])

`record` opens a transaction (reversion's own); nested inside another `record` or an
admin save, the outer one decides user and comment. Each app registers its own models
from its AppConfig.ready() with `register_history` and `register_child`: a saved,
changed or deleted child row (contact, social media link, weekly time) stores its parent
too, so a revision always holds the whole listing and restoring it is complete.
"""

import datetime as dt
import html
import json
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Version

from core.forms import LANGUAGE_NAMES, translated_label

#: Child rows and the attribute that leads to the listing they belong to.
_CHILD_PARENTS: dict[type[models.Model], str] = {}


def register_history(model: type[models.Model], *, follow: Sequence[str] = ()) -> None:
    """Keep the model's versions; `follow` names the relations stored with each version."""
    if not reversion.is_registered(model):  # ready() may run twice in tests
        reversion.register(model, follow=list(follow))


def register_child(
    child: type[models.Model], parent_attr: str, *, follow: Sequence[str] = ()
) -> None:
    """Keep the child row's versions, and store its parent (`parent_attr`) when it changes.

    The parent's registration should follow the child's reverse relation, so that a
    revision of the parent holds its children and restoring it brings them back.
    """
    register_history(child, follow=follow)
    _CHILD_PARENTS[child] = parent_attr
    uid = f"history-{child._meta.label}"
    post_save.connect(_add_parent, sender=child, dispatch_uid=f"{uid}-save")
    post_delete.connect(_add_parent, sender=child, dispatch_uid=f"{uid}-delete")


def child_relations(model: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """The registered child models of `model`, each with its attribute leading to `model`."""
    return [
        (child, attname)
        for child, attname in _CHILD_PARENTS.items()
        if child._meta.get_field(attname).related_model is model
    ]


def _add_parent(sender, instance, **kwargs):
    if not reversion.is_active():
        return
    parent = getattr(instance, _CHILD_PARENTS[sender], None)
    if parent is not None and parent.pk is not None:
        reversion.add_to_revision(parent)


def forget_in_history(
    model: type[models.Model],
    *,
    email: str = "",
    email_field: str = "email",
    user_id=None,
    whole_rows: bool = False,
) -> int:
    """Delete the stored versions of `model`'s rows that held the e-mail address (or were
    linked to the account `user_id`) of a person whose data is erased, so that no restore
    brings them back; the listings' other versions stay. The number deleted.

    With `whole_rows`, for rows that are the person (a contact's details), every version of
    a row that ever held the address goes, also those under an earlier address or name.
    Without it (a seat that others held before), only the matching versions go."""
    content_type = ContentType.objects.get_for_model(model)
    found = models.Q(pk__in=[])
    if email:
        found |= models.Q(serialized_data__icontains=email)
    if user_id is not None:
        found |= models.Q(serialized_data__icontains=str(user_id))
    doomed, rows = [], set()
    for version in Version.objects.filter(found, content_type=content_type).only(
        "pk", "object_id", "serialized_data"
    ):
        fields = json.loads(version.serialized_data)[0]["fields"]
        held = (fields.get(email_field) or "").lower()
        if (email and held == email.lower()) or (
            user_id is not None and fields.get("user") == user_id
        ):
            doomed.append(version.pk)
            rows.add(version.object_id)
    if whole_rows and rows:
        doomed += Version.objects.filter(content_type=content_type, object_id__in=rows).values_list(
            "pk", flat=True
        )
    return Version.objects.filter(pk__in=set(doomed)).delete()[0]


def add_to_revision(obj: models.Model) -> None:
    """Store the object in the revision being recorded, as it is now.

    For a parent whose rows changed through a queryset, or an object updated without
    save(); outside a revision, or for a model nobody registered, it does nothing.
    """
    if reversion.is_active() and reversion.is_registered(type(obj)):
        reversion.add_to_revision(obj)


@contextmanager
def record(user, comment: str = ""):
    """Store every change to registered content made inside the block as one revision."""
    with reversion.create_revision():
        if user is not None and getattr(user, "is_authenticated", False):
            reversion.set_user(user)
        reversion.set_comment(str(comment))
        yield


def is_tracked(model) -> bool:
    return reversion.is_registered(model)


def versions_of(obj):
    """The object's versions, newest first, with their revision and its author."""
    return (
        Version.objects.get_for_object(obj)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


def _label(field) -> str:
    """The field's name as a person reads it: "name (in Finnish)", not modeltranslation's
    "name [fi]"."""
    original = getattr(field, "translated_field", None)
    if original is not None and getattr(field, "language", None) in LANGUAGE_NAMES:
        return str(translated_label(original.verbose_name, field.language))
    return str(field.verbose_name)


def _display(model, field, value) -> str:
    """A field's stored value as a person reads it: choice labels, names of related rows,
    local times, and rich text without its markup."""
    if value in (None, "", []):
        return "–"
    if isinstance(value, dt.datetime):
        return formats.localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, dt.date):
        return formats.localize(value)
    if isinstance(field, models.ManyToManyField):
        related = field.related_model.objects.filter(pk__in=value)
        return ", ".join(sorted(str(obj) for obj in related)) or "–"
    if isinstance(field, models.ForeignKey):
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(field, models.TextField):
        return " ".join(html.unescape(strip_tags(str(value))).split()) or "–"
    return str(value)


def _children(version) -> list[str]:
    """The child rows stored with the version's revision, e.g. its contacts, by name."""
    names = []
    for child, attname in child_relations(version._model):
        for child_version in version.revision.version_set.all():
            if child_version._model is child:
                field_dict = child_version.field_dict
                if str(field_dict.get(f"{attname}_id")) == str(version.object_id):
                    names.append(f"{child._meta.verbose_name}: {child_version.object_repr}")
    return sorted(names)


def _translated_originals(model) -> set[str]:
    """Fields kept per language (name_fi, name_sv, ...): the diff shows those instead."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


# Bookkeeping that changes on every save or is the coordinator's own, not content.
IGNORED_FIELDS = {"updated_at", "created_at", "reviewed_at", "confirmation_reminder_sent_at"}


def version_diff(old, new) -> list[FieldChange]:
    """The fields that differ between two versions of one object, readable; old may be None."""
    model = new._model
    old_fields = old.field_dict if old is not None else {}
    changes = []
    originals = _translated_originals(model)
    fields = {f.attname: f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]}
    for name, value in new.field_dict.items():
        field = fields.get(name)
        if field is None or field.name in IGNORED_FIELDS | originals:
            continue
        before = old_fields.get(name)
        if isinstance(field, models.ManyToManyField):
            value, before = sorted(value or []), sorted(before or [])
        if old is not None and before == value:
            continue
        shown = _display(model, field, value)
        if old is None and (field.primary_key or shown == "–"):
            continue  # a first version lists what it holds, not a change from nothing
        changes.append(
            FieldChange(
                label=_label(field),
                old=_display(model, field, before) if old is not None else "",
                new=shown,
            )
        )
    old_children = _children(old) if old is not None else []
    new_children = _children(new)
    if old_children != new_children:
        changes.append(
            FieldChange(
                label=str(_("Contacts, links and weekly times")),
                old=("; ".join(old_children) or "–") if old is not None else "",
                new="; ".join(new_children) or "–",
            )
        )
    return changes
