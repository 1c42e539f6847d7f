"""Restoring an earlier version never undoes a withdrawn consent.

A listing's history holds its contact persons as they were. Restoring a version from
before a person withdrew their consent to be shown would otherwise make their details
public again. Each app registers its child rows that carry such a consent:

    from core.consent_restore import register_consent
    register_consent(Contact, consent="consent", withdrawn_at="consent_withdrawn_at")

Before a restore writes, `withdrawals_to_keep(version)` finds the persons of the version
whose consent was withdrawn after it (and not given again): their later records in the
history and the rows of today say so. After the restore, `KeptWithdrawals.apply()` puts
each such person back as they are today (withdrawn), or leaves them out if they are gone
today; everything else the version held stays restored. A person is the same person by
e-mail address or by name, so that a row re-created by a form edit still counts.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _
from reversion.models import Version

from .history import child_relations


@dataclass(frozen=True)
class ConsentFields:
    consent: str
    name: str
    email: str
    withdrawn_at: str | None


_CONSENTS: dict[type[models.Model], ConsentFields] = {}


def register_consent(
    child: type[models.Model],
    *,
    consent: str = "consent",
    name: str = "name",
    email: str = "email",
    withdrawn_at: str | None = None,
) -> None:
    """Guard the child rows' consent (a registered history child) on restore."""
    _CONSENTS[child] = ConsentFields(consent, name, email, withdrawn_at)


@dataclass
class _Record:
    consent: bool
    name: str
    email: str
    withdrawn_at: object
    row: models.Model | None = None  # today's row, for a record of today

    def same_person(self, other: "_Record") -> bool:
        return bool(
            (self.email and self.email == other.email) or (self.name and self.name == other.name)
        )


def _record(fields: ConsentFields, values: dict, row=None) -> _Record:
    return _Record(
        consent=bool(values.get(fields.consent)),
        name=(values.get(fields.name) or "").strip().lower(),
        email=(values.get(fields.email) or "").strip().lower(),
        withdrawn_at=values.get(fields.withdrawn_at) if fields.withdrawn_at else None,
        row=row,
    )


@dataclass
class KeptWithdrawals:
    """The restored rows to take back, and today's rows to keep, after a restore."""

    drop: list[tuple[type[models.Model], object]] = field(default_factory=list)
    keep: list[models.Model] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    def apply(self) -> list[str]:
        """Undo the restore for the persons who withdrew; their names, for the notice."""
        for model, pk in self.drop:
            model._default_manager.filter(pk=pk).delete()
        for row in self.keep:
            row.save()
        return self.names


def _withdrawn_after(restored: _Record, later: list[_Record], since: dt.datetime) -> bool:
    """Whether the person's latest record shows a consent withdrawn after the version."""
    if not later:
        return False
    latest = later[-1]
    if latest.consent:
        return False  # not withdrawn, or given again since
    if restored.consent or any(record.consent for record in later[:-1]):
        return True
    withdrawn_at = latest.withdrawn_at
    if isinstance(withdrawn_at, str):
        withdrawn_at = dt.datetime.fromisoformat(withdrawn_at)
    return withdrawn_at is not None and withdrawn_at > since


def withdrawals_to_keep(version: Version) -> KeptWithdrawals:
    """What a restore of `version` must leave as it is today: the persons of the version
    who withdrew their consent after it. Call it before the restore writes."""
    plan = KeptWithdrawals()
    parent_model, parent_id = version._model, str(version.object_id)
    since = version.revision.date_created
    later_revisions = (
        Version.objects.get_for_object_reference(parent_model, version.object_id)
        .filter(revision__date_created__gt=since)
        .values("revision_id")
    )
    for child, attname in child_relations(parent_model):
        fields = _CONSENTS.get(child)
        if fields is None:
            continue
        content_type = ContentType.objects.get_for_model(child)

        def of_parent(child_version, attname=attname):
            return str(child_version.field_dict.get(f"{attname}_id")) == parent_id

        restored = [
            v
            for v in version.revision.version_set.filter(content_type=content_type)
            if of_parent(v)
        ]
        if not restored:
            continue
        history = [
            _record(fields, v.field_dict)
            for v in Version.objects.filter(
                content_type=content_type, revision__in=later_revisions
            ).order_by("revision__date_created", "pk")
            if of_parent(v)
        ]
        today = [
            _record(fields, {f.attname: getattr(row, f.attname) for f in child._meta.fields}, row)
            for row in child._default_manager.filter(**{f"{attname}_id": version.object_id})
        ]
        for child_version in restored:
            person = _record(fields, child_version.field_dict)
            later = [r for r in history + today if person.same_person(r)]
            if not _withdrawn_after(person, later, since):
                continue
            plan.drop.append((child, child_version.object_id))
            plan.keep.extend(r.row for r in today if person.same_person(r))
            plan.names.append(child_version.field_dict.get(fields.name) or "")
    return plan


def withdrawals_kept_notice(names: list[str]) -> str:
    """The editor's notice of a restore that kept withdrawals."""
    return _(
        "Consent to showing contact details was withdrawn after this version by: %(names)s. "
        "Their details were not restored and stay hidden; the rest of the version was restored."
    ) % {"names": ", ".join(name for name in names if name) or "–"}
