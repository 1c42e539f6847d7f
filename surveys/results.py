"""The suppressed aggregate tables of a round: the one source of every published number.

Pages, charts, CSV/XLSX downloads and the API all call `round_results`; none counts
answers itself, so small groups stay hidden everywhere alike (surveys.disclosure).
The three breakdowns of a question share their totals, so they are suppressed together.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from taxonomy.models import Topic

from .disclosure import Relation, suppress
from .models import Answer, QuestionKind, Response, Round, SizeBand

DIMENSIONS = {
    "municipality": _("Municipality"),
    "topic": _("Topic"),
    "size": _("Association size"),
}
TABULATED = {
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.SCALE,
    QuestionKind.NUMBER,
    QuestionKind.MUNICIPALITY,
}
CACHE_SECONDS = 60 * 60


@dataclass
class Row:
    label: str
    total: int | None
    cells: list  # count or None (suppressed), one per column
    mean: Decimal | None = None
    key: object = None  # the category: a municipality's or topic's id, a size band

    def share(self, index: int) -> float | None:
        """Column `index` as a percentage of the row (None where either is suppressed)."""
        count = self.cells[index]
        if count is None or not self.total:
            return None
        return round(100 * count / self.total, 1)


@dataclass
class QuestionResult:
    question_id: int
    key: str
    kind: str
    text: str
    columns: list  # [(value, label)]
    total: int | None
    column_totals: list  # count or None
    mean: Decimal | None
    breakdowns: dict = field(default_factory=dict)  # dimension -> [Row]

    def shares(self) -> list:
        """Column totals as percentages of the answers (None where suppressed)."""
        if not self.total:
            return [None for _c in self.column_totals]
        return [
            None if count is None else round(100 * count / self.total, 1)
            for count in self.column_totals
        ]


def min_group() -> int:
    return settings.SURVEY_MIN_GROUP


def _columns(question, municipality_names) -> list:
    if question.has_choices:
        return [(c.pk, c.label) for c in question.choices.all()]
    if question.kind == QuestionKind.SCALE:
        return [(n, str(n)) for n in range(1, 6)]
    if question.kind == QuestionKind.MUNICIPALITY:
        return sorted(municipality_names.items(), key=lambda item: item[1])
    return []  # a number: counts and means only


def _rank(values):
    """Hide breakdown cells before a group's total, and those before the question's own
    totals: the figures most readers look for stay published where they safely can."""
    levels = {"cell": 0, "not": 0, "row": 1, "col": 2, "colnot": 2, "G": 3}

    def rank(item):
        kind = item if isinstance(item, str) else item[0]
        return (levels[kind], values[item])

    return rank


def _tabulate(question, version_text, answers, respondents, labels, threshold):
    """The suppressed table of one question: `answers` maps a response id to its values."""
    columns = _columns(question, labels["municipality_answers"])
    multiple = question.kind == QuestionKind.MULTIPLE
    values: dict = {}
    relations: list = []
    hidden: list = []
    responses = [r for r in answers if r in respondents]
    values["G"] = len(responses)
    column_keys = [c for c, _l in columns]
    for column in column_keys:
        values["col", column] = sum(1 for r in responses if column in answers[r])
    if column_keys and not multiple:
        relations.append(Relation("G", tuple(("col", c) for c in column_keys)))
    if multiple:
        for column in column_keys:
            values["colnot", column] = values["G"] - values["col", column]
            hidden.append(("colnot", column))
            relations.append(Relation("G", (("col", column), ("colnot", column))))
    for dimension in DIMENSIONS:
        categories = defaultdict(list)
        for r in responses:
            categories[respondents[r][dimension]].append(r)
        relations.append(Relation("G", tuple(("row", dimension, c) for c in categories)))
        for category, members in categories.items():
            row = ("row", dimension, category)
            values[row] = len(members)
            for column in column_keys:
                cell = ("cell", dimension, category, column)
                values[cell] = sum(1 for r in members if column in answers[r])
                if multiple:
                    other = ("not", dimension, category, column)
                    values[other] = values[row] - values[cell]
                    hidden.append(other)
                    relations.append(Relation(row, (cell, other)))
            if column_keys and not multiple:
                cells = tuple(("cell", dimension, category, c) for c in column_keys)
                relations.append(Relation(row, cells))
        for column in column_keys:
            cells = tuple(("cell", dimension, c, column) for c in categories)
            relations.append(Relation(("col", column), cells))
            if multiple:
                others = tuple(("not", dimension, c, column) for c in categories)
                relations.append(Relation(("colnot", column), others))
    hidden_items = set(hidden)
    suppressed = suppress(values, relations, threshold, hidden=hidden_items, rank=_rank(values))

    def shown(item):
        return None if item in suppressed else values[item]

    numeric = question.kind in (QuestionKind.NUMBER, QuestionKind.SCALE)

    def mean(members):
        numbers = [n for r in members for n in answers[r] if isinstance(n, Decimal)]
        return round(sum(numbers) / len(numbers), 1) if numbers else None

    result = QuestionResult(
        question_id=question.pk,
        key=question.key,
        kind=question.kind,
        text=version_text,
        columns=columns,
        total=shown("G"),
        column_totals=[shown(("col", c)) for c in column_keys],
        mean=mean(responses) if numeric and "G" not in suppressed else None,
    )
    for dimension in DIMENSIONS:
        categories = defaultdict(list)
        for r in responses:
            categories[respondents[r][dimension]].append(r)
        rows = []
        for category, members in categories.items():
            row = ("row", dimension, category)
            rows.append(
                Row(
                    label=labels[dimension].get(category, str(_("Not known"))),
                    total=shown(row),
                    cells=[shown(("cell", dimension, category, c)) for c in column_keys],
                    mean=mean(members) if numeric and row not in suppressed else None,
                    key=category,
                )
            )
        result.breakdowns[dimension] = sorted(rows, key=lambda row: row.label)
    return result


def _labels(responses, municipality_answer_ids) -> dict:
    municipality_ids = {r["municipality"] for r in responses.values()} | municipality_answer_ids
    names = dict(
        Municipality.objects.filter(pk__in=municipality_ids - {None}).values_list("pk", "name")
    )
    topic_ids = {r["topic"] for r in responses.values()} - {None}
    topics = {t.pk: t.name for t in Topic.objects.filter(pk__in=topic_ids)}
    return {
        "municipality": names,
        "topic": topics,
        "size": {band.value: str(band.label) for band in SizeBand},
        "municipality_answers": {pk: names[pk] for pk in municipality_answer_ids},
    }


def _compute(round_: Round, threshold: int) -> list[QuestionResult]:
    versions = list(
        round_.versions.select_related("question")
        .prefetch_related("question__choices")
        .order_by("question__section__order", "question__order", "question__pk")
    )
    respondents = {
        r["pk"]: {
            "municipality": r["municipality"],
            "topic": r["topic"],
            "size": r["size_band"],
        }
        for r in Response.objects.filter(round=round_, status=Response.Status.SUBMITTED).values(
            "pk", "municipality", "topic", "size_band"
        )
    }
    by_question: dict = defaultdict(lambda: defaultdict(set))
    municipality_answer_ids = set()
    rows = Answer.objects.filter(
        response__round=round_, response__status=Response.Status.SUBMITTED
    ).values_list("response_id", "question_id", "choice_id", "number", "municipality_id")
    for response_id, question_id, choice_id, number, municipality_id in rows:
        value = choice_id if choice_id is not None else municipality_id
        if value is None and number is not None:
            value = number
        if value is not None:
            by_question[question_id][response_id].add(value)
            if municipality_id is not None:
                municipality_answer_ids.add(municipality_id)
    labels = _labels(respondents, municipality_answer_ids)
    results = []
    for version in versions:
        question = version.question
        if question.kind not in TABULATED:
            continue
        answers = by_question.get(question.pk, {})
        # A scale's answers are Decimals equal (and hashed equal) to its columns 1–5.
        question_labels = labels
        if question.kind == QuestionKind.MUNICIPALITY:
            used = {v for vs in answers.values() for v in vs}
            question_labels = {
                **labels,
                "municipality_answers": {
                    pk: name for pk, name in labels["municipality_answers"].items() if pk in used
                },
            }
        results.append(
            _tabulate(question, version.text, answers, respondents, question_labels, threshold)
        )
    return results


def cached_for_round(round_: Round, name: str, compute):
    """`compute()`, kept while a closed round stays as it is: its answers no longer
    change, and whatever changes it (closing, an import, approving a text) saves it."""
    if not round_.is_closed():
        return compute()
    key = (
        f"surveys:{name}:{round_.pk}:{round_.closes_at.timestamp()}:"
        f"{round_.updated_at.timestamp()}:{get_language()}"
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def round_results(round_: Round, *, threshold: int | None = None) -> list[QuestionResult]:
    """The suppressed tables of every tabulated question of a round, in questionnaire
    order (cached for a closed round)."""
    threshold = threshold or min_group()
    return cached_for_round(round_, f"results:{threshold}", lambda: _compute(round_, threshold))
