"""A client written for Linked Events reads Sakke's /api/v1/event/ with its own parameters."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from events.models import Event
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory, RegionFactory
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = dt.datetime(2027, 3, 10, 12, tzinfo=HELSINKI)


def at(day, hour=10):
    return dt.datetime(2027, 3, day, hour, tzinfo=HELSINKI)


def ids(client, query):
    response = client.get(f"/api/v1/event/?{query}")
    assert response.status_code == 200, response.json()
    return sorted(event["id"] for event in response.json()["data"])


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


# Fields: what a Linked Events client reads from an event, a place and a keyword.
LINKED_EVENTS_EVENT_KEYS = {
    "id", "@id", "@context", "@type", "data_source", "publisher", "name", "description",
    "short_description", "start_time", "end_time", "location", "keywords", "audience",
    "in_language", "offers", "super_event", "super_event_type", "sub_events",
    "event_status", "audience_min_age", "audience_max_age", "created_time",
    "last_modified_time", "deleted",
}  # fmt: skip
LINKED_EVENTS_PLACE_KEYS = {
    "id", "@id", "@context", "@type", "name", "street_address", "postal_code",
    "position", "address_locality", "divisions",
}  # fmt: skip
LINKED_EVENTS_KEYWORD_KEYS = {"id", "@id", "@context", "@type", "name"}


def test_an_event_has_the_fields_of_a_linked_events_event_place_and_keyword(client):
    kuopio = MunicipalityFactory(code="297", name_fi="Kuopio", slug="kuopio")
    organizer = OrganizationFactory(public_id="test:org-1")
    EventFactory(
        location=PlaceFactory(municipality=kuopio),
        organizers=[organizer],
        topics=[TopicFactory(slug="liikunta", yso="yso:p916")],
    )

    body = client.get("/api/v1/event/").json()

    assert set(body["meta"]) == {"count", "next", "previous"}
    event = body["data"][0]
    assert LINKED_EVENTS_EVENT_KEYS <= set(event)
    assert event["@context"] == "http://schema.org"
    assert event["publisher"] == "test:org-1"
    assert event["deleted"] is False
    assert LINKED_EVENTS_PLACE_KEYS <= set(event["location"])
    assert event["location"]["divisions"][0]["ocd_id"] == "ocd-division/country:fi/kunta:kuopio"
    assert event["location"]["address_locality"]["fi"] == "Kuopio"
    assert LINKED_EVENTS_KEYWORD_KEYS <= set(event["keywords"][0])


def test_start_keeps_events_still_going_on(client):
    EventFactory(public_id="test:ongoing", start_time=at(9), end_time=at(11))
    EventFactory(public_id="test:past", start_time=at(1), end_time=at(1, 12))

    assert ids(client, "start=2027-03-10") == ["test:ongoing"]


def test_end_keeps_events_starting_by_the_end_of_that_day(client):
    EventFactory(public_id="test:on-the-day", start_time=at(12, 20))
    EventFactory(public_id="test:later", start_time=at(13))

    assert ids(client, "end=2027-03-12") == ["test:on-the-day"]


def test_days_keeps_the_events_of_the_next_days_from_today(client):
    EventFactory(public_id="test:today", start_time=at(10, 18))
    EventFactory(public_id="test:day-after", start_time=at(11, 18))
    EventFactory(public_id="test:in-a-week", start_time=at(17))

    assert ids(client, "days=2") == ["test:day-after", "test:today"]


def test_days_with_start_is_a_400(client):
    response = client.get("/api/v1/event/?days=2&start=today")

    assert response.status_code == 400
    assert "days" in response.json()


def test_division_takes_an_ocd_id_or_a_name(client):
    region = RegionFactory()
    kuopio = MunicipalityFactory(code="297", name_fi="Kuopio", slug="kuopio", region=region)
    iisalmi = MunicipalityFactory(code="140", name_fi="Iisalmi", slug="iisalmi", region=region)
    EventFactory(public_id="test:kuopio", location=PlaceFactory(municipality=kuopio))
    EventFactory(public_id="test:iisalmi", location=PlaceFactory(municipality=iisalmi))

    assert ids(client, "division=ocd-division/country:fi/kunta:kuopio") == ["test:kuopio"]
    assert ids(client, "division=iisalmi") == ["test:iisalmi"]
    assert ids(client, "division=kunta:kuopio,Iisalmi") == ["test:iisalmi", "test:kuopio"]
    assert ids(client, "division=ocd-division/country:fi/kunta:helsinki") == []


def test_keyword_keeps_events_with_any_of_the_keywords_by_id_or_yso(client):
    sport = TopicFactory(slug="liikunta", yso="yso:p916")
    music = TopicFactory(slug="musiikki", yso="yso:p1808")
    EventFactory(public_id="test:sport", topics=[sport])
    EventFactory(public_id="test:music", topics=[music])
    EventFactory(public_id="test:none")

    assert ids(client, "keyword=yso:p916,musiikki") == ["test:music", "test:sport"]
    assert ids(client, "keyword_OR=liikunta") == ["test:sport"]


def test_keyword_and_keeps_events_with_all_of_the_keywords(client):
    sport = TopicFactory(slug="liikunta")
    seniors = AudienceFactory(slug="seniorit")
    EventFactory(public_id="test:both", topics=[sport], audiences=[seniors])
    EventFactory(public_id="test:sport-only", topics=[sport])

    assert ids(client, "keyword_AND=liikunta,seniorit") == ["test:both"]


def test_text_searches_like_q(client):
    EventFactory(public_id="test:dance", name_fi="Lavatanssit")
    EventFactory(public_id="test:quiz", name_fi="Tietovisa")

    assert ids(client, "text=lavatanssit") == ["test:dance"]


def test_is_free_keeps_free_events(client):
    EventFactory(public_id="test:free", is_free=True)
    EventFactory(public_id="test:paid", is_free=False)

    assert ids(client, "is_free=true") == ["test:free"]


def test_language_keeps_events_in_the_language(client):
    EventFactory(public_id="test:sv", in_language=[LanguageFactory(code="sv")])
    EventFactory(public_id="test:fi", in_language=[LanguageFactory(code="fi")])

    assert ids(client, "language=sv") == ["test:sv"]


def test_location_keeps_events_at_the_places(client):
    hall = PlaceFactory(public_id="test:hall")
    EventFactory(public_id="test:in-hall", location=hall)
    EventFactory(public_id="test:elsewhere")

    assert ids(client, "location=test:hall") == ["test:in-hall"]


def test_publisher_keeps_events_of_the_organizer(client):
    choir = OrganizationFactory(public_id="test:choir")
    EventFactory(public_id="test:concert", organizers=[choir])
    EventFactory(public_id="test:other", organizers=[OrganizationFactory()])

    assert ids(client, "publisher=test:choir") == ["test:concert"]


def test_super_event_none_keeps_top_level_events_and_an_id_its_sub_events(client):
    festival = EventFactory(public_id="test:fest", super_event_type="umbrella")
    EventFactory(public_id="test:part", super_event=festival)
    EventFactory(public_id="test:alone")

    assert ids(client, "super_event=none") == ["test:alone", "test:fest"]
    assert ids(client, "super_event=test:fest") == ["test:part"]


def test_hide_recurring_children_leaves_out_the_dates_of_a_series(client):
    series = EventFactory(public_id="test:series", super_event_type="recurring")
    EventFactory(public_id="test:date", super_event=series)
    umbrella = EventFactory(public_id="test:fest", super_event_type="umbrella")
    EventFactory(public_id="test:part", super_event=umbrella)

    assert ids(client, "hide_recurring_children=true") == [
        "test:fest",
        "test:part",
        "test:series",
    ]


def test_bbox_keeps_events_at_places_inside_the_box(client):
    EventFactory(public_id="test:kuopio", location=PlaceFactory(latitude=62.89, longitude=27.68))
    EventFactory(public_id="test:helsinki", location=PlaceFactory(latitude=60.17, longitude=24.94))

    assert ids(client, "bbox=27.0,62.5,28.0,63.2") == ["test:kuopio"]


def test_dwithin_keeps_events_within_the_distance(client):
    # The market square of Kuopio, a place 800 m north of it and one 5 km away.
    EventFactory(public_id="test:near", location=PlaceFactory(latitude=62.8997, longitude=27.6782))
    EventFactory(public_id="test:far", location=PlaceFactory(latitude=62.9375, longitude=27.6782))

    assert ids(client, "dwithin_origin=27.6782,62.8925&dwithin_metres=1000") == ["test:near"]
    assert ids(client, "dwithin_origin=27.6782,62.8925&dwithin_metres=6000") == [
        "test:far",
        "test:near",
    ]


def test_dwithin_origin_without_metres_is_a_400(client):
    response = client.get("/api/v1/event/?dwithin_origin=27.6,62.8")

    assert response.status_code == 400
    assert "dwithin_metres" in response.json()


def test_bbox_with_three_numbers_is_a_400(client):
    response = client.get("/api/v1/event/?bbox=27.0,62.5,28.0")

    assert response.status_code == 400
    assert "bbox" in response.json()


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("start_time", ["test:b", "test:a"]),
        ("-start_time", ["test:a", "test:b"]),
        ("name", ["test:a", "test:b"]),
        ("-last_modified_time", ["test:b", "test:a"]),
        ("duration", ["test:b", "test:a"]),
    ],
)
def test_sort_orders_the_list(client, sort, expected):
    EventFactory(public_id="test:a", name_fi="Aamukahvit", start_time=at(20), end_time=at(20, 15))
    with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False):
        EventFactory(public_id="test:b", name_fi="Bingo", start_time=at(15), end_time=at(15, 11))

    data = client.get(f"/api/v1/event/?sort={sort}").json()["data"]

    assert [event["id"] for event in data] == expected


def test_an_unknown_sort_is_a_400(client):
    assert client.get("/api/v1/event/?sort=popularity").status_code == 400


def test_page_and_page_size_page_the_list(client):
    for day in (11, 12, 13):
        EventFactory(public_id=f"test:day-{day}", start_time=at(day))

    body = client.get("/api/v1/event/?page=2&page_size=2").json()

    assert [event["id"] for event in body["data"]] == ["test:day-13"]
    assert body["meta"]["count"] == 3
    assert body["meta"]["previous"] is not None and body["meta"]["next"] is None


def test_include_is_accepted_and_the_objects_are_embedded(client):
    EventFactory(topics=[TopicFactory(slug="liikunta")])

    event = client.get("/api/v1/event/?include=location,keywords").json()["data"][0]

    assert event["location"]["name"]["fi"]
    assert event["keywords"][0]["name"] is not None


def test_the_existing_parameters_keep_working_beside_the_new_ones(client):
    kuopio = MunicipalityFactory(code="297", slug="kuopio")
    sport = TopicFactory(slug="liikunta")
    EventFactory(public_id="test:hit", location=PlaceFactory(municipality=kuopio), topics=[sport])
    EventFactory(public_id="test:miss", topics=[sport])

    assert ids(client, "municipality=297&topic=liikunta&keyword=liikunta") == ["test:hit"]


def test_a_recurring_series_head_is_marked_for_linked_events_clients(client):
    EventFactory(public_id="test:series", super_event_type=Event.SuperEventType.RECURRING)

    event = client.get("/api/v1/event/test:series/").json()

    assert event["super_event_type"] == "recurring"
