"""The widget: its frame may be framed anywhere, its data read from anywhere, without cookies."""

import datetime as dt
import gzip

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import TopicFactory
from widget.views import SCRIPT

pytestmark = pytest.mark.django_db


def localized(name, lang="fi"):
    with translation.override(lang):
        return reverse(name)


FRAME = "/fi/upotus/kehys/"
BUILDER = "/fi/upotus/"


def soon(days):
    return timezone.now() + dt.timedelta(days=days)


def titles(client, query):
    response = client.get(f"/widget/items.json?{query}")
    assert response.status_code == 200, response.json()
    return [item["title"] for item in response.json()["items"]]


def test_the_frame_may_be_framed_by_any_site(client):
    response = client.get(FRAME)

    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response


@pytest.mark.parametrize("path", ["/fi/", BUILDER, "/fi/tapahtumat/"])
def test_every_other_page_refuses_to_be_framed(client, path):
    response = client.get(path)

    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_frame_and_the_data_set_no_cookies(client):
    EventFactory(start_time=soon(1))

    for path in (FRAME, "/widget/items.json", "/widget.js"):
        response = client.get(path)
        assert response.status_code == 200
        assert not response.cookies, path


def test_any_site_may_read_the_data(client):
    response = client.get("/widget/items.json")

    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_data_lists_upcoming_events_soonest_first_up_to_count(client):
    EventFactory(name_fi="Kolmas", start_time=soon(3))
    EventFactory(name_fi="Ensimmäinen", start_time=soon(1))
    EventFactory(name_fi="Toinen", start_time=soon(2))
    EventFactory(name_fi="Mennyt", start_time=soon(-3))

    assert titles(client, "count=2") == ["Ensimmäinen", "Toinen"]


def test_municipality_topic_and_association_narrow_the_events(client):
    kuopio = MunicipalityFactory(code="297")
    sport = TopicFactory(slug="liikunta")
    club = OrganizationFactory(public_id="test:club")
    place = PlaceFactory(municipality=kuopio)
    EventFactory(name_fi="Osuma", location=place, topics=[sport], organizers=[club])
    EventFactory(name_fi="Väärä kunta", topics=[sport], organizers=[club])
    EventFactory(name_fi="Väärä aihe", location=place, organizers=[club])
    EventFactory(name_fi="Väärä yhdistys", location=place, topics=[sport])

    assert titles(client, "municipality=297&topic=liikunta&association=test:club") == ["Osuma"]


def test_language_picks_the_texts_and_links(client):
    EventFactory(name_fi="Tanssit", name_sv="Dans", start_time=soon(1))

    body = client.get("/widget/items.json?language=sv").json()

    assert body["language"] == "sv"
    assert body["items"][0]["title"] == "Dans"
    assert body["items"][0]["url"].startswith("http://testserver/sv/evenemang/")
    assert body["heading"] == "Kommande evenemang"


def test_activities_are_shown_with_their_weekly_times(client):
    from activities.models import WeeklySlot
    from activities.tests.factories import ActivityFactory

    activity = ActivityFactory(name_fi="Kuoro")
    WeeklySlot.objects.create(activity=activity, weekday=2, start=dt.time(18))

    body = client.get("/widget/items.json?kind=activities").json()

    assert [(item["title"], item["when"]) for item in body["items"]] == [("Kuoro", "tiistai 18:00")]


@pytest.mark.parametrize("query", ["count=0", "count=500", "association=nobody", "kind=news"])
def test_a_bad_parameter_is_a_400(client, query):
    assert client.get(f"/widget/items.json?{query}").status_code == 400
    assert client.get(f"{FRAME}?{query}").status_code == 400


def test_the_frame_shows_the_events_in_its_language(client):
    EventFactory(name_fi="Tanssit", name_en="Dance", start_time=soon(1))

    page = client.get(localized("widget:frame", "en")).content.decode()

    assert "Dance" in page
    assert '<html lang="en">' in page


def test_the_script_is_small_and_has_no_dependencies():
    source = SCRIPT.read_bytes()

    assert len(gzip.compress(source, compresslevel=9)) < 10 * 1024
    assert b"import " not in source and b"document.cookie" not in source
    assert b'credentials: "omit"' in source


def test_the_builder_previews_and_gives_both_snippets(client):
    MunicipalityFactory(code="297", name_fi="Kuopio")

    page = client.get(f"{BUILDER}?kind=events&municipality=297&count=3&language=fi")

    html = page.content.decode()
    assert page.status_code == 200
    assert (
        'src="http://testserver/fi/upotus/kehys/?kind=events&amp;municipality=297&amp;count=3"'
        in html
    )
    assert 'data-sakke-widget data-kind="events" data-municipality="297"' in html
    assert "http://testserver/widget.js" in html


def test_the_builder_says_what_is_wrong(client):
    page = client.get(f"{BUILDER}?count=99")

    assert page.status_code == 200
    assert "<iframe" not in page.content.decode()
    assert "error-summary" in page.content.decode()
