"""Writes of the association programme.

The coordinator keeps the programme and its measures; a measure's responsible parties
post dated updates and tick tasks done; an association's editors adopt measures and
report their progress, published by the rules of all association content
(core.publication): public at once for an approved association, reviewed later.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import (
    can_edit_programme,
    can_update_measure,
    is_coordinator,
    may_commit_for,
)
from core.languages import translated_names
from core.models import PublicationStatus
from core.public_ids import save_new_or_changed, save_with_public_id
from core.publication import mark_changed, status_after_edit
from core.writes import content_write
from municipalities.models import Municipality
from organizations.models import Organization

from .indicators import indicator_source
from .models import (
    Commitment,
    Goal,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Measure,
    MeasureStatus,
    MeasureUpdate,
    Programme,
    ProgressReport,
    ReminderOptOut,
    Responsibility,
    ScheduleUnit,
    Task,
)

MEASURE_FIELDS = {
    *translated_names("name", "description"),
    "identifier",
    "schedule_unit",
    "start_year",
    "start_period",
    "end_year",
    "end_period",
    "status",
}


PROGRAMME_FIELDS = {
    *translated_names("name", "vision", "future_outlook"),
    "slug",
    "start_year",
    "end_year",
    "successor",
}
GOAL_FIELDS = {*translated_names("name", "description"), "identifier", "order", "theme"}


def _assign(obj, data: dict, allowed: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        # A programming error, not a user's: the form and the service disagree.
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


def _reviewed_now_if_coordinator(obj, user) -> None:
    # The coordinator's own write needs no review: mark it reviewed as of its save.
    if is_coordinator(user):
        type(obj).objects.filter(pk=obj.pk).update(reviewed_at=F("updated_at"))
        obj.refresh_from_db(fields=["reviewed_at", "updated_at"])


def _check_schedule(measure: Measure) -> None:
    last = 4 if measure.schedule_unit == ScheduleUnit.QUARTER else 2
    for field in ("start_period", "end_period"):
        if not 1 <= (getattr(measure, field) or 0) <= last:
            raise ValidationError({field: _("Give a period from 1 to %(last)s.") % {"last": last}})
    if (measure.end_year, measure.end_period) < (measure.start_year, measure.start_period):
        raise ValidationError({"end_year": _("The schedule ends before it starts.")})


def measure_save(
    *, user, data: dict, goal: Goal | None = None, measure: Measure | None = None
) -> Measure:
    """Write a new measure under `goal`, or change `measure`: the coordinator only."""
    if not can_edit_programme(user):
        raise PermissionDenied(_("Only the coordinator may edit the programme."))
    measure = measure or Measure(goal=goal)
    _assign(measure, data, MEASURE_FIELDS)
    if not measure.name_fi:
        raise ValidationError({"name_fi": _("Enter the name in Finnish.")})
    _check_schedule(measure)
    with content_write(user, _("Saved the measure")):
        save_new_or_changed(measure)
    return measure


def programme_save(*, user, data: dict, programme: Programme | None = None) -> Programme:
    """Write a new programme or change one: the coordinator only."""
    if not can_edit_programme(user):
        raise PermissionDenied(_("Only the coordinator may edit the programme."))
    programme = programme or Programme()
    _assign(programme, data, PROGRAMME_FIELDS)
    if not programme.name_fi:
        raise ValidationError({"name_fi": _("Enter the name in Finnish.")})
    if programme.start_year and programme.end_year and programme.end_year < programme.start_year:
        raise ValidationError({"end_year": _("The period ends before it starts.")})
    if programme.successor_id and programme.successor_id == programme.pk:
        raise ValidationError({"successor": _("A programme cannot succeed itself.")})
    programme.full_clean(exclude=["public_id"], validate_unique=True)
    with content_write(user, _("Saved the programme")):
        save_new_or_changed(programme)
    return programme


def goal_save(*, user, data: dict, goal: Goal | None = None) -> Goal:
    """Write a new goal (data names its `theme`) or change one: the coordinator only."""
    if not can_edit_programme(user):
        raise PermissionDenied(_("Only the coordinator may edit the programme."))
    goal = goal or Goal()
    _assign(goal, data, GOAL_FIELDS)
    if not goal.name_fi:
        raise ValidationError({"name_fi": _("Enter the name in Finnish.")})
    if not goal.identifier:
        raise ValidationError({"identifier": _("Give the goal an identifier, e.g. 2.1.")})
    with content_write(user, _("Saved the goal")):
        save_new_or_changed(goal)
    return goal


def measure_update_add(
    *, user, measure: Measure, text: str, status: str, party: str, date: dt.date | None = None
) -> MeasureUpdate:
    """Post a dated status update of a measure; the measure takes the update's status."""
    if not can_update_measure(user, measure):
        raise PermissionDenied(_("You may not update this measure."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write what has happened.")})
    if status not in MeasureStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError({"date": _("An update cannot be dated in the future.")})
    with content_write(user, _("Updated the measure")):
        update = MeasureUpdate.objects.create(
            measure=measure, text=text, status=status, party=party.strip(), date=date, author=user
        )
        if measure.status != status:
            measure.status = status
            measure.save(update_fields=["status", "updated_at"])
    return update


def measure_parties_set(*, user, measure: Measure, parties: list[dict]) -> None:
    """Name a measure's responsible parties anew: each a dict of Responsibility's fields
    (kind, role, and organization, municipality or name). The coordinator only."""
    if not can_edit_programme(user):
        raise PermissionDenied(_("Only the coordinator may edit the programme."))
    rows = [Responsibility(measure=measure, **party) for party in parties]
    for row in rows:
        row.full_clean(exclude=["measure"])
    with content_write(user, _("Saved who is responsible")):
        measure.responsibilities.all().delete()
        Responsibility.objects.bulk_create(rows)
        measure.save(update_fields=["updated_at"])  # the measure's version holds its parties


def task_add(*, user, measure: Measure, name: str, due_date: dt.date) -> Task:
    """Give a measure a task with a due date: the coordinator only."""
    if not can_edit_programme(user):
        raise PermissionDenied(_("Only the coordinator may edit the programme."))
    if not (name or "").strip():
        raise ValidationError({"name_fi": _("Enter the name in Finnish.")})
    with content_write(user, _("Added a task")):
        return Task.objects.create(measure=measure, name_fi=name.strip(), due_date=due_date)


def task_set_done(*, user, task: Task, done: bool) -> Task:
    """Tick a task of a measure done (today), or open it again."""
    if not can_update_measure(user, task.measure):
        raise PermissionDenied(_("You may not update this measure."))
    with content_write(user, _("Marked the task done") if done else _("Opened the task again")):
        task.done_on = (task.done_on or timezone.localdate()) if done else None
        task.save(update_fields=["done_on"])
    return task


def commitment_create(
    *, user, measure: Measure, organization: Organization, description: str, publish: bool = True
) -> Commitment:
    """An association adopts a measure and says what it will do."""
    if not may_commit_for(user, organization):
        raise PermissionDenied(_("You may not adopt measures for this association."))
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Tell what your association will do.")})
    if measure.status == MeasureStatus.CANCELLED:
        raise ValidationError({"measure": _("This measure has been cancelled.")})
    if Commitment.objects.filter(measure=measure, organization=organization).exists():
        raise ValidationError({"measure": _("Your association has already adopted this measure.")})
    commitment = Commitment(measure=measure, organization=organization, description=description)
    with content_write(user, _("Adopted the measure")):
        commitment.publication_status = status_after_edit(
            user=user, organization=organization, current=PublicationStatus.DRAFT, publish=publish
        )
        mark_changed(commitment, user)
        save_with_public_id(commitment)
        _reviewed_now_if_coordinator(commitment, user)
    return commitment


def progress_report_add(
    *, user, commitment: Commitment, text: str, date: dt.date | None = None, publish: bool = True
) -> ProgressReport:
    """Report, dated, what the association has done for a measure it adopted."""
    if not may_commit_for(user, commitment.organization):
        raise PermissionDenied(_("You may not report for this association."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Tell what your association has done.")})
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError({"date": _("A report cannot be dated in the future.")})
    report = ProgressReport(commitment=commitment, text=text, date=date)
    with content_write(user, _("Reported progress")):
        report.publication_status = status_after_edit(
            user=user,
            organization=commitment.organization,
            current=PublicationStatus.DRAFT,
            publish=publish,
        )
        mark_changed(report, user)
        save_with_public_id(report)
        _reviewed_now_if_coordinator(report, user)
    return report


def reminders_opt_out_set(*, user, opted_out: bool) -> None:
    """The person's own choice: no programme reminders (opted_out) or reminders again."""
    if not (user and user.is_authenticated):
        raise PermissionDenied(_("Sign in first."))
    if opted_out:
        ReminderOptOut.objects.get_or_create(user=user)
    else:
        ReminderOptOut.objects.filter(user=user).delete()


INDICATOR_FIELDS = {
    *translated_names("name", "description"),
    "unit",
    "kind",
    "source_key",
    "goal",
    "baseline",
    "baseline_year",
    "target",
    "target_year",
    "order",
}


def indicator_save(
    *, user, data: dict, programme: Programme | None = None, indicator: Indicator | None = None
) -> Indicator:
    """Write a new indicator of `programme`, or change `indicator`: the coordinator only."""
    if not can_edit_programme(user):
        raise PermissionDenied(_("Only the coordinator may edit the programme."))
    indicator = indicator or Indicator(programme=programme)
    _assign(indicator, data, INDICATOR_FIELDS)
    if not indicator.name_fi:
        raise ValidationError({"name_fi": _("Enter the name in Finnish.")})
    if indicator.kind == IndicatorKind.COMPUTED:
        if indicator_source(indicator.source_key) is None:
            raise ValidationError({"source_key": _("Choose what the indicator is computed from.")})
    else:
        indicator.source_key = ""
    if indicator.goal_id and indicator.goal.theme.programme_id != indicator.programme_id:
        raise ValidationError({"goal": _("Choose a goal of this programme.")})
    with content_write(user, _("Saved the indicator")):
        save_new_or_changed(indicator)
    return indicator


def indicator_value_set(
    *,
    user,
    indicator: Indicator,
    year: int,
    value: Decimal,
    source: str = "",
    municipality: Municipality | None = None,
) -> IndicatorValue:
    """Enter a manual indicator's value for a year (the region's, or a municipality's); a
    second value for the same year replaces the first. The coordinator only."""
    if not can_edit_programme(user):
        raise PermissionDenied(_("Only the coordinator may edit the programme."))
    if indicator.is_computed:
        raise ValidationError({"value": _("A computed indicator's values come from its source.")})
    if not 1900 <= (year or 0) <= timezone.localdate().year + 1:
        raise ValidationError({"year": _("Give a year no later than next year.")})
    if value is None:
        raise ValidationError({"value": _("Give the value.")})
    with content_write(user, _("Saved the indicator's value")):
        point, _created = IndicatorValue.objects.update_or_create(
            indicator=indicator,
            date=dt.date(year, 1, 1),
            municipality=municipality,
            defaults={"value": value, "source": (source or "").strip()},
        )
        indicator.save(update_fields=["updated_at"])
    return point
