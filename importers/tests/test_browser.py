"""The calendar feed pages pass axe-core's WCAG 2.1 A and AA rules in fi, sv and en."""

import datetime as dt

import pytest
from django.utils import timezone

from core.tests.browser import LANGUAGES, axe_violations, describe_violations, localized_path
from events.tests.factories import EventFactory
from importers.models import CalendarSource, ImportedEvent, ImportRun
from selfservice.tests.factories import editor_of
from selfservice.tests.test_browser import signed_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calendar_feed_pages_have_no_accessibility_violations(
    open_page, live_server, north_savo, lang
):
    association = north_savo.pensioners
    source = CalendarSource.objects.create(
        organization=association, name="Kotisivun kalenteri", url="https://example.org/k.ics"
    )
    event = EventFactory(name_fi="Tuotu tapahtuma", organizers=[association])
    ImportedEvent.objects.create(source=source, uid="a@example.org", event=event)
    ImportRun.objects.create(source=source, started_at=timezone.now(), status="imported", created=1)
    page = signed_in(open_page, live_server, editor_of(association))
    for path in (
        localized_path("importers:list", lang, org=association.public_id),
        localized_path("importers:detail", lang, org=association.public_id, pk=source.pk),
    ):
        response = page.goto(path)
        assert response.ok, path
        violations = axe_violations(page)
        assert not violations, describe_violations(violations, path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_spreadsheet_pages_have_no_accessibility_violations(
    open_page, live_server, north_savo, lang
):
    from importers.models import SheetImport

    association = north_savo.pensioners
    editor = editor_of(association)
    SheetImport.objects.create(
        kind="events", organization=association, user=editor, file_name="virheet.csv",
        file_hash="0" * 64, expires_at=timezone.now() + dt.timedelta(hours=1),
        errors=[{"row": 3, "column": "päivä", "message": "Kirjoita päivämäärä muodossa 1.3.2027."}],
        log=[{"row": 2, "status": "new", "name": "A"}, {"row": 3, "status": "error", "name": "B"}],
    )  # fmt: skip
    page = signed_in(open_page, live_server, editor)
    for path in (
        localized_path("importers:sheet_events", lang, org=association.public_id),
        localized_path("importers:sheet", lang, pk=SheetImport.objects.get().pk),
    ):
        response = page.goto(path)
        assert response.ok, path
        violations = axe_violations(page)
        assert not violations, describe_violations(violations, path)


def test_an_editor_imports_events_from_a_spreadsheet(open_page, live_server, north_savo, tmp_path):
    from events.models import Event

    association = north_savo.pensioners
    sheet = tmp_path / "tapahtumat.csv"
    sheet.write_text("nimi;päivä;alkaa\nKevätkonsertti;14.5.2099;18:00\n", encoding="utf-8")
    page = signed_in(open_page, live_server, editor_of(association))

    page.goto(localized_path("importers:sheet_events", "fi", org=association.public_id))
    page.get_by_label("Taulukko (CSV tai XLSX)").set_input_files(str(sheet))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_role("button", name="Tuo", exact=True).click()

    assert page.get_by_text("Tuotu: 1 uutta, 0 muuttunutta.").is_visible()
    assert Event.objects.filter(name_fi="Kevätkonsertti", organizers=association).exists()
