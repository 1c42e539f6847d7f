"""CSV and XLSX downloads of the suppressed results: rows from surveys.results, never
from the answers themselves. A suppressed number is written as an empty cell marked "<N"."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .results import DIMENSIONS, QuestionResult, min_group

FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _shown(value):
    return f"<{min_group()}" if value is None else value


def results_rows(results: list[QuestionResult]) -> list[list]:
    """One row per question, breakdown, category and answer: the published counts."""
    rows = [[_("question"), _("breakdown"), _("group"), _("answer"), _("count"), _("mean")]]
    for result in results:
        labels = [label for _v, label in result.columns]
        rows.append(
            [
                result.key,
                _("all"),
                _("all"),
                _("answered"),
                _shown(result.total),
                result.mean if result.mean is not None else "",
            ]
        )
        for label, count in zip(labels, result.column_totals, strict=True):
            rows.append([result.key, _("all"), _("all"), label, _shown(count), ""])
        for dimension, dimension_label in DIMENSIONS.items():
            for row in result.breakdowns[dimension]:
                mean = row.mean if row.mean is not None else ""
                rows.append(
                    [
                        result.key,
                        str(dimension_label),
                        row.label,
                        _("answered"),
                        _shown(row.total),
                        mean,
                    ]
                )
                for label, count in zip(labels, row.cells, strict=True):
                    rows.append(
                        [result.key, str(dimension_label), row.label, label, _shown(count), ""]
                    )
    return rows


def comparison_rows(comparisons) -> list[list]:
    rows = [[_("question"), _("round"), _("answer"), _("count"), _("share %"), _("mean")]]
    for comparison in comparisons:
        for round_, result in comparison.points:
            mean = result.mean if result.mean is not None else ""
            rows.append(
                [
                    comparison.question.key,
                    round_.name,
                    _("answered"),
                    _shown(result.total),
                    "",
                    mean,
                ]
            )
            shares = result.shares()
            for (_value, label), count, share in zip(
                result.columns, result.column_totals, shares, strict=True
            ):
                rows.append(
                    [
                        comparison.question.key,
                        round_.name,
                        label,
                        _shown(count),
                        "" if share is None else share,
                        "",
                    ]
                )
    return rows


def response(rows: list[list], name: str, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append([value if isinstance(value, int | str) else str(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        reply = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        # A byte order mark, so Excel opens the Finnish letters right.
        reply = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return reply
