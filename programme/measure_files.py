"""A programme's themes, goals and measures as a spreadsheet (XLSX or CSV), and back.

One row a measure, with its theme and goal repeated on each row. The headings are the
field names, the same in every language, so a file exported in Swedish imports anywhere.
Responsible parties and tasks fit in one cell each, an item a line:
- parties: `role|kind|reference`, the reference an association's public id, a
  municipality's slug, or the name of the coordinator's organisation or a network;
- tasks: `due date|done date or empty|name`, dates as YYYY-MM-DD.

An import is all or nothing: the first bad row stops it with an error that names the row
and the column, and nothing is written.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_programme
from core.languages import LANGUAGE_CODES, translated_names
from core.public_ids import save_new_or_changed
from core.writes import content_write
from municipalities.models import Municipality
from organizations.models import Organization

from .models import (
    Goal,
    Measure,
    MeasureStatus,
    PartyKind,
    PartyRole,
    Programme,
    Responsibility,
    ScheduleUnit,
    Task,
    Theme,
)
from .services import _check_schedule

THEME_COLUMNS = ["theme", *translated_names("theme_name")]
GOAL_COLUMNS = ["goal", *translated_names("goal_name")]
MEASURE_TEXT = ["identifier", *translated_names("name", "description")]
SCHEDULE = ["schedule_unit", "start_year", "start_period", "end_year", "end_period", "status"]
COLUMNS = [*THEME_COLUMNS, *GOAL_COLUMNS, *MEASURE_TEXT, *SCHEDULE, "parties", "tasks"]


def _party_cell(party: Responsibility) -> str:
    if party.kind == PartyKind.ASSOCIATION:
        reference = party.organization.public_id
    elif party.kind == PartyKind.MUNICIPALITY:
        reference = party.municipality.slug
    else:
        reference = party.name
    return f"{party.role}|{party.kind}|{reference}"


def _task_cell(task: Task) -> str:
    done = task.done_on.isoformat() if task.done_on else ""
    return f"{task.due_date.isoformat()}|{done}|{task.name_fi}"


def measures_export(programme: Programme) -> tuple[list[str], list[list]]:
    """The headings and one row a measure of `programme`: four queries."""
    measures = (
        Measure.objects.filter(goal__theme__programme=programme)
        .select_related("goal__theme")
        .prefetch_related(
            "responsibilities__organization", "responsibilities__municipality", "tasks"
        )
        .order_by("goal__theme__number", "goal__order", "goal__identifier", "identifier")
    )
    rows = []
    for measure in measures:
        goal, theme = measure.goal, measure.goal.theme
        rows.append(
            [
                theme.number,
                *(getattr(theme, name.replace("theme_", "")) for name in THEME_COLUMNS[1:]),
                goal.identifier,
                *(getattr(goal, name.replace("goal_", "")) for name in GOAL_COLUMNS[1:]),
                *(getattr(measure, name) for name in MEASURE_TEXT),
                *(getattr(measure, name) for name in SCHEDULE),
                "\n".join(_party_cell(party) for party in measure.responsibilities.all()),
                "\n".join(_task_cell(task) for task in measure.tasks.all()),
            ]
        )
    return COLUMNS, rows


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


class RowError(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column, self.message = column, message


def _int(row: dict, column: str) -> int:
    try:
        return int(str(row.get(column, "")).strip())
    except ValueError:
        raise RowError(column, _("Give a whole number.")) from None


def _date(text: str, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise RowError(column, _("Give dates as YYYY-MM-DD.")) from None


def _parties(text: str, organizations: dict, municipalities: dict) -> list[dict]:
    parties = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        role, kind, reference = ([*line.split("|", 2), "", ""])[:3]
        if role not in PartyRole.values or kind not in PartyKind.values or not reference:
            raise RowError("parties", _("Write each party as role|kind|reference."))
        party = {"role": role, "kind": kind}
        if kind == PartyKind.ASSOCIATION:
            if reference not in organizations:
                raise RowError(
                    "parties", _("No association with the id %(id)s.") % {"id": reference}
                )
            party["organization"] = organizations[reference]
        elif kind == PartyKind.MUNICIPALITY:
            if reference not in municipalities:
                raise RowError("parties", _("No municipality %(name)s.") % {"name": reference})
            party["municipality"] = municipalities[reference]
        else:
            party["name"] = reference
        parties.append(party)
    return parties


def _tasks(text: str) -> list[dict]:
    tasks = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        due, done, name = ([*line.split("|", 2), "", ""])[:3]
        if not name.strip():
            raise RowError("tasks", _("Write each task as due date|done date|name."))
        tasks.append(
            {
                "due_date": _date(due, "tasks"),
                "done_on": _date(done, "tasks") if done.strip() else None,
                "name_fi": name.strip(),
            }
        )
    return tasks


def _text(row: dict, column: str) -> str | None:
    """A cell's text; an empty translation is None, as modeltranslation stores it (and then
    falls back to Finnish)."""
    text = row.get(column, "").strip()
    if not text and column.endswith(tuple(f"_{code}" for code in LANGUAGE_CODES[1:])):
        return None
    return text


def _parse(row: dict, organizations, municipalities) -> dict:
    """One row checked and converted, or a RowError naming the column."""
    for column in ("theme", "goal", "identifier"):
        if not row.get(column, "").strip():
            raise RowError(column, _("This column is required."))
    for column in ("theme_name_fi", "goal_name_fi", "name_fi"):
        if not row.get(column, "").strip():
            raise RowError(column, _("Enter the name in Finnish."))
    if row.get("schedule_unit") not in ScheduleUnit.values:
        raise RowError("schedule_unit", _("Write quarter or half_year."))
    if row.get("status") not in MeasureStatus.values:
        raise RowError("status", _("Write not_started, in_progress, done or cancelled."))
    measure = Measure(
        **{name: _text(row, name) for name in MEASURE_TEXT},
        schedule_unit=row["schedule_unit"],
        status=row["status"],
        **{name: _int(row, name) for name in SCHEDULE[1:5]},
    )
    try:
        _check_schedule(measure)
    except ValidationError as error:
        column, messages = next(iter(error.message_dict.items()))
        raise RowError(column, messages[0]) from None
    return {
        "theme": _int(row, "theme"),
        "theme_fields": {n.replace("theme_", ""): _text(row, n) for n in THEME_COLUMNS[1:]},
        "goal": row["goal"].strip(),
        "goal_fields": {n.replace("goal_", ""): _text(row, n) for n in GOAL_COLUMNS[1:]},
        "measure": {name: getattr(measure, name) for name in [*MEASURE_TEXT, *SCHEDULE]},
        "parties": _parties(row.get("parties", ""), organizations, municipalities),
        "tasks": _tasks(row.get("tasks", "")),
    }


def measures_import(*, user, programme: Programme, rows: list[list[str]]) -> ImportResult:
    """Write the themes, goals and measures of a spreadsheet's rows (headings first) into
    `programme`: new ones created, those with the same identifiers changed, their parties
    and tasks replaced. All or nothing; the coordinator only."""
    if not can_edit_programme(user):
        raise PermissionDenied(_("Only the coordinator may edit the programme."))
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [str(cell).strip() for cell in rows[0]]
    missing = [
        column for column in COLUMNS if column not in header and not column.endswith(("_sv", "_en"))
    ]
    if missing:
        raise ValidationError(
            _("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    organizations = {o.public_id: o for o in Organization.objects.only("pk", "public_id", "name")}
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    parsed = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(str(cell).strip() for cell in cells):
            continue
        row = dict(zip(header, (str(cell) for cell in cells), strict=False))
        try:
            parsed.append(_parse(row, organizations, municipalities))
        except RowError as error:
            raise ValidationError(
                _("Row %(row)s, column %(column)s: %(message)s")
                % {"row": number, "column": error.column, "message": error.message}
            ) from None
    result = ImportResult()
    with transaction.atomic(), content_write(user, _("Imported the programme's measures")):
        for item in parsed:
            _write(programme, item, result)
    return result


def _upsert(model, lookup: dict, fields: dict):
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    obj = obj or model(**lookup)
    for name, value in fields.items():
        setattr(obj, name, value)
    save_new_or_changed(obj)
    return obj, created


def _write(programme: Programme, item: dict, result: ImportResult) -> None:
    theme, _created = _upsert(
        Theme, {"programme": programme, "number": item["theme"]}, item["theme_fields"]
    )
    goal, _created = _upsert(
        Goal, {"theme": theme, "identifier": item["goal"]}, item["goal_fields"]
    )
    fields = dict(item["measure"])
    identifier = fields.pop("identifier")
    measure, created = _upsert(Measure, {"goal": goal, "identifier": identifier}, fields)
    measure.responsibilities.all().delete()
    Responsibility.objects.bulk_create(
        Responsibility(measure=measure, **party) for party in item["parties"]
    )
    measure.tasks.all().delete()
    Task.objects.bulk_create(Task(measure=measure, **task) for task in item["tasks"])
    if created:
        result.created += 1
    else:
        result.updated += 1
