"""Programme measures in the site search: found by the words of their name and text."""

import pytest
from django.urls import reverse

from organizations.tests.factories import OrganizationFactory
from programme.services import measure_save
from search.index import rebuild_search_index
from search.services import search
from search.tests.conftest import voikko  # noqa: F401 - the fixture: skips without Voikko
from selfservice.tests.factories import coordinator

from .factories import GoalFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("voikko")
def test_a_measure_saved_by_the_coordinator_is_found_by_an_inflected_word():
    measure = measure_save(
        user=coordinator(),
        goal=GoalFactory(),
        data={
            "identifier": "2.3",
            "name_fi": "Yhteinen koulutuskalenteri",
            "description_fi": "Hallitustyön ja talouden koulutukset yhteen paikkaan.",
            "schedule_unit": "quarter",
            "start_year": 2025,
            "start_period": 1,
            "end_year": 2025,
            "end_period": 4,
        },
    )
    hits = search("koulutuskalenterin").hits
    assert [(hit.kind, hit.public_id) for hit in hits] == [("measure", measure.public_id)]
    assert hits[0].url == measure.get_absolute_url()
    assert [hit.public_id for hit in search("talouden", types=["measure"]).hits] == [
        measure.public_id
    ]


def test_the_index_rebuild_includes_measures():
    MeasureFactory(name_fi="Kylätalojen yhteiskäyttö")
    assert rebuild_search_index() == 1


def test_type_measure_in_the_api_links_to_the_measure_resource(client):
    measure = MeasureFactory(name_fi="Kuorojen yhteiskonsertti")
    OrganizationFactory(name_fi="Kuoro Kaiku ry")
    body = client.get("/api/v1/search/", {"q": "kuoro", "type": "measure"}).json()
    assert [item["id"] for item in body["data"]] == [measure.public_id]
    detail = reverse("api:programme_measure-detail", kwargs={"id": measure.public_id})
    assert body["data"][0]["api_url"] == "http://testserver" + detail
