"""The spreadsheet pages: templates, upload and preview, confirm, and who may do it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.models import OrganizationEditor
from accounts.tests.factories import UserFactory
from events.models import Event
from importers.models import SheetImport
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "editor_a", "editor_b", "coordinator"]
EVENTS = "nimi;päivä;alkaa\nKonsertti;14.5.2099;18:00\nTanssit;15.5.2099;19:00\n"


def url(name, **kwargs):
    with translation.override("fi"):
        return reverse(f"importers:{name}", kwargs=kwargs)


def csv_file(text=EVENTS, name="tapahtumat.csv"):
    return SimpleUploadedFile(name, text.encode())


@pytest.fixture
def world():
    a, b = OrganizationFactory(), OrganizationFactory()
    users = {
        "anonymous": None,
        "no_role": UserFactory(),
        "editor_a": UserFactory(),
        "editor_b": UserFactory(),
        "coordinator": UserFactory(is_coordinator=True),
    }
    OrganizationEditor.objects.create(user=users["editor_a"], organization=a)
    OrganizationEditor.objects.create(user=users["editor_b"], organization=b)
    return a, users


def snapshot():
    return (
        list(Event.objects.values_list("pk", "name_fi")),
        list(Organization.objects.values_list("pk", "name_fi")),
        list(SheetImport.objects.values_list("pk", "status")),
    )


# Allowed: A's editors and the coordinator (associations: the coordinator only).
# Anyone else signed in: 404; anonymous: to the sign-in page.
ROWS = {
    "events page": ("GET", lambda a: url("sheet_events", org=a.public_id), None),
    "activities page": ("GET", lambda a: url("sheet_activities", org=a.public_id), None),
    "events upload": ("POST", lambda a: url("sheet_events", org=a.public_id), "events"),
    "associations page": ("GET", lambda a: url("sheet_associations"), None),
    "associations upload": ("POST", lambda a: url("sheet_associations"), "associations"),
}
EXPECTED = {
    "events page": {"editor_a": 200, "coordinator": 200},
    "activities page": {"editor_a": 200, "coordinator": 200},
    "events upload": {"editor_a": 302, "coordinator": 302},
    "associations page": {"coordinator": 200},
    "associations upload": {"coordinator": 302},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", list(ROWS))
def test_only_the_associations_editors_and_the_coordinator_import_for_it(client, world, row, role):
    organization, users = world
    method, build, kind = ROWS[row]
    if users[role] is not None:
        client.force_login(users[role])
    before = snapshot()

    if method == "GET":
        response = client.get(build(organization))
    else:
        text = EVENTS if kind == "events" else "nimi\nUusi ry\n"
        response = client.post(build(organization), {"file": csv_file(text)})

    expected = EXPECTED[row].get(role, 302 if role == "anonymous" else 404)
    assert response.status_code == expected
    if role == "anonymous":
        assert "/kirjaudu/" in response["Location"] or "login" in response["Location"]
    # A preview records the upload and nothing else.
    assert snapshot()[:2] == before[:2]


def preview_by(client, user, organization):
    client.force_login(user)
    client.post(url("sheet_events", org=organization.public_id), {"file": csv_file()})
    return SheetImport.objects.latest("id")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_uploader_confirms_a_preview(client, world, role):
    organization, users = world
    sheet = preview_by(client, users["editor_a"], organization)
    client.logout()
    if users[role] is not None:
        client.force_login(users[role])

    response = client.post(url("sheet_commit", pk=sheet.pk))

    created = Event.objects.count()
    if role == "editor_a":
        assert response.status_code == 302
        assert created == 2
    else:
        assert response.status_code in {"anonymous": (302,), "coordinator": (403,)}.get(
            role, (404,)
        )
        assert created == 0


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_may_import_for_the_association_see_a_preview(client, world, role):
    organization, users = world
    sheet = preview_by(client, users["editor_a"], organization)
    client.logout()
    if users[role] is not None:
        client.force_login(users[role])

    response = client.get(url("sheet", pk=sheet.pk))

    expected = {"editor_a": 200, "coordinator": 200, "anonymous": 302}.get(role, 404)
    assert response.status_code == expected


def test_the_preview_shows_the_counts_and_the_confirm_button(client, world):
    organization, users = world
    client.force_login(users["editor_a"])

    response = client.post(
        url("sheet_events", org=organization.public_id), {"file": csv_file()}, follow=True
    )

    page = response.content.decode()
    assert "<strong>2</strong> uutta" in page
    assert url("sheet_commit", pk=SheetImport.objects.get().pk) in page
    assert not Event.objects.exists()


def test_a_preview_with_a_bad_row_names_it_and_offers_no_confirm(client, world):
    organization, users = world
    client.force_login(users["editor_a"])
    text = EVENTS + "Ilta;31.2.2099;18:00\n"

    response = client.post(
        url("sheet_events", org=organization.public_id), {"file": csv_file(text)}, follow=True
    )

    page = response.content.decode()
    assert "Rivi 4" in page and "päivä" in page
    assert url("sheet_commit", pk=SheetImport.objects.get().pk) not in page


def test_confirming_imports_and_shows_what_changed(client, world):
    organization, users = world
    sheet = preview_by(client, users["editor_a"], organization)

    response = client.post(url("sheet_commit", pk=sheet.pk), follow=True)

    assert Event.objects.count() == 2
    assert "Konsertti" in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.status == SheetImport.Status.IMPORTED


def test_an_unreadable_file_is_refused_next_to_the_field(client, world):
    organization, users = world
    client.force_login(users["editor_a"])

    response = client.post(
        url("sheet_events", org=organization.public_id),
        {"file": SimpleUploadedFile("kuva.png", b"\x89PNG....")},
    )

    assert response.status_code == 200
    assert "sfield__error" in response.content.decode()
    assert not SheetImport.objects.exists()


@pytest.mark.parametrize("kind", ["events", "activities", "associations"])
def test_the_csv_template_has_the_finnish_headers_and_an_example_row(client, world, kind):
    from importers.sheet_kinds import KINDS

    client.force_login(world[1]["editor_a"])

    response = client.get(url("sheet_template", kind=kind, fmt="csv"))

    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode("utf-8-sig")
    header, example = text.splitlines()[:2]
    assert header.split(";") == [column.fi for column in KINDS[kind].columns]
    assert any(example.split(";"))


def test_the_xlsx_template_has_the_rows_and_the_meaning_of_each_column(client, world):
    from openpyxl import load_workbook

    client.force_login(world[1]["editor_a"])

    response = client.get(url("sheet_template", kind="events", fmt="xlsx"))

    workbook = load_workbook(io.BytesIO(response.content))
    rows, columns = workbook.worksheets
    assert [c.value for c in rows[1]][:4] == ["tunniste", "nimi", "päivä", "alkaa"]
    assert rows["B2"].value == "Kevätkonsertti"
    assert columns["A3"].value == "nimi" and columns["B3"].value == "name"


def test_the_template_imports_as_it_is(client, world):
    """The example row of each template is a valid row."""
    organization, users = world
    client.force_login(users["editor_a"])
    template = client.get(url("sheet_template", kind="events", fmt="xlsx")).content

    client.post(
        url("sheet_events", org=organization.public_id),
        {"file": SimpleUploadedFile("pohja.xlsx", template)},
    )

    sheet = SheetImport.objects.get()
    assert (sheet.created, sheet.errors) == (1, [])


def test_an_association_page_links_its_spreadsheet_imports(client, world):
    organization, users = world
    client.force_login(users["editor_a"])

    with translation.override("fi"):
        page = client.get(
            reverse("selfservice:organization", kwargs={"org": organization.public_id})
        ).content.decode()

    assert url("sheet_events", org=organization.public_id) in page
    assert url("sheet_activities", org=organization.public_id) in page
