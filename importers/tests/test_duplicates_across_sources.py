"""The same event from any two sources is shown once, naming both; a person may say two
events are not the same, and take it back. Seen through the pages and the API."""

import datetime as dt
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from events.models import Event, KeptApart
from importers.fetching import FetchResult
from importers.linked_events_services import linked_events_source_poll
from importers.models import SheetImport
from importers.services import source_poll
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import coordinator, editor_of

from .factories import CalendarSourceFactory
from .linked_events_factories import LinkedEventsSourceFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
START = dt.datetime(2027, 3, 10, 16, tzinfo=dt.UTC)  # 18:00 in Helsinki
NAME = "Kyläyhdistyksen lauluilta"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def answering(body: bytes):
    def fetcher(url, **kwargs):
        return FetchResult(status=200, body=body)

    return fetcher


def feed(summary=NAME, description="Tervetuloa!"):
    event = (
        "BEGIN:VEVENT\r\nUID:ilta@kyla.example\r\nDTSTAMP:20270201T120000Z\r\n"
        f"DTSTART:20270310T160000Z\r\nSUMMARY:{summary}\r\nDESCRIPTION:{description}\r\n"
        "END:VEVENT\r\n"
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FI\r\n{event}END:VCALENDAR\r\n"


def from_calendar(source, **kwargs) -> Event:
    run = source_poll(source, fetcher=answering(feed(**kwargs).encode()))
    assert run.status == "imported", run.message
    return source.imported_events.get().event


def linked_events_page(name=NAME, modified="2027-02-01T10:00:00Z"):
    item = {
        "id": "helsinki:lauluilta",
        "name": {"fi": name},
        "start_time": START.isoformat(),
        "end_time": None,
        "location": None,
        "keywords": [],
        "event_status": "EventScheduled",
        "last_modified_time": modified,
        "offers": [],
    }
    return json.dumps({"meta": {"count": 1, "next": None}, "data": [item]}).encode()


def from_linked_events(source, **kwargs) -> Event:
    run = linked_events_source_poll(source, fetcher=answering(linked_events_page(**kwargs)))
    assert run.status == "imported", run.message
    return source.imported_events.get().event


def typed_here(client, organization, name=NAME) -> Event:
    """An editor adds the event on the association's own event form."""
    client.force_login(editor_of(organization))
    with translation.override("en"):
        path = reverse("selfservice:event_create", kwargs={"org": organization.public_id})
    data = {
        "name_fi": name,
        "start_date": "2027-03-10",
        "start_time": "18:00",
        "is_free": "on",
        "visibility": "publish",
        "series_repeat": "once",
    }
    assert client.post(path, data).status_code == 302
    client.logout()
    return Event.objects.get(organizers=organization, name_fi=name)


def from_spreadsheet(client, organization, name=NAME) -> Event:
    """An editor uploads a spreadsheet of events, looks at the preview and confirms it."""
    client.force_login(editor_of(organization))
    with translation.override("fi"):
        upload = reverse("importers:sheet_events", kwargs={"org": organization.public_id})
        csv = SimpleUploadedFile(
            "tapahtumat.csv", f"nimi;päivä;alkaa\n{name};10.3.2027;18:00\n".encode()
        )
        client.post(upload, {"file": csv})
        sheet = SheetImport.objects.latest("id")
        client.post(reverse("importers:sheet_commit", kwargs={"pk": sheet.pk}))
    client.logout()
    sheet.refresh_from_db()
    assert sheet.status == SheetImport.Status.IMPORTED, sheet.errors
    return Event.objects.get(organizers=organization, name_fi=name)


def api_ids(client) -> list[str]:
    return [e["id"] for e in client.get("/api/v1/event/").json()["data"]]


def address(event) -> str:
    with translation.override("en"):
        return event.get_absolute_url()


def page(client, event) -> str:
    response = client.get(address(event), follow=True)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def kylayhdistys():
    return OrganizationFactory(name_fi="Kyläyhdistys")


@pytest.fixture
def city_source():
    return LinkedEventsSourceFactory(organization__name_fi="Kaupungin kulttuuripalvelut")


@pytest.fixture
def calendar_source():
    return CalendarSourceFactory(organization__name_fi="Kuoro Kaiku")


def test_a_linked_events_event_typed_here_first_is_listed_once_naming_both_sources(
    client, kylayhdistys, city_source
):
    local = typed_here(client, kylayhdistys)
    imported = from_linked_events(city_source)

    assert api_ids(client) == [local.public_id]
    html = page(client, local)
    assert "Kyläyhdistys (entered in Sakke)" in html
    assert "Kaupungin kulttuuripalvelut (from a Linked Events service)" in html
    assert client.get(address(imported)).url == address(local)


def test_an_event_typed_here_after_the_calendar_brought_it_leads_and_the_import_follows(
    client, kylayhdistys, calendar_source
):
    imported = from_calendar(calendar_source)
    local = typed_here(client, kylayhdistys)

    assert api_ids(client) == [local.public_id]
    assert client.get(address(imported)).url == address(local)
    html = page(client, local)
    assert "Kuoro Kaiku (from the association&#x27;s calendar)" in html


def test_linked_events_and_a_calendar_feed_bringing_one_event_show_it_once_in_lists_and_search(
    client, calendar_source, city_source
):
    first = from_calendar(calendar_source)
    from_linked_events(city_source)

    assert api_ids(client) == [first.public_id]
    found = client.get("/api/v1/search/", {"q": "lauluilta", "type": "event"}).json()
    assert [item["id"] for item in found["data"]] == [first.public_id]
    with translation.override("en"):
        listing = client.get(reverse("events:list")).content.decode()
    assert listing.count(NAME) == 1
    html = page(client, first)
    assert "Kuoro Kaiku (from the association&#x27;s calendar)" in html
    assert "Kaupungin kulttuuripalvelut (from a Linked Events service)" in html


def test_a_spreadsheet_row_and_a_calendar_event_are_listed_once(
    client, kylayhdistys, calendar_source
):
    imported = from_calendar(calendar_source)
    from_sheet = from_spreadsheet(client, kylayhdistys)

    assert api_ids(client) == [from_sheet.public_id]
    assert client.get(address(imported)).url == address(from_sheet)


def test_a_spreadsheet_row_and_a_linked_events_event_are_listed_once(
    client, kylayhdistys, city_source
):
    from_sheet = from_spreadsheet(client, kylayhdistys)
    from_linked_events(city_source)

    assert api_ids(client) == [from_sheet.public_id]


def test_two_events_entered_here_are_never_taken_for_one(client, kylayhdistys):
    first = typed_here(client, kylayhdistys)
    second = from_spreadsheet(client, OrganizationFactory(name_fi="Kuoro"))

    assert sorted(api_ids(client)) == sorted([first.public_id, second.public_id])


def test_a_linked_events_event_renamed_upstream_is_listed_on_its_own_again(
    client, kylayhdistys, city_source
):
    local = typed_here(client, kylayhdistys)
    from_linked_events(city_source)

    renamed = from_linked_events(
        city_source, name="Kevätkonsertti", modified="2027-02-02T10:00:00Z"
    )

    assert sorted(api_ids(client)) == sorted([local.public_id, renamed.public_id])


# "These are not the same event"


def keep_apart_path(event, other):
    with translation.override("en"):
        return reverse("importers:keep_apart", kwargs={"pk": event.pk, "other": other.pk})


@pytest.fixture
def pair(client, kylayhdistys, calendar_source):
    """An event typed here and the calendar's event it was taken for."""
    local = typed_here(client, kylayhdistys)
    imported = from_calendar(calendar_source)
    assert api_ids(client) == [local.public_id]
    return local, imported


def test_an_editor_says_two_events_are_not_the_same_from_the_event_page(client, kylayhdistys, pair):
    local, imported = pair
    editor = editor_of(kylayhdistys)
    client.force_login(editor)
    assert "Not the same event" in page(client, local)

    response = client.post(keep_apart_path(local, imported), follow=True)

    html = response.content.decode()
    assert "The two events are now shown separately." in html
    assert "Shown separately" in html and address(imported) in html
    client.logout()
    assert sorted(api_ids(client)) == sorted([local.public_id, imported.public_id])
    assert client.get(address(imported)).status_code == 200
    decision = KeptApart.objects.get()
    assert (decision.decided_by, decision.undone_at) == (editor, None)


def test_the_decision_survives_later_syncs(client, kylayhdistys, calendar_source, pair):
    local, imported = pair
    client.force_login(editor_of(kylayhdistys))
    client.post(keep_apart_path(local, imported))
    client.logout()

    from_calendar(calendar_source, description="Muuttunut kuvaus")  # the feed changed it

    assert sorted(api_ids(client)) == sorted([local.public_id, imported.public_id])


def test_undoing_the_decision_shows_the_event_once_again_and_keeps_the_record(
    client, kylayhdistys, pair
):
    local, imported = pair
    editor = editor_of(kylayhdistys)
    client.force_login(editor)
    client.post(keep_apart_path(local, imported))
    decision = KeptApart.objects.get()
    with translation.override("en"):
        undo = reverse("importers:keep_apart_undo", kwargs={"pk": decision.pk})

    response = client.post(undo, follow=True)

    assert "shown as one again" in response.content.decode()
    client.logout()
    assert api_ids(client) == [local.public_id]
    decision.refresh_from_db()
    assert decision.undone_by == editor and decision.undone_at == NOW


def test_the_coordinator_may_keep_events_apart(client, pair):
    local, imported = pair
    client.force_login(coordinator())

    client.post(keep_apart_path(local, imported))

    assert KeptApart.objects.filter(undone_at__isnull=True).count() == 1


@pytest.mark.parametrize("who", ["anonymous", "someone_else"])
def test_others_cannot_keep_events_apart_and_see_no_button(client, pair, who):
    local, imported = pair
    if who == "someone_else":
        client.force_login(UserFactory())

    response = client.post(keep_apart_path(local, imported))

    assert response.status_code == (302 if who == "anonymous" else 404)
    assert not KeptApart.objects.exists()
    assert "Not the same event" not in page(client, local)
    client.logout()
    assert api_ids(client) == [local.public_id]


def test_an_event_waiting_for_approval_is_checked_when_the_coordinator_approves_it(
    client, calendar_source
):
    from core.models import PublicationStatus
    from events.tests.factories import EventFactory
    from moderation.services import content_approve

    imported = from_calendar(calendar_source)
    waiting = EventFactory(
        name_fi=NAME,
        start_time=START,
        location=None,
        data_source="sakke",
        publication_status=PublicationStatus.PENDING,
        organizers=[OrganizationFactory(name_fi="Uusi yhdistys")],
    )
    assert api_ids(client) == [imported.public_id]

    content_approve(obj=waiting, user=coordinator())

    assert api_ids(client) == [waiting.public_id]
    assert client.get(address(imported)).url == address(waiting)
