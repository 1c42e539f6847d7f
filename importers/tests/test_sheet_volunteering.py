"""Volunteering tasks from a spreadsheet: the activities' sheet with its two own columns."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from activities.models import Activity
from importers.models import SheetImport
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import editor_of

pytestmark = pytest.mark.django_db

HEADER = "nimi;laji;osaamistarve;ajankäyttö\n"
TASK = "Kahvinkeitto;vapaaehtoistehtävä;Kahvinkeitin tutuksi;2 tuntia kuussa\n"


def url(name, **kwargs):
    with translation.override("fi"):
        return reverse(f"importers:{name}", kwargs=kwargs)


@pytest.fixture
def organization():
    return OrganizationFactory()


def upload(client, organization, text):
    client.force_login(editor_of(organization))
    csv = SimpleUploadedFile("toiminta.csv", text.encode())
    return client.post(
        url("sheet_activities", org=organization.public_id), {"file": csv}, follow=True
    )


def test_the_activities_template_has_the_volunteering_columns(client, organization):
    from openpyxl import load_workbook

    client.force_login(editor_of(organization))
    csv = client.get(url("sheet_template", kind="activities", fmt="csv")).content.decode(
        "utf-8-sig"
    )
    workbook = load_workbook(
        io.BytesIO(client.get(url("sheet_template", kind="activities", fmt="xlsx")).content)
    )

    header = csv.splitlines()[0].lower()
    assert "osaamistarve" in header and "ajankäyttö" in header
    meanings = " ".join(str(c.value) for row in workbook.worksheets[1].iter_rows() for c in row)
    assert "skills wanted" in meanings and "time commitment" in meanings


def test_a_volunteering_task_is_previewed_then_imported_with_its_skills_and_time(
    client, organization
):
    preview = upload(client, organization, HEADER + TASK)
    assert "<strong>1</strong> uutta" in preview.content.decode()
    sheet = SheetImport.objects.get()

    client.post(url("sheet_commit", pk=sheet.pk), follow=True)

    task = Activity.objects.get()
    assert task.kind == Activity.Kind.VOLUNTEERING
    assert (task.skills_wanted_fi, task.time_commitment_fi) == (
        "Kahvinkeitin tutuksi",
        "2 tuntia kuussa",
    )


def test_a_hobby_row_with_volunteering_cells_is_an_error_of_its_row_and_column_in_finnish(
    client, organization
):
    text = HEADER + TASK + "Tuolijumppa;harrastus;Jumppataito;\n"

    with translation.override("fi"):
        page = upload(client, organization, text).content.decode()

    sheet = SheetImport.objects.get()
    assert sheet.errors == [
        {
            "row": 3,
            "column": "osaamistarve",
            "message": "Vain vapaaehtoistehtävällä on tämä: merkitse lajiksi ”vapaaehtoistehtävä”.",
        }
    ]
    assert "Rivi 3" in page and "osaamistarve" in page
    assert url("sheet_commit", pk=sheet.pk) not in page


def test_a_file_with_such_a_row_imports_nothing_not_even_its_good_rows(client, organization):
    upload(client, organization, HEADER + TASK + "Tuolijumppa;harrastus;;joka viikko\n")
    sheet = SheetImport.objects.get()

    client.post(url("sheet_commit", pk=sheet.pk), follow=True)

    assert not Activity.objects.exists()
    sheet.refresh_from_db()
    assert sheet.status == SheetImport.Status.FAILED
    assert [(e["row"], e["column"]) for e in sheet.errors] == [(3, "ajankäyttö")]
