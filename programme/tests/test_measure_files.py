"""The measures as a spreadsheet: an export imports into an empty database as the same
programme, and a bad row is rejected whole, named by row and column."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from programme.measure_files import COLUMNS, measures_export, measures_import
from programme.models import Goal, Measure, PartyKind, Programme, Responsibility, Task, Theme
from programme.spreadsheets import csv_bytes, read_rows, xlsx_bytes
from selfservice.tests.factories import UserFactory, coordinator

from .factories import (
    GoalFactory,
    MeasureFactory,
    ProgrammeFactory,
    ResponsibilityFactory,
    TaskFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    programme = ProgrammeFactory(slug="pohjois-savo")
    theme = ThemeFactory(programme=programme, number=1, name_fi="Yhteistyö", name_sv="Samarbete")
    goal = GoalFactory(theme=theme, identifier="1.1", name_fi="Verkostot vahvistuvat")
    first = MeasureFactory(
        goal=goal,
        identifier="1.1.1",
        name_fi="Yhteinen kalenteri",
        name_en="A shared calendar",
        status="in_progress",
    )
    MeasureFactory(goal=goal, identifier="1.1.2", schedule_unit="half_year", end_period=2)
    ResponsibilityFactory(
        measure=first, kind=PartyKind.ASSOCIATION, organization=OrganizationFactory(), name=""
    )
    ResponsibilityFactory(
        measure=first,
        kind=PartyKind.MUNICIPALITY,
        municipality=MunicipalityFactory(slug="kuopio"),
        role="collaborating",
        name="",
    )
    ResponsibilityFactory(measure=first, kind=PartyKind.NETWORK, name="Sote-verkosto")
    TaskFactory(measure=first, name_fi="Kokoa pohja", due_date=dt.date(2026, 3, 31))
    TaskFactory(
        measure=first,
        name_fi="Julkaise",
        due_date=dt.date(2026, 5, 31),
        done_on=dt.date(2026, 5, 2),
    )
    return programme


def _wipe_programme_content():
    """An empty programme database: the programme's rows gone, the associations kept."""
    Theme.objects.all().delete()


def test_an_xlsx_export_imported_into_an_empty_programme_gives_the_same_programme(programme):
    header, rows = measures_export(programme)
    file = xlsx_bytes("measures", header, rows)
    _wipe_programme_content()
    assert not Measure.objects.exists()

    result = measures_import(
        user=coordinator(), programme=programme, rows=read_rows(file, "measures.xlsx")
    )
    assert (result.created, result.updated) == (2, 0)
    assert measures_export(programme) == (header, rows)
    assert Responsibility.objects.count() == 3 and Task.objects.count() == 2


def test_a_csv_export_imports_too_and_a_second_import_changes_rather_than_adds(programme):
    header, rows = measures_export(programme)
    file = csv_bytes(header, rows)
    result = measures_import(user=coordinator(), programme=programme, rows=read_rows(file, "m.csv"))
    assert (result.created, result.updated) == (0, 2)
    assert measures_export(programme) == (header, rows)
    assert Measure.objects.count() == 2


@pytest.mark.parametrize(
    "column, bad, message",
    [
        ("status", "valmis", "Row 3, column status"),
        ("start_period", "7", "Row 3, column start_period"),
        ("end_year", "ensi vuonna", "Row 3, column end_year"),
        ("parties", "primary|association|sakke:no-such", "Row 3, column parties"),
        ("tasks", "31.3.2026|x|Tehtävä", "Row 3, column tasks"),
        ("name_fi", "", "Row 3, column name_fi"),
    ],
)
def test_a_file_with_a_bad_row_is_rejected_whole_with_the_row_named(
    programme, column, bad, message
):
    header, rows = measures_export(programme)
    rows = [list(row) for row in rows]
    rows[0][COLUMNS.index("name_fi")] = "Muutettu nimi"  # a good change in row 2
    rows[1][COLUMNS.index(column)] = bad
    before = measures_export(programme)
    with pytest.raises(ValidationError) as error:
        measures_import(
            user=coordinator(),
            programme=programme,
            rows=read_rows(csv_bytes(header, rows), "x.csv"),
        )
    assert message in error.value.messages[0]
    assert measures_export(programme) == before


def test_only_the_coordinator_imports(programme):
    header, rows = measures_export(programme)
    with pytest.raises(PermissionDenied):
        measures_import(user=UserFactory(), programme=programme, rows=[header, *rows])


def test_the_import_page_names_the_bad_row_and_saves_nothing(client, programme):
    header, rows = measures_export(programme)
    rows = [list(row) for row in rows]
    rows[1][COLUMNS.index("status")] = "valmis"
    client.force_login(coordinator())
    upload = io.BytesIO(xlsx_bytes("m", header, rows))
    upload.name = "mittarit.xlsx"
    response = client.post(
        reverse("programme:measures_import", args=[programme.slug]), {"file": upload}
    )
    assert response.status_code == 200
    assert "Row 3, column status" in response.content.decode()


def test_the_import_page_imports_a_good_file_into_a_new_programme(client, programme):
    header, rows = measures_export(programme)
    successor = ProgrammeFactory(slug="uusi", start_year=2029, end_year=2032)
    client.force_login(coordinator())
    upload = io.BytesIO(csv_bytes(header, rows))
    upload.name = "mittarit.csv"
    response = client.post(
        reverse("programme:measures_import", args=[successor.slug]), {"file": upload}
    )
    assert response.status_code == 302
    assert measures_export(successor) == (header, rows)
    assert Goal.objects.filter(theme__programme=successor).count() == 1


def test_anyone_downloads_the_measures_as_xlsx(client, programme):
    response = client.get(reverse("programme:measures_file", args=[programme.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == COLUMNS
    assert sheet.max_row == 3
    assert Programme.objects.count() == 1
