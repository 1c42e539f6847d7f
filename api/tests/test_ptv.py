"""The PTV export: activities of associations with a business id, in PTV v11's shape."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from activities.tests.factories import ActivityFactory, WeeklySlotFactory
from core.models import PublicationStatus
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import LanguageFactory, TopicFactory

pytestmark = pytest.mark.django_db

SERVICE_FIELDS = {
    "sourceId", "type", "fundingType", "serviceNames", "serviceDescriptions",
    "serviceChargeType", "languages", "areaType", "areas", "targetGroups", "serviceClasses",
    "ontologyTerms", "keywords", "requirements", "serviceProducers",
    "mainResponsibleOrganization", "publishingStatus",
}  # fmt: skip


@pytest.fixture
def activity():
    kuopio = MunicipalityFactory(code="297", name_fi="Kuopio")
    association = OrganizationFactory(business_id="1234567-1", name_fi="Kuurojen yhdistys")
    place = PlaceFactory(
        name_fi="Seurantalo",
        street_address_fi="Minna Canthin katu 22",
        postal_code="70100",
        municipality=kuopio,
        latitude=62.89,
        longitude=27.68,
    )
    activity = ActivityFactory(
        public_id="sakke:42",
        organizer=association,
        location=place,
        name_fi="Viittomakielinen kerho",
        name_sv="Teckenspråkig klubb",
        description_fi="<p>Kokoonnumme &amp; juttelemme.</p>",
        is_free=False,
        price="5 € / kerta",
        contact_email="kerho@example.org",
        municipalities=[kuopio],
        topics=[TopicFactory(name_fi="Kulttuuri")],
    )
    activity.in_language.set([LanguageFactory(code="fi"), LanguageFactory(code="fse")])
    WeeklySlotFactory(activity=activity, weekday=2, start=dt.time(17, 30), end=dt.time(19))
    return activity


def export(client):
    response = client.get(reverse("api:ptv_services"))
    assert response.status_code == 200
    return response.json()


def test_an_activity_becomes_a_ptv_service_with_the_fields_of_service_in(client, activity):
    [item] = export(client)["data"]

    service = item["service"]
    assert set(service) == SERVICE_FIELDS
    assert item["organization"] == {"businessId": "1234567-1", "name": "Kuurojen yhdistys"}
    assert service["sourceId"] == item["sourceId"] == "sakke-sakke-42"
    assert service["serviceNames"] == [
        {"language": "fi", "value": "Viittomakielinen kerho", "type": "Name"},
        {"language": "sv", "value": "Teckenspråkig klubb", "type": "Name"},
    ]
    assert {"language": "fi", "value": "Kokoonnumme & juttelemme.", "type": "Summary"} in (
        service["serviceDescriptions"]
    )
    assert service["serviceChargeType"] == "Chargeable"
    assert service["languages"] == ["fi", "fse"]
    assert service["areaType"] == "LimitedType"
    assert service["areas"] == [{"type": "Municipality", "areaCodes": ["297"]}]
    assert service["keywords"] == [{"language": "fi", "value": "Kulttuuri"}]


def test_the_place_becomes_a_service_location_channel_with_weekly_hours(client, activity):
    [item] = export(client)["data"]

    location, web = item["serviceChannels"]
    assert location["channelType"] == "ServiceLocation"
    assert location["addresses"] == [
        {
            "type": "Location",
            "subType": "Street",
            "country": "FI",
            "streetAddress": {
                "street": [{"language": "fi", "value": "Minna Canthin katu"}],
                "streetNumber": "22",
                "postalCode": "70100",
                "municipality": "297",
                "latitude": "62.89",
                "longitude": "27.68",
            },
        }
    ]
    assert location["serviceHours"] == [
        {
            "serviceHourType": "DaysOfTheWeek",
            "validForNow": True,
            "openingHour": [{"dayFrom": "Tuesday", "from": "17:30", "to": "19:00", "order": 0}],
        }
    ]
    assert location["emails"] == [{"language": "fi", "value": "kerho@example.org"}]
    assert web["channelType"] == "WebPage"
    assert web["webPage"][0]["value"].startswith("http://testserver/fi/")


def test_only_activities_of_associations_with_a_business_id_are_offered(client, activity):
    ActivityFactory(organizer=OrganizationFactory(business_id=""), name_fi="Ilman tunnusta")
    ActivityFactory(
        organizer=OrganizationFactory(business_id="2345678-0", status=Organization.Status.DISSOLVED)
    )
    ActivityFactory(
        organizer=activity.organizer, publication_status=PublicationStatus.DRAFT, name_fi="Luonnos"
    )

    document = export(client)

    assert document["meta"]["count"] == 1
    assert [item["sourceId"] for item in document["data"]] == ["sakke-sakke-42"]


def test_an_activity_without_a_place_has_only_its_web_page_channel(client, activity):
    activity.location = None
    activity.save()

    [item] = export(client)["data"]

    assert [c["channelType"] for c in item["serviceChannels"]] == ["WebPage"]


def test_the_coordinator_downloads_the_export_as_a_file(client, activity):
    response = client.get(reverse("api:ptv_services") + "?download")

    assert response["Content-Disposition"] == 'attachment; filename="sakke-ptv-services.json"'


def test_the_command_writes_the_same_export(activity, tmp_path):
    target = tmp_path / "ptv.json"

    call_command("export_ptv", "--output", str(target), stdout=StringIO())

    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["meta"] == {"count": 1, "format": "PTV Open API v11", "sending": False}
