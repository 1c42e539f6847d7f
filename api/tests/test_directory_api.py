import pytest

from activities.models import Activity
from activities.tests.factories import ActivityFactory, WeeklySlotFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Contact, Organization, SocialLink
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_an_organization_shows_its_address_links_contacts_and_parent(client):
    kuopio = MunicipalityFactory(code="297")
    parent = OrganizationFactory(public_id="sample:org-0001")
    organization = OrganizationFactory(
        public_id="sample:org-0002",
        business_id="1234567-1",
        municipalities=[kuopio],
        topics=[TopicFactory(slug="liikunta")],
        street_address="Esimerkkikatu 1",
        postal_code="70100",
        address_municipality=kuopio,
        founded=1987,
        parent=parent,
        phone="",
    )
    SocialLink.objects.create(
        organization=organization, service="facebook", url="https://facebook.com/x"
    )
    Contact.objects.create(
        organization=organization, consent=True, name="Maija", role_fi="puheenjohtaja"
    )

    data = client.get("/api/v1/organization/sample:org-0002/").json()

    assert data["@type"] == "Organization"
    assert data["business_id"] == "1234567-1"
    assert data["legal_form"] == "association"
    assert data["status"] == "active"
    assert data["municipalities"] == ["297"]
    assert data["topics"][0]["id"] == "liikunta"
    assert data["phone"] is None
    assert data["address"] == {
        "street": "Esimerkkikatu 1",
        "postal_code": "70100",
        "municipality": "297",
    }
    assert data["founded"] == 1987
    assert data["parent"] == {"@id": "http://testserver/api/v1/organization/sample:org-0001/"}
    assert data["social_links"] == [{"service": "facebook", "url": "https://facebook.com/x"}]
    assert data["contacts"] == [
        {
            "name": "Maija",
            "role": {"fi": "puheenjohtaja", "sv": None, "en": None},
            "email": None,
            "phone": None,
        }
    ]


def test_organizations_filter_by_municipality_and_status(client):
    kuopio = MunicipalityFactory(code="297")
    OrganizationFactory(public_id="test:active", municipalities=[kuopio])
    OrganizationFactory(
        public_id="test:dissolved", municipalities=[kuopio], status=Organization.Status.DISSOLVED
    )
    OrganizationFactory(public_id="test:elsewhere")

    data = client.get("/api/v1/organization/?municipality=297&status=active").json()["data"]

    assert [o["id"] for o in data] == ["test:active"]


def test_an_unknown_organization_status_is_a_400(client):
    response = client.get("/api/v1/organization/?status=sleeping")

    assert response.status_code == 400
    assert "status" in response.json()


def test_a_place_shows_its_position_or_null(client):
    PlaceFactory(public_id="test:mapped", latitude=62.9, longitude=27.7)
    PlaceFactory(public_id="test:unmapped", latitude=None, longitude=None)

    mapped = client.get("/api/v1/place/test:mapped/").json()
    unmapped = client.get("/api/v1/place/test:unmapped/").json()

    assert mapped["@type"] == "Place"
    assert mapped["position"] == {"lat": 62.9, "lon": 27.7}
    assert unmapped["position"] is None


def test_places_filter_by_municipality_and_text(client):
    PlaceFactory(public_id="test:hall", name_fi="Kaupungintalo", municipality__code="297")
    PlaceFactory(public_id="test:library", name_fi="Kirjasto", municipality__code="297")
    PlaceFactory(public_id="test:other-hall", name_fi="Kaupungintalo", municipality__code="749")

    data = client.get("/api/v1/place/?municipality=297&q=kaupungintalo").json()["data"]

    assert [p["id"] for p in data] == ["test:hall"]


def test_an_activity_shows_its_weekly_schedule_and_contact(client):
    activity = ActivityFactory(
        public_id="sample:act-0001",
        kind=Activity.Kind.SUPPORT,
        participation=["on_site", "phone"],
        contact_email="tuki@example.org",
        accessibility=["wheelchair"],
    )
    WeeklySlotFactory(activity=activity)

    data = client.get("/api/v1/activity/sample:act-0001/").json()

    assert data["@type"] == "Activity"
    assert data["kind"] == "support"
    assert data["participation"] == ["on_site", "phone"]
    assert data["schedule"] == [{"weekday": 2, "start": "17:30", "end": "19:00"}]
    assert data["organizer"]["id"] == activity.organizer.public_id
    assert data["location"]["id"] == activity.location.public_id
    assert data["is_free"] is True
    assert data["accessibility"] == ["wheelchair"]
    assert data["contact"] == {"email": "tuki@example.org", "phone": None}


def test_activities_filter_by_kind_and_participation(client):
    ActivityFactory(public_id="test:phone-support", kind="support", participation=["phone"])
    ActivityFactory(public_id="test:site-support", kind="support", participation=["on_site"])
    ActivityFactory(public_id="test:phone-hobby", kind="hobby", participation=["phone"])

    data = client.get("/api/v1/activity/?kind=support&participation=phone").json()["data"]

    assert [a["id"] for a in data] == ["test:phone-support"]


def test_an_unknown_activity_kind_is_a_400_naming_the_parameter(client):
    response = client.get("/api/v1/activity/?kind=party")

    assert response.status_code == 400
    assert "kind" in response.json()


def test_vocabularies_are_looked_up_by_code_or_slug(client):
    MunicipalityFactory(code="297", name_fi="Kuopio", name_sv="Kuopio")
    TopicFactory(slug="liikunta")
    AudienceFactory(slug="seniorit")
    LanguageFactory(code="fse", name_fi="suomalainen viittomakieli")

    municipality = client.get("/api/v1/municipality/297/").json()
    topic = client.get("/api/v1/topic/liikunta/").json()
    audience = client.get("/api/v1/audience/seniorit/").json()
    language = client.get("/api/v1/language/fse/").json()

    assert (municipality["id"], municipality["@type"], municipality["name"]["fi"]) == (
        "297",
        "Municipality",
        "Kuopio",
    )
    assert (topic["id"], topic["@type"]) == ("liikunta", "Topic")
    assert (audience["id"], audience["@type"]) == ("seniorit", "Audience")
    assert (language["id"], language["name"]["fi"]) == ("fse", "suomalainen viittomakieli")


def test_the_api_is_read_only(client):
    TopicFactory(slug="liikunta")

    assert client.post("/api/v1/topic/", {"slug": "x"}).status_code == 405
    assert client.delete("/api/v1/topic/liikunta/").status_code == 405
