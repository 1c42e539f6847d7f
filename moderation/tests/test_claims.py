import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import OrganizationEditor
from core.models import PublicationStatus
from moderation import services
from moderation.models import Claim
from moderation.tests.conftest import url
from moderation.tests.factories import ClaimFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_a_claim_of_an_existing_association_approved_makes_the_person_its_editor(
    client, person, coordinator, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory(name_fi="Kuopion Kuoro ry")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("moderation:claim", public_id=organization.public_id),
            {"message": "Olen kuoron sihteeri."},
        )
    assert response.status_code == 302
    claim = Claim.objects.get(user=person, organization=organization)
    assert claim.kind == Claim.Kind.EXISTING
    assert mail.outbox[-1].to == [coordinator.email]
    assert not OrganizationEditor.objects.filter(user=person).exists()

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("moderation:claim_decide", pk=claim.pk), {"action": "approve", "message": ""}
        )
    assert response.status_code == 302
    assert OrganizationEditor.objects.filter(
        user=person, organization=organization, granted_by=coordinator
    ).exists()
    assert mail.outbox[-1].to == [person.email]
    assert "Kuopion Kuoro ry" in mail.outbox[-1].subject


def test_the_claim_page_of_an_association_needs_a_signed_in_person(client):
    organization = OrganizationFactory()
    response = client.get(url("moderation:claim", public_id=organization.public_id))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_asking_twice_to_manage_the_same_association_is_refused(person):
    organization = OrganizationFactory()
    services.claim_existing_create(user=person, organization=organization)
    with pytest.raises(ValidationError) as error:
        services.claim_existing_create(user=person, organization=organization)
    assert "organization" in error.value.error_dict


def new_claim(person, municipality, **overrides):
    data = {
        "name": "Rautalammin Ratsastajat ry",
        "municipality": municipality.pk,
        "business_id": "0123456-2",
        "description": "Ratsastusta kaikenikäisille.",
        "email": "ratsastajat@example.org",
        "phone": "",
        "message": "Olen puheenjohtaja.",
        **overrides,
    }
    return data


def test_a_new_association_is_not_public_until_its_claim_is_approved(client, person, coordinator):
    municipality = MunicipalityFactory()
    client.force_login(person)
    response = client.post(url("moderation:claim_new"), new_claim(person, municipality))
    assert response.status_code == 302
    organization = Organization.objects.get(business_id="0123456-2")
    assert organization.publication_status == PublicationStatus.PENDING
    assert organization.public_id == f"sakke:{organization.pk}"
    assert not OrganizationEditor.objects.filter(user=person).exists()

    client.logout()
    detail = url("organizations:detail", public_id=organization.public_id)
    assert client.get(detail).status_code == 404
    assert "Rautalammin Ratsastajat" not in client.get(url("organizations:list")).text
    api = f"/api/v1/organization/{organization.public_id}/"
    assert client.get(api).status_code == 404

    services.claim_approve(claim=organization.claims.get(), user=coordinator)

    organization.refresh_from_db()
    assert organization.publication_status == PublicationStatus.PUBLISHED
    assert OrganizationEditor.objects.filter(user=person, organization=organization).exists()
    assert client.get(detail).status_code == 200
    assert client.get(api).status_code == 200
    assert "Rautalammin Ratsastajat" in client.get(url("organizations:list")).text


def test_a_new_association_with_a_wrong_check_digit_is_refused(client, person):
    client.force_login(person)
    municipality = MunicipalityFactory()
    response = client.post(
        url("moderation:claim_new"), new_claim(person, municipality, business_id="0123456-3")
    )
    assert response.status_code == 200
    assert "check digit" in response.text
    assert not Organization.objects.exists()


def test_a_new_association_with_a_listed_business_id_is_sent_to_claim_the_listed_one(person):
    OrganizationFactory(business_id="0123456-2")
    with pytest.raises(ValidationError) as error:
        services.claim_new_create(
            user=person,
            name="Kaksoiskappale ry",
            municipality=MunicipalityFactory(),
            business_id="0123456-2",
            email="x@example.org",
        )
    assert "business_id" in error.value.error_dict
    assert Organization.objects.count() == 1


def test_a_declined_request_shows_the_coordinators_message_to_the_person(
    client, person, coordinator, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(user=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_decline(
            claim=claim, user=coordinator, message="Pyydä puheenjohtajaa ottamaan yhteyttä."
        )
    client.force_login(person)
    response = client.get(url("moderation:my_requests"))
    assert "Declined" in response.text
    assert "Pyydä puheenjohtajaa ottamaan yhteyttä." in response.text
    assert "Pyydä puheenjohtajaa ottamaan yhteyttä." in mail.outbox[-1].body
    assert not OrganizationEditor.objects.filter(user=person).exists()


def test_declining_a_new_association_keeps_it_off_the_public_pages(person, coordinator):
    claim = services.claim_new_create(
        user=person, name="Uusi ry", municipality=MunicipalityFactory(), email="u@example.org"
    )
    services.claim_decline(claim=claim, user=coordinator, message="Ei toimintaa alueella.")
    claim.organization.refresh_from_db()
    assert claim.organization.publication_status == PublicationStatus.DECLINED


def test_declining_without_a_message_is_refused(coordinator):
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as error:
        services.claim_decline(claim=claim, user=coordinator, message=" ")
    assert "message" in error.value.error_dict


def test_a_decided_request_cannot_be_decided_again(coordinator):
    claim = ClaimFactory()
    services.claim_approve(claim=claim, user=coordinator)
    with pytest.raises(ValidationError):
        services.claim_decline(claim=claim, user=coordinator, message="Ei sittenkään.")


def test_only_the_coordinator_may_approve_a_request(person):
    from django.core.exceptions import PermissionDenied

    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        services.claim_approve(claim=claim, user=person)


def test_approving_a_new_association_publishes_what_its_editors_made_while_waiting(coordinator):
    from activities.tests.factories import ActivityFactory
    from events.tests.factories import EventFactory
    from news.tests.factories import NewsPostFactory

    organization = OrganizationFactory(publication_status=PublicationStatus.PENDING)
    claim = ClaimFactory(organization=organization, kind=Claim.Kind.NEW)
    event = EventFactory(organizers=[organization], publication_status=PublicationStatus.PENDING)
    activity = ActivityFactory(organizer=organization, publication_status=PublicationStatus.PENDING)
    draft = EventFactory(organizers=[organization], publication_status=PublicationStatus.DRAFT)
    post = NewsPostFactory(organization=organization, publication_status=PublicationStatus.PENDING)

    services.claim_approve(claim=claim, user=coordinator)

    for item in (event, activity, draft, post):
        item.refresh_from_db()
    assert event.publication_status == PublicationStatus.PUBLISHED
    assert activity.publication_status == PublicationStatus.PUBLISHED
    assert post.publication_status == PublicationStatus.PUBLISHED
    assert draft.publication_status == PublicationStatus.DRAFT  # a draft stays the editor's
