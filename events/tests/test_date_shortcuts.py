"""Today, this weekend and next week on the event list: links that set the dates."""

import datetime as dt

import pytest
import time_machine
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from events.shortcuts import date_windows
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2027, 3, 10)


def windows(today):
    return {label: (start, end) for label, start, end in date_windows(today)}


def test_on_a_wednesday_the_weekend_is_saturday_and_sunday_and_next_week_monday_to_sunday():
    found = windows(WEDNESDAY)
    assert found["Today"] == (WEDNESDAY, WEDNESDAY)
    assert found["This weekend"] == (dt.date(2027, 3, 13), dt.date(2027, 3, 14))
    assert found["Next week"] == (dt.date(2027, 3, 15), dt.date(2027, 3, 21))


def test_on_a_sunday_this_weekend_is_what_is_left_of_it():
    sunday = dt.date(2027, 3, 14)
    assert windows(sunday)["This weekend"] == (sunday, sunday)
    assert windows(sunday)["Next week"] == (dt.date(2027, 3, 15), dt.date(2027, 3, 21))


def at(day, hour):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@time_machine.travel(at(WEDNESDAY, 9), tick=False)
def test_the_weekend_link_keeps_the_other_filters_and_lists_only_weekend_events(client):
    EventFactory(name_fi="Lauantain tanssit", start_time=at(dt.date(2027, 3, 13), 18))
    EventFactory(name_fi="Torstain kerho", start_time=at(dt.date(2027, 3, 11), 18))
    page = client.get(reverse("events:list"), {"q": "", "municipality": "297", "page": "2"})
    weekend = next(s for s in page.context["date_shortcuts"] if s.label == "This weekend")
    params = QueryDict(weekend.query)
    assert params["municipality"] == "297" and "page" not in params

    params = QueryDict(weekend.query, mutable=True)
    params.pop("municipality")
    listed = client.get(reverse("events:list") + "?" + params.urlencode())

    assert "Lauantain tanssit" in listed.text
    assert "Torstain kerho" not in listed.text
    chosen = [s for s in listed.context["date_shortcuts"] if s.current]
    assert [s.label for s in chosen] == ["This weekend"]


def test_near_me_lists_events_close_to_the_position_and_offers_the_way_back(client):
    from places.tests.factories import PlaceFactory

    kuopio = PlaceFactory(latitude=62.8924, longitude=27.6770)
    iisalmi = PlaceFactory(latitude=63.5586, longitude=27.1902)  # about 78 km away
    soon = timezone.now() + dt.timedelta(days=2)
    EventFactory(name_fi="Torikonsertti", location=kuopio, start_time=soon)
    EventFactory(name_fi="Runoilta", location=iisalmi, start_time=soon)

    page = client.get(reverse("events:list"), {"near": "62.89,27.68", "municipality": ""})

    assert "Torikonsertti" in page.text and "Runoilta" not in page.text
    assert "Events within 20 km of your position." in page.text
    assert page.context["near"]["everywhere"] == "municipality="
    wider = client.get(reverse("events:list"), {"near": "62.89,27.68", "distance": "100"})
    assert "Runoilta" in wider.text


def test_near_me_measures_the_distance_not_a_box_around_the_position(client):
    from places.tests.factories import PlaceFactory

    # 0.16° north and 0.33° east of the position: each under 20 km, together about 24 km.
    corner = PlaceFactory(latitude=62.89 + 0.16, longitude=27.68 + 0.33)
    EventFactory(
        name_fi="Kulmakonsertti",
        location=corner,
        start_time=timezone.now() + dt.timedelta(days=2),
    )

    near = client.get(reverse("events:list"), {"near": "62.89,27.68", "municipality": ""})
    wider = client.get(reverse("events:list"), {"near": "62.89,27.68", "distance": "30"})

    assert "Kulmakonsertti" not in near.text
    assert "Kulmakonsertti" in wider.text


def test_a_position_that_is_not_one_gets_a_clear_error_in_the_api(client):
    response = client.get("/api/v1/event/", {"near": "kotona"})
    assert response.status_code == 400
    assert "near" in response.json()
