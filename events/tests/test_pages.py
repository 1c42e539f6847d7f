import datetime as dt
import json
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.models import Event
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db

HELSINKI = dt.timezone(dt.timedelta(hours=2))
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=HELSINKI)  # a Monday


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def at(day, hour, minute=0):
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=HELSINKI)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_event_list_opens_in_every_language(client, language):
    EventFactory(name_fi="Kevätkonsertti", start_time=at(5, 18))
    response = client.get(url("events:list", language))
    assert response.status_code == 200
    assert "Kevätkonsertti" in response.text


def test_the_event_list_starts_from_today(client):
    EventFactory(name_fi="Eilinen", start_time=at(1, 18))
    EventFactory(name_fi="Huominen", start_time=at(3, 18))
    response = client.get(url("events:list", "en"))
    assert "Eilinen" not in response.text
    assert "Huominen" in response.text
    assert 'value="2026-03-02"' in response.text


def test_events_are_grouped_under_a_heading_per_day(client):
    EventFactory(name_fi="Aamu", start_time=at(3, 9))
    EventFactory(name_fi="Ilta", start_time=at(3, 19))
    EventFactory(name_fi="Torstai", start_time=at(5, 12))
    response = client.get(url("events:list", "en"))
    assert response.text.count('class="day__heading"') == 2
    assert "Tuesday 3.3.2026" in response.text
    assert "Thursday 5.3.2026" in response.text


def test_an_evening_event_in_finland_is_listed_on_its_finnish_day(client):
    # 00:30 in Helsinki on the 4th is still the 3rd in UTC.
    EventFactory(name_fi="Yötapahtuma", start_time=at(4, 0, 30))
    response = client.get(url("events:list", "en"))
    assert "Wednesday 4.3.2026" in response.text


def test_filters_narrow_the_events(client):
    kuopio = MunicipalityFactory(code="297")
    place = PlaceFactory(municipality=kuopio)
    sport = TopicFactory(slug="liikunta")
    youth = AudienceFactory(slug="nuoret")
    swedish = LanguageFactory(code="sv", name_fi="ruotsi")
    EventFactory(
        name_fi="Osuu",
        location=place,
        topics=[sport],
        audiences=[youth],
        in_language=[swedish],
        start_time=at(10, 12),
    )
    EventFactory(name_fi="Maksullinen", location=place, is_free=False, start_time=at(10, 12))
    EventFactory(name_fi="Liian myöhään", location=place, start_time=at(25, 12))
    params = {
        "municipality": "297",
        "topic": "liikunta",
        "audience": "nuoret",
        "language": "sv",
        "is_free": "true",
        "start": "2026-03-09",
        "end": "2026-03-20",
        "q": "osuu",
    }
    response = client.get(url("events:list", "en"), params)
    assert "Osuu" in response.text
    assert "Maksullinen" not in response.text
    assert "Liian myöhään" not in response.text
    assert "1 event found" in response.text


def test_cancelled_and_postponed_events_carry_a_text_badge(client):
    EventFactory(name_fi="Peruttu", event_status=Event.Status.CANCELLED, start_time=at(3, 12))
    EventFactory(name_fi="Siirretty", event_status=Event.Status.POSTPONED, start_time=at(3, 13))
    response = client.get(url("events:list", "en"))
    assert '<span class="badge badge--eventcancelled">Cancelled</span>' in response.text
    assert '<span class="badge badge--eventpostponed">Postponed</span>' in response.text


def test_an_htmx_request_gets_only_the_event_results(client):
    EventFactory(name_fi="Kevätkonsertti", start_time=at(5, 18))
    response = client.get(url("events:list"), HTTP_HX_REQUEST="true")
    assert "<html" not in response.text
    assert "Kevätkonsertti" in response.text


def test_a_bad_date_gives_a_message_not_an_error(client):
    response = client.get(url("events:list", "en"), {"start": "tomorrowish", "is_free": "maybe"})
    assert response.status_code == 200
    assert "Enter a date as YYYY-MM-DD" in response.text
    assert 'aria-invalid="true"' in response.text


def test_an_end_before_the_start_is_explained_and_the_end_is_ignored(client):
    EventFactory(name_fi="Kevätkonsertti", start_time=at(10, 18))

    response = client.get(
        url("events:list", "en"),
        {"start": "2026-03-03", "end": "2026-02-25"},
    )

    assert response.status_code == 200
    assert "The end is before the start." in response.text
    assert "Kevätkonsertti" in response.text  # listed by the start alone
    same_day = client.get(
        url("events:list", "en"),
        {"start": "2026-03-10", "end": "2026-03-10"},
    )
    assert "The end is before the start." not in same_day.text
    assert "Kevätkonsertti" in same_day.text


def list_queries(client, count):
    Event.objects.all().delete()
    organizer = OrganizationFactory()
    for i in range(count):
        EventFactory(
            start_time=at(3 + i % 20, 12),
            organizers=[organizer],
            topics=[TopicFactory()],
            audiences=[AudienceFactory()],
            in_language=[LanguageFactory()],
        )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("events:list")).status_code == 200
    return len(queries)


def test_the_event_list_runs_as_many_queries_for_three_as_for_twenty_five_events(client):
    assert list_queries(client, 3) == list_queries(client, 25)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_event_page_opens_in_every_language(client, language):
    event = EventFactory(name_fi="Kevätkonsertti", start_time=at(5, 18))
    response = client.get(url("events:detail", language, public_id=event.public_id))
    assert response.status_code == 200
    assert "Kevätkonsertti" in response.text


def test_the_event_page_shows_time_place_price_languages_and_accessibility(client):
    place = PlaceFactory(
        name_fi="Musiikkikeskus", street_address_fi="Kuopionlahdenkatu 23", postal_code="70100"
    )
    sign = LanguageFactory(
        code="fse", name_fi="suomalainen viittomakieli", name_en="Finnish Sign Language"
    )
    event = EventFactory(
        name_fi="Kevätkonsertti",
        start_time=at(5, 18),
        end_time=at(5, 20),
        location=place,
        is_free=False,
        price_fi="10 €",
        registration_url="https://example.org/ilmoittaudu",
        in_language=[sign],
        accessibility=["wheelchair", "induction_loop"],
        audience_min_age=7,
        audience_max_age=12,
        organizers=[OrganizationFactory(name_fi="Kuoro ry")],
    )
    response = client.get(url("events:detail", "en", public_id=event.public_id))
    for text in [
        "Thursday 5.3.2026",
        "18:00",
        "20:00",
        "Musiikkikeskus",
        "Kuopionlahdenkatu 23",
        "10 €",
        "https://example.org/ilmoittaudu",
        "Finnish Sign Language",
        "Wheelchair accessible",
        "Induction loop",
        "7–12 years",
        "Kuoro ry",
    ]:
        assert text in response.text


def test_a_recurring_series_lists_its_dates(client):
    event = EventFactory(
        start_time=at(3, 18),
        super_event_type=Event.SuperEventType.RECURRING,
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
    )
    response = client.get(url("events:detail", "en", public_id=event.public_id))
    for day in ["3.3.2026", "10.3.2026", "17.3.2026"]:
        assert day in response.text


def test_an_umbrella_event_lists_its_sub_events_and_they_link_back(client):
    festival = EventFactory(
        name_fi="Kulttuuriviikko", super_event_type=Event.SuperEventType.UMBRELLA
    )
    part = EventFactory(name_fi="Avajaiset", super_event=festival)
    response = client.get(url("events:detail", "en", public_id=festival.public_id))
    assert "Avajaiset" in response.text
    part_page = client.get(url("events:detail", "en", public_id=part.public_id))
    assert festival.get_absolute_url() in part_page.text


def test_the_event_page_describes_it_as_a_schema_org_event(client):
    event = EventFactory(
        name_fi="Konsertti </script>",
        event_status=Event.Status.CANCELLED,
        online_url="https://example.org/stream",
        in_language=[LanguageFactory()],
        organizers=[OrganizationFactory(name_fi="Kuoro ry")],
    )
    data = json_ld(client.get(url("events:detail", "en", public_id=event.public_id)).text)
    assert data["@type"] == "Event"
    assert data["name"] == "Konsertti </script>"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [loc["@type"] for loc in data["location"]] == ["Place", "VirtualLocation"]
    assert data["offers"]["price"] == "0"
    assert data["organizer"]["name"] == "Kuoro ry"
    assert data["inLanguage"] == ["fi"]


def test_an_unknown_event_is_not_found(client):
    assert client.get(url("events:detail", "en", public_id="test:nope")).status_code == 404


def test_the_map_page_lists_the_events_as_plain_html_too(client):
    EventFactory(name_fi="Kartalla", start_time=at(5, 18))
    response = client.get(url("events:map", "en"))
    assert response.status_code == 200
    assert "Kartalla" in response.text
    markers = re.search(
        r'<script id="map-markers" type="application/json">(.*?)</script>', response.text
    )
    assert json.loads(markers.group(1))[0]["lat"] == 62.89
    assert "https://tile.openstreetmap.org" in response.text


def test_the_map_page_uses_the_same_filters(client):
    EventFactory(name_fi="Ilmainen", start_time=at(5, 18))
    EventFactory(name_fi="Maksullinen", is_free=False, start_time=at(5, 18))
    response = client.get(url("events:map", "en"), {"is_free": "true"})
    assert "Ilmainen" in response.text
    assert "Maksullinen" not in response.text


def test_the_event_list_links_to_the_calendar_and_rss_feeds_of_its_filters(client):
    text = client.get(url("events:list", "en"), {"topic": "liikunta", "page": "2"}).text
    assert f'href="{url("event_feeds:ical", "en")}?topic=liikunta"' in text
    assert f'href="{url("event_feeds:rss", "en")}?topic=liikunta"' in text


def test_the_event_page_offers_the_event_for_a_calendar(client):
    event = EventFactory()
    text = client.get(url("events:detail", "en", public_id=event.public_id)).text
    assert url("event_feeds:event_ics", "en", public_id=event.public_id) in text


def test_the_start_filter_keeps_long_events_that_are_still_going_on():
    from django.utils import timezone

    from events.filters import EventFilter

    now = timezone.now()
    EventFactory(
        name_fi="Kesänäyttely",
        start_time=now - dt.timedelta(days=40),
        end_time=now + dt.timedelta(days=20),
    )
    EventFactory(name_fi="Mennyt konsertti", start_time=now - dt.timedelta(days=2))
    EventFactory(name_fi="Tuleva konsertti", start_time=now + dt.timedelta(days=2))

    names = {e.name_fi for e in EventFilter({"start": "today"}, queryset=Event.objects.all()).qs}
    assert names == {"Kesänäyttely", "Tuleva konsertti"}
