"""Programme measures in the site search: found by the words of their name and text."""

import pytest
from django.urls import reverse

from core.models import PublicationStatus
from moderation.services import content_approve
from organizations.tests.factories import OrganizationFactory
from programme.services import (
    commitment_create,
    measure_save,
    measure_update_add,
    progress_report_add,
)
from search.index import rebuild_search_index
from search.services import search
from search.tests.conftest import voikko  # noqa: F401 - the fixture: skips without Voikko
from selfservice.tests.factories import coordinator, editor_of

from .factories import CommitmentFactory, GoalFactory, MeasureFactory

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


def test_a_published_reports_words_find_its_measure_and_a_drafts_words_do_not():
    measure = MeasureFactory(name_fi="Yhteiset kylätapahtumat")
    commitment = CommitmentFactory(measure=measure)
    editor = editor_of(commitment.organization)
    progress_report_add(user=editor, commitment=commitment, text="Järjestimme lumiveistoskisan.")
    progress_report_add(
        user=editor, commitment=commitment, text="Luonnos: harmonikkaleiri.", publish=False
    )

    assert [hit.public_id for hit in search("lumiveistoskisan").hits] == [measure.public_id]
    assert search("harmonikkaleiri").hits == []


def test_a_report_approved_with_its_association_makes_the_measure_findable():
    association = OrganizationFactory(publication_status=PublicationStatus.PENDING)
    editor = editor_of(association)
    measure = MeasureFactory(name_fi="Yhteiset kylätapahtumat")
    commitment = commitment_create(
        user=editor, measure=measure, organization=association, description="Teemme."
    )
    progress_report_add(user=editor, commitment=commitment, text="Pidimme saunailloitsun.")
    assert search("saunailloitsun").hits == []

    content_approve(obj=association, user=coordinator())

    assert [hit.public_id for hit in search("saunailloitsun").hits] == [measure.public_id]


def test_a_measure_update_is_found_as_its_measure():
    measure = MeasureFactory(name_fi="Yhteiset kylätapahtumat")
    measure_update_add(
        user=coordinator(),
        measure=measure,
        text="Pilkkikisa pidettiin.",
        status="in_progress",
        party="Koordinaattori",
    )
    assert [hit.public_id for hit in search("pilkkikisa").hits] == [measure.public_id]
