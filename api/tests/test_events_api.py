import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from events.models import Event
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")


def test_the_event_list_uses_the_linked_events_envelope(client):
    EventFactory.create_batch(3)

    body = client.get("/api/v1/event/").json()

    assert body["meta"] == {"count": 3, "next": None, "previous": None}
    assert len(body["data"]) == 3


def test_page_size_pages_the_list_and_links_the_next_page(client):
    EventFactory.create_batch(5)

    body = client.get("/api/v1/event/?page_size=2").json()

    assert len(body["data"]) == 2
    assert body["meta"]["count"] == 5
    assert "page=2" in body["meta"]["next"]


def test_page_size_is_capped_at_one_hundred(client):
    EventFactory.create_batch(3)

    response = client.get("/api/v1/event/?page_size=5000")

    assert response.status_code == 200
    assert len(response.json()["data"]) == 3


def test_an_event_is_shown_in_the_linked_events_shape(client):
    kuopio = MunicipalityFactory(code="297", name_fi="Kuopio")
    place = PlaceFactory(municipality=kuopio, postal_code="70100", latitude=62.89, longitude=27.68)
    organizer = OrganizationFactory(public_id="sample:org-0001", name_fi="Eläkeläiset ry")
    topic = TopicFactory(slug="liikunta", name_fi="Liikunta", name_sv="Motion", name_en="")
    event = EventFactory(
        public_id="sample:event-0001",
        data_source="sample",
        name_fi="Tuolijumppa",
        name_en="Chair exercise",
        start_time=dt.datetime(2027, 1, 12, 10, tzinfo=HELSINKI),
        end_time=dt.datetime(2027, 1, 12, 11, tzinfo=HELSINKI),
        location=place,
        organizers=[organizer],
        topics=[topic],
        audiences=[AudienceFactory(slug="seniorit")],
        in_language=[LanguageFactory(code="fi")],
        is_free=False,
        price_fi="5 €",
        accessibility=["wheelchair"],
    )

    data = client.get("/api/v1/event/sample:event-0001/").json()

    assert data["id"] == "sample:event-0001"
    assert data["@id"] == "http://testserver/api/v1/event/sample:event-0001/"
    assert data["@type"] == "Event"
    assert data["data_source"] == "sample"
    assert data["name"] == {"fi": "Tuolijumppa", "sv": None, "en": "Chair exercise"}
    assert data["start_time"] == "2027-01-12T10:00:00+02:00"
    assert data["end_time"] == "2027-01-12T11:00:00+02:00"
    assert data["location"]["id"] == place.public_id
    assert data["location"]["municipality"] == "297"
    assert data["location"]["position"] == {"lat": 62.89, "lon": 27.68}
    assert data["organizers"] == [
        {
            "id": "sample:org-0001",
            "@id": "http://testserver/api/v1/organization/sample:org-0001/",
            "@type": "Organization",
            "name": {"fi": "Eläkeläiset ry", "sv": None, "en": None},
        }
    ]
    assert data["keywords"][0]["id"] == "liikunta"
    assert data["keywords"][0]["name"] == {"fi": "Liikunta", "sv": "Motion", "en": None}
    assert data["audience"][0]["@id"] == "http://testserver/api/v1/audience/seniorit/"
    assert data["in_language"][0]["id"] == "fi"
    assert data["offers"] == [
        {"is_free": False, "price": {"fi": "5 €", "sv": None, "en": None}, "info_url": None}
    ]
    assert data["event_status"] == "EventScheduled"
    assert data["accessibility"] == ["wheelchair"]
    assert data["online_url"] is None
    assert data["super_event"] is None
    assert data["sub_events"] == []
    assert event.public_id in data["@id"]


def test_an_umbrella_event_links_its_sub_events_and_they_link_back(client):
    festival = EventFactory(public_id="sample:fest", super_event_type="umbrella")
    EventFactory(public_id="sample:fest-1", super_event=festival)
    EventFactory(public_id="sample:fest-2", super_event=festival)

    umbrella = client.get("/api/v1/event/sample:fest/").json()
    part = client.get("/api/v1/event/sample:fest-1/").json()

    assert umbrella["super_event_type"] == "umbrella"
    assert sorted(link["@id"] for link in umbrella["sub_events"]) == [
        "http://testserver/api/v1/event/sample:fest-1/",
        "http://testserver/api/v1/event/sample:fest-2/",
    ]
    assert part["super_event"] == {"@id": "http://testserver/api/v1/event/sample:fest/"}


def test_an_online_event_has_no_location_but_its_link(client):
    EventFactory(public_id="test:online", location=None, online_url="https://meet.example.org/x")

    data = client.get("/api/v1/event/test:online/").json()

    assert data["location"] is None
    assert data["online_url"] == "https://meet.example.org/x"


def test_an_unknown_event_is_a_json_404(client):
    response = client.get("/api/v1/event/test:nope/")

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "language, detail", [("fi", "Ei löydy."), ("sv", "Hittades inte."), ("en", "Not found.")]
)
def test_an_unknown_object_is_not_found_in_the_asking_language(client, language, detail):
    response = client.get("/api/v1/organization/test:nope/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 404
    assert response.json() == {"detail": detail}


def test_cancelled_events_stay_listed_marked_by_their_status(client):
    EventFactory(public_id="test:cancelled", event_status=Event.Status.CANCELLED)

    data = client.get("/api/v1/event/").json()["data"]

    assert [(e["id"], e["event_status"]) for e in data] == [("test:cancelled", "EventCancelled")]


def test_the_municipality_filter_takes_a_comma_separated_list_of_codes(client):
    for code in ["297", "749", "686"]:
        EventFactory(public_id=f"test:in-{code}", location__municipality__code=code)

    data = client.get("/api/v1/event/?municipality=297,749").json()["data"]

    assert sorted(e["id"] for e in data) == ["test:in-297", "test:in-749"]


def test_the_topic_filter_keeps_events_of_any_of_the_topics(client):
    EventFactory(public_id="test:sport", topics=[TopicFactory(slug="liikunta")])
    EventFactory(public_id="test:music", topics=[TopicFactory(slug="musiikki")])
    EventFactory(public_id="test:none")

    data = client.get("/api/v1/event/?topic=liikunta,musiikki").json()["data"]

    assert sorted(e["id"] for e in data) == ["test:music", "test:sport"]


def test_start_and_end_keep_the_events_of_a_day(client):
    day = dt.datetime(2027, 3, 1, 12, tzinfo=HELSINKI)
    EventFactory(public_id="test:before", start_time=day - dt.timedelta(days=2))
    EventFactory(public_id="test:on-the-day", start_time=day)
    EventFactory(public_id="test:after", start_time=day + dt.timedelta(days=2))

    data = client.get("/api/v1/event/?start=2027-03-01&end=2027-03-01").json()["data"]

    assert [e["id"] for e in data] == ["test:on-the-day"]


def test_is_free_false_keeps_only_paid_events(client):
    EventFactory(public_id="test:free", is_free=True)
    EventFactory(public_id="test:paid", is_free=False)

    data = client.get("/api/v1/event/?is_free=false").json()["data"]

    assert [e["id"] for e in data] == ["test:paid"]


def test_the_language_and_text_filters_combine(client):
    swedish = LanguageFactory(code="sv", name_fi="ruotsi")
    EventFactory(public_id="test:sv-dance", name_fi="Tanssit", in_language=[swedish])
    EventFactory(public_id="test:fi-dance", name_fi="Tanssit", in_language=[LanguageFactory()])
    EventFactory(public_id="test:sv-talk", name_fi="Luento", in_language=[swedish])

    data = client.get("/api/v1/event/?language=sv&q=tanssi").json()["data"]

    assert [e["id"] for e in data] == ["test:sv-dance"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("start=tomorrowish", "start"),
        ("end=2027-13-45", "end"),
        ("is_free=maybe", "is_free"),
        ("start=2027-03-01&end=2027-02-01", "end"),  # the window ends before it starts
    ],
)
def test_an_invalid_filter_value_is_a_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"/api/v1/event/?{query}")

    assert response.status_code == 400
    assert parameter in response.json()
