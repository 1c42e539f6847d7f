"""Past rounds from a file: all rows or none, and export-then-import keeps the aggregates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import UserFactory
from surveys.coordinator_views import pseudonym
from surveys.importing import read_mapping, read_table, round_export, round_import, write_csv
from surveys.models import Response, Round
from surveys.results import round_results

pytestmark = pytest.mark.django_db


def comparable(results):
    return [
        (r.key, r.total, r.column_totals, r.mean, {d: rows for d, rows in r.breakdowns.items()})
        for r in results
    ]


def reimport(round_, name, rows, mapping, user):
    return round_import(
        user=user,
        survey=round_.survey,
        name=name,
        closes_on=dt.date(2018, 5, 31),
        rows=read_table(write_csv(rows).encode(), "answers.csv"),
        mappings=read_mapping(round_.survey, mapping),
    )


def test_exporting_a_round_and_importing_it_again_gives_the_same_aggregates(closed_round):
    coordinator = UserFactory(is_coordinator=True)
    rows, mapping = round_export(closed_round, pseudonym)
    assert len(rows) == 14
    again = reimport(closed_round, "2018", rows, mapping, coordinator)
    assert again.imported and again.is_closed()
    assert comparable(round_results(again)) == comparable(round_results(closed_round))


def test_a_bad_row_is_named_and_nothing_is_written(closed_round):
    coordinator = UserFactory(is_coordinator=True)
    rows, mapping = round_export(closed_round, pseudonym)
    rows[6]["situation"] = "maybe"
    rounds, responses = Round.objects.count(), Response.objects.count()
    with pytest.raises(ValidationError) as error:
        reimport(closed_round, "2018", rows, mapping, coordinator)
    assert error.value.messages == ["Row 8, column situation: “maybe” is not one of its choices."]
    assert (Round.objects.count(), Response.objects.count()) == (rounds, responses)


def test_a_mapping_to_an_unknown_question_is_rejected(closed_round):
    with pytest.raises(ValidationError, match="no question “nope”"):
        read_mapping(closed_round.survey, [{"column": "x", "question": "nope"}])


def test_an_xlsx_file_reads_as_the_csv_does(closed_round):
    import io

    from openpyxl import Workbook

    rows, _mapping = round_export(closed_round, pseudonym)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_table(buffer.getvalue(), "answers.xlsx") == read_table(
        write_csv(rows).encode(), "answers.csv"
    )


def test_only_the_coordinator_imports(closed_round):
    from django.core.exceptions import PermissionDenied

    rows, mapping = round_export(closed_round, pseudonym)
    with pytest.raises(PermissionDenied):
        reimport(closed_round, "2018", rows, mapping, UserFactory())
