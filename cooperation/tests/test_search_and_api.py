"""Bodies, consultations and sent statements in the site search and the read-only API."""

import pytest
from django.urls import reverse

from cooperation import services
from cooperation.models import SeatRole
from organizations.tests.factories import OrganizationFactory
from search.index import rebuild_search_index
from search.services import search
from search.tests.conftest import voikko  # noqa: F401 - the fixture: skips without Voikko
from selfservice.tests.factories import coordinator, editor_of

from .factories import BodyFactory, ConsultationFactory, MembershipFactory, SeatFactory

pytestmark = pytest.mark.django_db


def sent_statement(title="Järjestöjen yhteislausunto kirjastolaista"):
    org = OrganizationFactory(name_fi="Kirjastoystävät ry")
    boss = coordinator()
    statement = services.statement_open(
        user=boss, consultation=ConsultationFactory(), title=title, text="Teksti."
    )
    services.statement_open_for_signing(user=boss, statement=statement)
    services.statement_sign(user=editor_of(org), statement=statement, organization=org)
    return statement, boss


@pytest.mark.usefixtures("voikko")
def test_bodies_and_consultations_are_found_by_inflected_words():
    body = BodyFactory(
        name_fi="Kulttuuriverkosto", purpose_fi="Museoiden ja teattereiden yhteistyö."
    )
    consultation = ConsultationFactory(title_fi="Lausuntopyyntö kirjastolaista")
    rebuild_search_index()
    assert [h.public_id for h in search("kulttuuriverkoston").hits] == [body.public_id]
    hits = search("kirjastolain", types=["consultation"]).hits
    assert [h.public_id for h in hits] == [consultation.public_id]
    assert hits[0].url == consultation.get_absolute_url()


@pytest.mark.usefixtures("voikko")
def test_a_statement_is_found_once_sent_and_not_as_a_draft():
    statement, boss = sent_statement()
    assert search("yhteislausunto", types=["statement"]).hits == []
    services.statement_send(user=boss, statement=statement)
    hits = search("yhteislausunto", types=["statement"]).hits
    assert [h.public_id for h in hits] == [statement.public_id]


def test_the_api_lists_bodies_with_seats_but_contacts_only_with_consent(client):
    body = BodyFactory(name_fi="Järjestöneuvosto")
    org = OrganizationFactory()
    MembershipFactory(body=body, organization=org, status="member")
    MembershipFactory(body=body, organization=OrganizationFactory(), status="requested")
    SeatFactory(body=body, role=SeatRole.CHAIR, email="secret@example.org", contact_consent=False)
    SeatFactory(body=body, email="open@example.org", contact_consent=True)
    data = client.get(reverse("api:cooperation_body-detail", kwargs={"id": body.public_id})).json()
    assert data["name"]["fi"] == "Järjestöneuvosto"
    assert [m["organization"]["id"] for m in data["members"]] == [org.public_id]
    contacts = [seat["contact"] for seat in data["seats"]]
    assert {"email": "open@example.org"} in contacts
    assert "secret@example.org" not in str(data)


def test_the_api_lists_consultations_and_meetings(client):
    consultation = ConsultationFactory(title_fi="Hyvinvointisuunnitelma")
    data = client.get(reverse("api:consultation-list")).json()
    assert [item["id"] for item in data["data"]] == [consultation.public_id]
    assert client.get(reverse("api:cooperation_meeting-list")).status_code == 200


def test_the_api_shows_sent_statements_only_with_their_signatories(client):
    statement, boss = sent_statement()
    assert client.get(reverse("api:joint_statement-list")).json()["data"] == []
    detail = reverse("api:joint_statement-detail", kwargs={"id": statement.public_id})
    assert client.get(detail).status_code == 404
    services.statement_send(user=boss, statement=statement)
    data = client.get(detail).json()
    assert data["text"] == "Teksti."
    assert [s["organization"]["name"]["fi"] for s in data["signatories"]] == ["Kirjastoystävät ry"]


def test_the_api_is_read_only(client):
    client.force_login(coordinator())
    response = client.post(reverse("api:consultation-list"), {"title": "x"})
    assert response.status_code == 405
