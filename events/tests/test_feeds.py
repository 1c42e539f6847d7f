import datetime as dt
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event
from events.tests.factories import EventFactory
from taxonomy.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
ATOM = "{http://www.w3.org/2005/Atom}"


def feed_url(name, **kwargs):
    return reverse(f"event_feeds:{name}", kwargs=kwargs)


def vevents(response):
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_an_event_downloads_as_an_ics_attachment_with_its_details(client):
    event = EventFactory(
        public_id="sample:event-0001",
        name_fi="Tuolijumppa",
        short_description_fi="Jumppaa istuen.",
        start_time=dt.datetime(2027, 1, 12, 10, tzinfo=HELSINKI),
        end_time=dt.datetime(2027, 1, 12, 11, tzinfo=HELSINKI),
        location__name_fi="Kaupungintalo",
        location__street_address_fi="Suokatu 42",
    )

    response = client.get(feed_url("event_ics", public_id="sample:event-0001"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="sample-event-0001.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == "sample:event-0001@testserver"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert vevent.decoded("DTSTART") == dt.datetime(2027, 1, 12, 10, tzinfo=HELSINKI)
    assert vevent.decoded("DTEND") == dt.datetime(2027, 1, 12, 11, tzinfo=HELSINKI)
    assert str(vevent["SUMMARY"]) == "Tuolijumppa"
    assert str(vevent["DESCRIPTION"]) == "Jumppaa istuen."
    assert str(vevent["LOCATION"]).startswith("Kaupungintalo, Suokatu 42, 70100")
    assert str(vevent["URL"]) == "http://testserver" + event.get_absolute_url()
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]


def test_a_cancelled_event_is_cancelled_in_the_calendar(client):
    EventFactory(public_id="test:cancelled", event_status=Event.Status.CANCELLED)

    [vevent] = vevents(client.get(feed_url("event_ics", public_id="test:cancelled")))

    assert str(vevent["STATUS"]) == "CANCELLED"


def test_an_unknown_event_has_no_ics(client):
    assert client.get(feed_url("event_ics", public_id="test:nope")).status_code == 404


def test_the_calendar_feed_applies_the_event_list_filters(client):
    EventFactory(public_id="test:sport", topics=[TopicFactory(slug="liikunta")])
    EventFactory(public_id="test:music", topics=[TopicFactory(slug="musiikki")])

    response = client.get(feed_url("ical") + "?topic=liikunta")

    assert response.status_code == 200
    assert [str(v["UID"]) for v in vevents(response)] == ["test:sport@testserver"]


def test_the_calendar_feed_keeps_cancelled_events_marked_as_cancelled(client):
    EventFactory(public_id="test:on")
    EventFactory(public_id="test:off", event_status=Event.Status.CANCELLED)

    statuses = {str(v["UID"]): str(v["STATUS"]) for v in vevents(client.get(feed_url("ical")))}

    assert statuses == {"test:on@testserver": "CONFIRMED", "test:off@testserver": "CANCELLED"}


def test_the_calendar_feed_is_capped_with_upcoming_events_first(client, monkeypatch):
    monkeypatch.setattr("events.feeds.MAX_CALENDAR_EVENTS", 3)
    now = timezone.now()
    for days in [-30, -1, 2, 5, 9]:
        EventFactory(public_id=f"test:day{days}", start_time=now + dt.timedelta(days=days))

    uids = {str(v["UID"]) for v in vevents(client.get(feed_url("ical")))}

    assert uids == {"test:day2@testserver", "test:day5@testserver", "test:day9@testserver"}


def test_a_past_event_fills_the_calendar_when_there_is_room(client):
    EventFactory(public_id="test:past", start_time=timezone.now() - dt.timedelta(days=3))

    uids = [str(v["UID"]) for v in vevents(client.get(feed_url("ical")))]

    assert uids == ["test:past@testserver"]


def test_an_invalid_filter_on_a_feed_is_a_400_naming_the_parameter(client):
    for name in ["ical", "rss", "atom"]:
        response = client.get(feed_url(name) + "?start=someday")

        assert response.status_code == 400
        assert "start" in response.json()
        backwards = client.get(feed_url(name) + "?start=2027-03-01&end=2027-02-01")
        assert backwards.status_code == 400
        assert "end" in backwards.json()


def test_the_rss_feed_lists_the_newest_events_first(client):
    older = EventFactory(public_id="test:older", name_fi="Vanhempi")
    Event.objects.filter(pk=older.pk).update(created_at=timezone.now() - dt.timedelta(days=1))
    newer = EventFactory(public_id="test:newer", name_fi="Uudempi")

    response = client.get(feed_url("rss"))

    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert [item.findtext("title") for item in items] == ["Uudempi", "Vanhempi"]
    assert items[0].findtext("link") == "http://testserver" + newer.get_absolute_url()
    assert items[0].findtext("guid") == "test:newer"


def test_the_rss_feed_marks_cancelled_events_and_takes_filters(client):
    sport = TopicFactory(slug="liikunta")
    EventFactory(name_fi="Jumppa", event_status=Event.Status.CANCELLED, topics=[sport])
    EventFactory(name_fi="Konsertti")

    with translation.override("en"):
        response = client.get(feed_url("rss") + "?topic=liikunta")

    titles = [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]
    assert titles == ["Cancelled: Jumppa"]


def test_the_atom_feed_is_valid_atom_with_the_events(client):
    EventFactory(public_id="test:one", name_fi="Yksi")

    response = client.get(feed_url("atom"))

    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Yksi"
    assert entry.findtext(f"{ATOM}id") == "test:one"


def test_the_calendar_feed_makes_the_same_number_of_queries_for_3_or_25_events(client):
    topics = [TopicFactory(), TopicFactory()]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(feed_url("ical")).status_code == 200
        return len(captured)

    EventFactory.create_batch(3, topics=topics)
    few = queries()
    EventFactory.create_batch(22, topics=topics)

    assert queries() == few
