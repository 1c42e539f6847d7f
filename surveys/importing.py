"""Past rounds in and out: a file of answers (CSV or XLSX, one row per respondent) and
a question mapping (which column answers which question, in which wording).

The answers file has the columns `respondent`, `municipality` (Statistics Finland code),
`topic` (slug) and one column per mapped question. A choice is written as its value
(several separated by `;`), a scale as 1–5, a number as digits, a municipality as its code.
The mapping has the columns `column`, `question` (key) and optionally `version` (number,
1 by default). Every row is checked before anything is written: one bad row rejects the
file, and the error names the row and the column.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core.roles import is_coordinator
from municipalities.models import Municipality
from taxonomy.models import Topic

from .models import Answer, QuestionKind, QuestionVersion, Response, Round, Survey
from .services import round_indicators_publish, size_band

FIXED_COLUMNS = ("respondent", "municipality", "topic")
MULTIPLE_SEPARATOR = ";"


def read_table(content: bytes, filename: str) -> list[dict]:
    """The rows of a CSV (UTF-8, `,` or `;`) or XLSX file as dicts of text."""
    if filename.lower().endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        rows = [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        if not rows:
            return []
        header, *body = rows
        return [dict(zip(header, row, strict=False)) for row in body if any(row)]
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    return [
        {key: (value or "").strip() for key, value in row.items()}
        for row in csv.DictReader(io.StringIO(text), dialect=dialect)
    ]


@dataclass
class Mapping:
    column: str
    version: QuestionVersion


def read_mapping(survey: Survey, rows: list[dict]) -> list[Mapping]:
    versions = {
        (v.question.key, v.number): v
        for v in QuestionVersion.objects.filter(question__survey=survey).select_related("question")
    }
    mappings, errors = [], []
    for number, row in enumerate(rows, start=2):
        key, version = row.get("question", ""), row.get("version") or "1"
        found = versions.get((key, int(version) if version.isdigit() else -1))
        if found is None:
            errors.append(
                _("Mapping row %(row)d: the survey has no question “%(key)s” version %(v)s.")
                % {"row": number, "key": key, "v": version}
            )
        else:
            mappings.append(Mapping(row.get("column", ""), found))
    if errors:
        raise ValidationError(errors)
    return mappings


def _parse(question, cell: str, lookups: dict):
    """The values of one cell, or raise ValueError with what is wrong."""
    if cell == "":
        return []
    if question.has_choices:
        values = [v.strip() for v in cell.split(MULTIPLE_SEPARATOR) if v.strip()]
        if question.kind == QuestionKind.SINGLE and len(values) > 1:
            raise ValueError(_("only one choice is allowed"))
        choices = lookups["choices"][question.pk]
        unknown = [v for v in values if v not in choices]
        if unknown:
            raise ValueError(_("“%(value)s” is not one of its choices") % {"value": unknown[0]})
        return [("choice", choices[v]) for v in values]
    if question.kind == QuestionKind.MUNICIPALITY:
        if cell not in lookups["municipalities"]:
            raise ValueError(_("“%(value)s” is not a municipality code") % {"value": cell})
        return [("municipality", lookups["municipalities"][cell])]
    if question.kind == QuestionKind.TEXT:
        return [("text", cell)]
    try:
        number = Decimal(cell.replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number") % {"value": cell}) from None
    if question.kind == QuestionKind.SCALE and number not in range(1, 6):
        raise ValueError(_("a scale answer is a whole number from 1 to 5"))
    if number < 0:
        raise ValueError(_("a number cannot be negative"))
    return [("number", number)]


def round_import(
    *, user, survey: Survey, name: str, closes_on: dt.date, rows: list[dict], mappings
) -> Round:
    """A closed, imported round with a response per row; all rows or none."""
    if not is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator may import survey rounds."))
    return round_import_by_operator(
        survey=survey, name=name, closes_on=closes_on, rows=rows, mappings=mappings
    )


def round_import_by_operator(
    *, survey: Survey, name: str, closes_on: dt.date, rows: list[dict], mappings
) -> Round:
    """The same import for the server's operator (a management command, the demo)."""
    municipalities = dict(Municipality.objects.values_list("code", "pk"))
    lookups = {
        "municipalities": municipalities,
        "choices": {},
    }
    for mapping in mappings:
        question = mapping.version.question
        lookups["choices"][question.pk] = {c.value: c.pk for c in question.choices.all()}
    topics = dict(Topic.objects.values_list("slug", "pk"))
    missing = {m.column for m in mappings} - set(rows[0] if rows else {})
    if not rows:
        raise ValidationError(_("The file has no answers."))
    if missing:
        raise ValidationError(
            _("The file has no column %(columns)s.") % {"columns": ", ".join(sorted(missing))}
        )
    parsed, errors = [], []
    for number, row in enumerate(rows, start=2):
        municipality, topic = row.get("municipality", ""), row.get("topic", "")
        if municipality and municipality not in municipalities:
            errors.append(
                _("Row %(row)d, column municipality: “%(value)s” is not a municipality code.")
                % {"row": number, "value": municipality}
            )
        if topic and topic not in topics:
            errors.append(
                _("Row %(row)d, column topic: “%(value)s” is not a topic.")
                % {"row": number, "value": topic}
            )
        values = []
        for mapping in mappings:
            try:
                for kind, value in _parse(mapping.version.question, row[mapping.column], lookups):
                    values.append((mapping.version.question, kind, value))
            except ValueError as error:
                errors.append(
                    _("Row %(row)d, column %(column)s: %(error)s.")
                    % {"row": number, "column": mapping.column, "error": error}
                )
        parsed.append((municipalities.get(municipality), topics.get(topic), values))
    if errors:
        raise ValidationError(errors[:20])
    closes_at = dt.datetime.combine(closes_on, dt.time(12), tzinfo=dt.UTC)
    with transaction.atomic():
        round_ = Round.objects.create(
            survey=survey,
            name=name,
            opens_at=closes_at - dt.timedelta(days=30),
            closes_at=closes_at,
            imported=True,
        )
        round_.versions.set([m.version for m in mappings])
        size_question = survey.size_question_id
        responses = []
        for municipality, topic, values in parsed:
            members = next(
                (v for q, kind, v in values if q.pk == size_question and kind == "number"), None
            )
            responses.append(
                Response(
                    round=round_,
                    status=Response.Status.SUBMITTED,
                    municipality_id=municipality,
                    topic_id=topic,
                    size_band=size_band(members),
                    submitted_at=closes_at,
                )
            )
        Response.objects.bulk_create(responses, batch_size=1000)
        answers = [
            Answer(
                response=response,
                question=question,
                **{f"{kind}_id" if kind in ("choice", "municipality") else kind: value},
            )
            for response, (_m, _t, values) in zip(responses, parsed, strict=True)
            for question, kind, value in values
        ]
        Answer.objects.bulk_create(answers, batch_size=2000)
    round_indicators_publish(round_)
    return round_


def round_export(round_: Round, pseudonym) -> tuple[list[dict], list[dict]]:
    """A round's sent answers in the import's shape (answers and mapping): one row per
    respondent, named by `pseudonym(response)`."""
    versions = list(round_.versions.select_related("question").order_by("question__order"))
    mapping = [
        {"column": v.question.key, "question": v.question.key, "version": str(v.number)}
        for v in versions
    ]
    responses = (
        Response.objects.filter(round=round_, status=Response.Status.SUBMITTED)
        .select_related("municipality", "topic", "round", "organization")
        .prefetch_related("answers__choice", "answers__municipality")
        .order_by("pk")
    )
    rows = []
    for response in responses:
        row = {
            "respondent": pseudonym(response),
            "municipality": response.municipality.code if response.municipality else "",
            "topic": response.topic.slug if response.topic else "",
        }
        cells: dict = {v.question.key: [] for v in versions}
        keys = {v.question_id: v.question.key for v in versions}
        for answer in response.answers.all():
            if answer.question_id not in keys:
                continue
            if answer.choice:
                value = answer.choice.value
            elif answer.municipality:
                value = answer.municipality.code
            elif answer.number is not None:
                value = format(answer.number.normalize(), "f")
            else:
                value = answer.text
            cells[keys[answer.question_id]].append(value)
        row.update({key: MULTIPLE_SEPARATOR.join(values) for key, values in cells.items()})
        rows.append(row)
    return rows, mapping


def write_csv(rows: list[dict]) -> str:
    if not rows:
        return ""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue()
