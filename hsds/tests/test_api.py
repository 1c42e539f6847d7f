"""The HSDS API's parameters, identifiers and mapping of Finnish data."""

import datetime as dt

import pytest
import time_machine

from activities.models import WeeklySlot
from activities.tests.factories import ActivityFactory
from hsds.identifiers import pk_of, resource_id
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def names(client, query=""):
    response = client.get(f"/hsds/services?{query}")
    assert response.status_code == 200, response.json()
    return sorted(service["name"] for service in response.json()["contents"])


def test_a_resource_id_is_a_uuid_that_gives_back_its_key():
    value = resource_id("service", 1234)

    assert pk_of("service", value) == 1234
    assert pk_of("organization", value) is None
    assert pk_of("service", "not-a-uuid") is None


def test_search_finds_services_by_their_words(client):
    ActivityFactory(name_fi="Kuorolaulu")
    ActivityFactory(name_fi="Shakkikerho")

    assert names(client, "search=kuorolaulu") == ["Kuorolaulu"]


def test_taxonomy_term_id_keeps_services_with_the_term(client):
    sport = TopicFactory(slug="liikunta")
    ActivityFactory(name_fi="Sähly", topics=[sport])
    ActivityFactory(name_fi="Lukupiiri")

    assert names(client, f"taxonomy_term_id={resource_id('topic', sport.pk)}") == ["Sähly"]


def test_an_unknown_taxonomy_term_is_a_400_naming_it(client):
    response = client.get("/hsds/services?taxonomy_term_id=nonsense")

    assert response.status_code == 400
    assert "taxonomy_term_id" in response.json()


def test_organization_id_keeps_the_organizations_services(client):
    choir = OrganizationFactory()
    ActivityFactory(name_fi="Kuoroharjoitus", organizer=choir)
    ActivityFactory(name_fi="Muu")

    assert names(client, f"organization_id={resource_id('organization', choir.pk)}") == [
        "Kuoroharjoitus"
    ]


def test_modified_after_keeps_services_changed_since(client):
    with time_machine.travel(dt.datetime(2027, 1, 1, tzinfo=dt.UTC), tick=False):
        ActivityFactory(name_fi="Vanha")
    with time_machine.travel(dt.datetime(2027, 3, 1, tzinfo=dt.UTC), tick=False):
        ActivityFactory(name_fi="Uusi")

    assert names(client, "modified_after=2027-02-01T00:00:00Z") == ["Uusi"]


def test_page_and_per_page_page_the_list(client):
    for name in ("A", "B", "C"):
        ActivityFactory(name_fi=name)

    body = client.get("/hsds/services?per_page=2&page=2").json()

    assert [s["name"] for s in body["contents"]] == ["C"]
    assert (body["total_items"], body["total_pages"], body["page_number"]) == (3, 2, 2)
    assert body["last_page"] is True and body["first_page"] is False


def test_a_bad_page_is_a_400(client):
    assert client.get("/hsds/services?page=0").status_code == 400


def test_an_unknown_service_is_a_json_404(client):
    response = client.get(f"/hsds/services/{resource_id('service', 999)}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_service_maps_schedules_costs_languages_and_areas(client):
    kuopio = MunicipalityFactory(code="297", name_fi="Kuopio")
    activity = ActivityFactory(
        name_fi="Viittomakielinen kahvila",
        is_free=False,
        price_fi="2 €",
        municipalities=[kuopio],
        accessibility=["induction_loop"],
    )
    activity.in_language.set([LanguageFactory(code="fse", name_fi="suomalainen viittomakieli")])
    WeeklySlot.objects.create(activity=activity, weekday=3, start=dt.time(18), end=dt.time(20))

    service = client.get(f"/hsds/services/{resource_id('service', activity.pk)}").json()

    schedule = service["schedules"][0]
    assert (schedule["freq"], schedule["byday"]) == ("WEEKLY", "WE")
    assert (schedule["opens_at"], schedule["closes_at"]) == ("18:00", "20:00")
    assert service["cost_options"][0]["amount_description"] == "2 €"
    assert service["languages"][0]["code"] == "fse"
    assert service["service_areas"][0]["name"] == "Kuopio"
    assert service["service_areas"][0]["extent_type"] == "municipality"
    location = service["service_at_locations"][0]["location"]
    assert [a["description"] for a in location["accessibility"]] == ["Induktiosilmukka"]


def test_a_free_service_costs_nothing(client):
    activity = ActivityFactory(is_free=True)

    service = client.get(f"/hsds/services/{resource_id('service', activity.pk)}").json()

    assert service["cost_options"][0]["amount"] == 0


def test_taxonomy_terms_link_to_their_taxonomy_and_yso(client):
    TopicFactory(slug="liikunta", name_fi="Liikunta", yso="yso:p916")
    AudienceFactory(slug="seniorit")

    terms = client.get("/hsds/taxonomy_terms").json()["contents"]
    taxonomies = {t["id"]: t for t in client.get("/hsds/taxonomies").json()["contents"]}

    sport = next(term for term in terms if term["code"] == "liikunta")
    assert sport["term_uri"] == "http://www.yso.fi/onto/yso/p916"
    assert sport["taxonomy_id"] in taxonomies
    assert {term["code"] for term in terms} == {"liikunta", "seniorit"}


def test_the_root_names_the_version_and_serves_the_openapi_document(client):
    root = client.get("/hsds/").json()

    assert root["version"] == "3.0"
    assert root["openapi_url"] == "http://testserver/hsds/openapi.json"
    document = client.get("/hsds/openapi.json")
    assert document.status_code == 200
    assert b'"/services/{id}"' in b"".join(document.streaming_content)
