"""Spreadsheet imports: preview counts, all or nothing, matching on re-import, files."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from events.models import Event
from events.tests.factories import EventFactory
from importers import services
from importers.models import SheetImport
from importers.sheets import MAX_ROWS
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from selfservice.tests.factories import coordinator, editor_of
from taxonomy.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=HELSINKI)

EVENTS = (
    "nimi;päivä;alkaa;päättyy;kuvaus;maksuton;hinta\n"
    "Kevätkonsertti;14.5.2027;18:00;20:00;Kuoro laulaa.;kyllä;\n"
    "Kirpputori;15.5.2027;10.00;14;Tavaraa.;;\n"
    "Retki;2027-05-20;9;;Bussilla.;ei;10 €\n"
)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def organization():
    return OrganizationFactory()


@pytest.fixture
def editor(organization):
    return editor_of(organization)


def upload(text: str, name="tapahtumat.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding))


def preview(user, organization, text, kind="events", **kwargs):
    return services.sheet_preview(
        user=user, kind=kind, organization=organization, upload=upload(text, **kwargs)
    )


def xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# Preview


def test_a_preview_counts_the_new_rows_and_writes_no_event(editor, organization):
    sheet = preview(editor, organization, EVENTS)

    assert (sheet.created, sheet.updated, sheet.unchanged, sheet.errors) == (3, 0, 0, [])
    assert sheet.status == SheetImport.Status.PREVIEWED
    assert not Event.objects.exists()


def test_a_bad_row_is_reported_with_its_row_number_and_column(editor, organization):
    text = EVENTS + "Tanssit;31.2.2027;19:00;;;;\nIlta;1.6.2027;18:00;17:00;;;\n"

    sheet = preview(editor, organization, text)

    assert sheet.created == 3
    assert sheet.errors == [
        {"row": 5, "column": "päivä", "message": "Write the date as 1.3.2027."},
        {"row": 6, "column": "päättyy", "message": "The event cannot end before it starts."},
    ]


def test_the_error_messages_are_in_the_persons_language(editor, organization):
    from django.utils import translation

    with translation.override("fi"):
        sheet = preview(editor, organization, "nimi;päivä;alkaa\nTanssit;31.2.2027;19:00\n")

    assert sheet.errors[0]["message"] == "Kirjoita päivämäärä muodossa 1.3.2027."


def test_a_required_cell_left_empty_is_an_error_of_its_column(editor, organization):
    sheet = preview(editor, organization, "nimi;päivä;alkaa\n;14.5.2027;18:00\n")

    assert [(e["row"], e["column"]) for e in sheet.errors] == [(2, "nimi")]


def test_a_file_without_a_required_column_is_refused(editor, organization):
    with pytest.raises(ValidationError) as error:
        preview(editor, organization, "nimi;alkaa\nKonsertti;18:00\n")

    assert "päivä" in error.value.message_dict["file"][0]
    assert not SheetImport.objects.exists()


def test_the_same_event_twice_in_the_file_is_an_error(editor, organization):
    text = "nimi;päivä;alkaa\nKonsertti;14.5.2027;18:00\nkonsertti;14.5.2027;18:00\n"

    sheet = preview(editor, organization, text)

    assert sheet.errors[0]["row"] == 3
    assert "row 2" in sheet.errors[0]["message"]


def test_an_unknown_place_is_an_error_and_a_known_one_is_matched(editor, organization):
    PlaceFactory(name_fi="Seurantalo")
    text = "nimi;päivä;alkaa;paikka\nA;14.5.2027;18:00;Seurantalo\nB;14.5.2027;18:00;Kuu\n"

    sheet = preview(editor, organization, text)

    assert sheet.created == 1
    assert [(e["row"], e["column"]) for e in sheet.errors] == [(3, "paikka")]


# Commit: all or nothing


def test_the_commit_creates_every_row_through_the_self_service(editor, organization):
    topic = TopicFactory(name_fi="Musiikki")
    sheet = preview(
        editor, organization, "nimi;päivä;alkaa;aiheet\nKonsertti;14.5.2027;18:00;musiikki\n"
    )

    done = services.sheet_commit(user=editor, sheet=sheet)

    event = Event.objects.get()
    assert event.name_fi == "Konsertti"
    assert event.start_time == dt.datetime(2027, 5, 14, 18, 0, tzinfo=HELSINKI)
    assert list(event.organizers.all()) == [organization]
    assert list(event.topics.all()) == [topic]
    assert event.public_id == f"sakke:{event.pk}"
    assert (done.status, done.created, done.rows) == (SheetImport.Status.IMPORTED, 1, [])
    assert done.log == [{"row": 2, "status": "created", "id": event.public_id, "name": "Konsertti"}]


def test_the_commit_is_stored_as_one_revision_with_its_author(editor, organization):
    from core.history import versions_of

    sheet = preview(editor, organization, EVENTS)
    services.sheet_commit(user=editor, sheet=sheet)

    revisions = {versions_of(e).first().revision_id for e in Event.objects.all()}
    assert len(revisions) == 1
    assert versions_of(Event.objects.first()).first().revision.user == editor


def test_the_committed_events_are_in_the_search_as_after_a_normal_save(editor, organization):
    from search.models import SearchEntry

    services.sheet_commit(user=editor, sheet=preview(editor, organization, EVENTS))

    titles = set(SearchEntry.objects.filter(kind="event").values_list("title_fi", flat=True))
    assert titles == {"Kevätkonsertti", "Kirpputori", "Retki"}


def test_a_file_with_a_bad_row_cannot_be_committed_and_changes_nothing(editor, organization):
    existing = EventFactory(organizers=[organization], name_fi="Vanha")
    sheet = preview(editor, organization, EVENTS + "Tanssit;31.2.2027;19:00;;;;\n")

    with pytest.raises(ValidationError):
        services.sheet_commit(user=editor, sheet=sheet)

    assert list(Event.objects.all()) == [existing]
    sheet.refresh_from_db()
    assert sheet.status == SheetImport.Status.FAILED
    assert sheet.errors[0]["row"] == 5


def test_a_row_that_became_wrong_after_the_preview_stops_the_whole_commit(editor, organization):
    place = PlaceFactory(name_fi="Seurantalo")
    sheet = preview(
        editor,
        organization,
        "nimi;päivä;alkaa;paikka\nA;14.5.2027;18:00;\nB;15.5.2027;18:00;Seurantalo\n",
    )
    assert sheet.errors == []
    place.delete()  # gone before the commit: the second row is now wrong

    with pytest.raises(ValidationError):
        services.sheet_commit(user=editor, sheet=sheet)

    assert not Event.objects.exists()


def test_a_re_import_updates_rather_than_duplicates(editor, organization):
    services.sheet_commit(user=editor, sheet=preview(editor, organization, EVENTS))
    changed = EVENTS.replace("Kuoro laulaa.", "Kuoro laulaa kevään lauluja.")

    sheet = preview(editor, organization, changed)

    assert (sheet.created, sheet.updated, sheet.unchanged) == (0, 1, 2)
    services.sheet_commit(user=editor, sheet=sheet)
    assert Event.objects.count() == 3
    concert = Event.objects.get(name_fi="Kevätkonsertti")
    assert "kevään lauluja" in concert.description_fi


def test_a_row_with_an_id_updates_that_event_even_with_a_new_name(editor, organization):
    event = EventFactory(organizers=[organization], name_fi="Vanha nimi")
    text = f"tunniste;nimi;päivä;alkaa\n{event.public_id};Uusi nimi;14.5.2027;18:00\n"

    services.sheet_commit(user=editor, sheet=preview(editor, organization, text))

    event.refresh_from_db()
    assert event.name_fi == "Uusi nimi"
    assert Event.objects.count() == 1


def test_a_column_left_out_of_the_file_keeps_the_current_value(editor, organization):
    services.sheet_commit(user=editor, sheet=preview(editor, organization, EVENTS))
    before = Event.objects.get(name_fi="Retki").description_fi

    sheet = preview(editor, organization, "nimi;päivä;alkaa\nRetki;20.5.2027;9:00\n")

    assert (sheet.updated, sheet.unchanged) == (0, 1)
    assert Event.objects.get(name_fi="Retki").description_fi == before


def test_an_id_of_another_associations_event_is_an_error(editor, organization):
    other = EventFactory(organizers=[OrganizationFactory()])
    text = f"tunniste;nimi;päivä;alkaa\n{other.public_id};Kaapattu;14.5.2027;18:00\n"

    sheet = preview(editor, organization, text)

    assert [(e["row"], e["column"]) for e in sheet.errors] == [(2, "tunniste")]


# Who may commit, and when


def test_only_the_uploader_can_commit_a_preview(editor, organization):
    sheet = preview(editor, organization, EVENTS)
    colleague = editor_of(organization)

    with pytest.raises(PermissionDenied):
        services.sheet_commit(user=colleague, sheet=sheet)
    with pytest.raises(PermissionDenied):
        services.sheet_commit(user=coordinator(), sheet=sheet)
    assert not Event.objects.exists()


def test_an_expired_preview_cannot_be_committed(editor, organization):
    sheet = preview(editor, organization, EVENTS)

    with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
        with pytest.raises(ValidationError):
            services.sheet_commit(user=editor, sheet=sheet)

    assert not Event.objects.exists()


def test_a_preview_is_committed_once(editor, organization):
    sheet = preview(editor, organization, EVENTS)
    services.sheet_commit(user=editor, sheet=sheet)

    with pytest.raises(ValidationError):
        services.sheet_commit(user=editor, sheet=SheetImport.objects.get(pk=sheet.pk))

    assert Event.objects.count() == 3


def test_an_editor_who_lost_the_role_cannot_commit(editor, organization):
    sheet = preview(editor, organization, EVENTS)
    organization.editor_roles.all().delete()

    with pytest.raises(PermissionDenied):
        services.sheet_commit(user=editor, sheet=sheet)


def test_an_editor_cannot_preview_for_another_association(editor):
    with pytest.raises(PermissionDenied):
        preview(editor, OrganizationFactory(), EVENTS)


def test_only_the_coordinator_imports_associations(editor):
    with pytest.raises(PermissionDenied):
        preview(editor, None, "nimi\nUusi ry\n", kind="associations")


# Files


def test_a_latin_1_csv_with_commas_from_excel_is_read(editor, organization):
    text = "nimi,päivä,alkaa\nKäsityöilta,14.5.2027,18:00\n"

    sheet = preview(editor, organization, text, encoding="cp1252")

    assert sheet.created == 1
    assert sheet.log[0]["name"] == "Käsityöilta"


def test_a_utf_8_csv_with_a_byte_order_mark_is_read(editor, organization):
    sheet = preview(editor, organization, "\ufeff" + EVENTS)

    assert (sheet.created, sheet.errors) == (3, [])


def test_english_headers_are_accepted(editor, organization):
    sheet = preview(editor, organization, "Name,Date,Starts\nConcert,14.5.2027,18:00\n")

    assert (sheet.created, sheet.errors) == (1, [])


def test_an_xlsx_file_is_read_with_dates_times_and_formulas_as_values(editor, organization):
    data = xlsx(
        [
            ["nimi", "päivä", "alkaa", "hinta", "maksuton"],
            ["Konsertti", dt.datetime(2027, 5, 14), dt.time(18, 0), "=1+1", False],
        ]
    )
    sheet = services.sheet_preview(
        user=editor,
        kind="events",
        organization=organization,
        upload=SimpleUploadedFile("t.xlsx", data),
    )
    assert (sheet.created, sheet.errors) == (1, [])
    services.sheet_commit(user=editor, sheet=sheet)

    event = Event.objects.get()
    assert event.start_time == dt.datetime(2027, 5, 14, 18, tzinfo=HELSINKI)
    # openpyxl stores no computed value, so the formula reads as empty, never as "=1+1".
    assert event.price_fi == ""
    assert event.is_free is False


def test_an_unknown_file_type_is_refused(editor, organization):
    with pytest.raises(ValidationError) as error:
        preview(editor, organization, EVENTS, name="tapahtumat.pdf")

    assert "CSV or XLSX" in error.value.message_dict["file"][0]


def test_a_zip_named_csv_is_refused(editor, organization):
    with pytest.raises(ValidationError):
        services.sheet_preview(
            user=editor,
            kind="events",
            organization=organization,
            upload=SimpleUploadedFile("t.csv", xlsx([["nimi"]])),
        )


def test_too_many_rows_are_refused_with_the_limit(editor, organization):
    text = "nimi;päivä;alkaa\n" + "Ilta;14.5.2027;18:00\n" * (MAX_ROWS + 1)

    with pytest.raises(ValidationError) as error:
        preview(editor, organization, text)

    assert str(MAX_ROWS) in error.value.message_dict["file"][0]


def test_a_file_too_large_is_refused(editor, organization, monkeypatch):
    monkeypatch.setattr("importers.sheets.MAX_BYTES", 100)

    with pytest.raises(ValidationError) as error:
        preview(editor, organization, EVENTS * 3)

    assert "too large" in error.value.message_dict["file"][0]


# Activities and associations


def test_activities_are_created_with_their_weekly_times_and_updated_by_name(editor, organization):
    text = "nimi;laji;ajat;kuvaus\nTuolijumppa;harrastus;ti 10-11, to 10:00-11:00;Istuen.\n"
    services.sheet_commit(user=editor, sheet=preview(editor, organization, text, kind="activities"))

    activity = Activity.objects.get()
    assert activity.kind == Activity.Kind.HOBBY
    assert [(s.weekday, s.start, s.end) for s in activity.schedule.order_by("weekday")] == [
        (2, dt.time(10), dt.time(11)),
        (4, dt.time(10), dt.time(11)),
    ]
    again = preview(editor, organization, text, kind="activities")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    moved = preview(editor, organization, text.replace("ti 10-11", "ke 10-11"), kind="activities")
    assert (moved.created, moved.updated) == (0, 1)


def test_an_activity_of_another_association_with_the_same_name_is_not_touched(editor, organization):
    other = ActivityFactory(name_fi="Tuolijumppa", organizer=OrganizationFactory())

    sheet = preview(editor, organization, "nimi\nTuolijumppa\n", kind="activities")

    assert sheet.created == 1
    services.sheet_commit(user=editor, sheet=sheet)
    assert Activity.objects.filter(name_fi="Tuolijumppa").count() == 2
    other.refresh_from_db()
    assert other.organizer != organization


def test_the_coordinator_imports_associations_and_matches_them_by_business_id():
    user = coordinator()
    existing = OrganizationFactory(name_fi="Vanha ry", business_id="0737546-2")
    text = (
        "nimi;y-tunnus;sähköposti\n"
        "Uusi nimi ry;0737546-2;info@example.fi\n"
        "Kyläyhdistys ry;;kyla@example.fi\n"
    )

    sheet = preview(user, None, text, kind="associations")
    assert (sheet.created, sheet.updated, sheet.errors) == (1, 1, [])
    services.sheet_commit(user=user, sheet=sheet)

    existing.refresh_from_db()
    assert (existing.name_fi, existing.email) == ("Uusi nimi ry", "info@example.fi")
    new = Organization.objects.get(name_fi="Kyläyhdistys ry")
    assert new.is_published
    assert new.public_id == f"sakke:{new.pk}"


def test_a_wrong_business_id_is_an_error():
    sheet = preview(coordinator(), None, "nimi;y-tunnus\nUusi ry;1234567-8\n", kind="associations")

    assert [(e["row"], e["column"]) for e in sheet.errors] == [(2, "y-tunnus")]
