"""Restoring an earlier version never undoes a withdrawn consent to show contact details:
the person stays as they are today, the rest of the version comes back."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from accounts.gdpr import account_erase
from accounts.tests.factories import UserFactory
from cooperation.models import Seat
from cooperation.tests.factories import BodyFactory
from core.consent_restore import withdrawals_to_keep
from core.history import add_to_revision, record, versions_of
from moderation import services
from moderation.tests.conftest import url
from organizations.models import Contact
from organizations.selectors import organization_get
from organizations.tests.factories import OrganizationFactory
from selfservice import services as selfservice

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def contacts(organization):
    return {c.name: c for c in Contact.objects.filter(organization=organization)}


@pytest.fixture
def choir(coordinator):
    """Version 1: Maija (consenting, with her phone) and Pekka; then Maija withdraws."""
    with time_machine.travel(START, tick=False):
        organization = OrganizationFactory(
            name_fi="Kuopion Kuoro ry", publication_status="published"
        )
        with record(coordinator, "First"):
            organization.save()
            Contact.objects.create(
                organization=organization,
                name="Maija Virtanen",
                email="maija@example.org",
                phone="040 123 4567",
                consent=True,
            )
            Contact.objects.create(organization=organization, name="Pekka Puupää", consent=True)
    with time_machine.travel(START + dt.timedelta(days=1), tick=False):
        with record(coordinator, "Renamed"):
            organization.name_fi = "Kuopion Laulajat ry"
            organization.save()
    with time_machine.travel(START + dt.timedelta(days=2), tick=False):
        maija = UserFactory(email="maija@example.org")
        selfservice.association_contact_consent_withdraw(
            user=maija, contact=contacts(organization)["Maija Virtanen"]
        )
    return organization


def first_version(organization):
    return versions_of(organization).order_by("revision__date_created").first()


def restore(version, coordinator):
    with time_machine.travel(START + dt.timedelta(days=5), tick=False):
        return services.version_restore(version=version, user=coordinator)


def test_restoring_keeps_a_consent_withdrawn_after_the_version(choir, coordinator):
    restored = restore(first_version(choir), coordinator)

    maija = contacts(choir)["Maija Virtanen"]
    assert maija.consent is False
    assert maija.consent_withdrawn_at == START + dt.timedelta(days=2)
    assert restored.withdrawals_kept == ["Maija Virtanen"]
    public = [c.name for c in organization_get(choir.public_id).contacts.all()]
    assert public == ["Pekka Puupää"]


def test_restoring_brings_back_the_rest_of_the_version(choir, coordinator):
    restore(first_version(choir), coordinator)
    choir.refresh_from_db()
    assert choir.name_fi == "Kuopion Kuoro ry"
    assert contacts(choir)["Pekka Puupää"].consent is True


def test_a_person_removed_after_withdrawing_is_not_brought_back(choir, coordinator):
    with time_machine.travel(START + dt.timedelta(days=3), tick=False):
        selfservice.organization_update(
            user=coordinator,
            organization=choir,
            data={},
            contacts=[{"name": "Pekka Puupää", "email": "", "phone": "", "role": ""}],
        )
    assert set(contacts(choir)) == {"Pekka Puupää"}

    restored = restore(first_version(choir), coordinator)

    assert set(contacts(choir)) == {"Pekka Puupää"}
    assert not Contact.objects.filter(phone="040 123 4567").exists()
    assert restored.withdrawals_kept == ["Maija Virtanen"]


def test_a_consent_given_again_after_the_withdrawal_is_restored(choir, coordinator):
    with time_machine.travel(START + dt.timedelta(days=3), tick=False):
        with record(coordinator, "Consents again"):
            maija = contacts(choir)["Maija Virtanen"]
            maija.consent, maija.consent_withdrawn_at = True, None
            maija.save()

    restored = restore(first_version(choir), coordinator)

    assert contacts(choir)["Maija Virtanen"].consent is True
    assert restored.withdrawals_kept == []


def test_a_version_after_the_withdrawal_restores_as_before(choir, coordinator):
    latest = versions_of(choir).first()
    restored = restore(latest, coordinator)
    assert contacts(choir)["Maija Virtanen"].consent is False
    assert restored.withdrawals_kept == []


def test_the_history_page_tells_the_coordinator_what_was_kept(coordinator_client, choir):
    version = first_version(choir)
    restore_url = url(
        "moderation:restore",
        kind="association",
        public_id=choir.public_id,
        version_id=version.pk,
    )
    response = coordinator_client.post(restore_url, follow=True)
    assert response.status_code == 200
    assert "withdrawn after this version by: Maija Virtanen" in response.text
    assert contacts(choir)["Maija Virtanen"].consent is False


def test_an_admin_revert_keeps_the_withdrawal_and_does_not_offer_the_details(
    coordinator_client, choir
):
    coordinator = UserFactory(is_superuser=True, is_staff=True)
    coordinator_client.force_login(coordinator)
    version = first_version(choir)
    with translation.override("en"):
        page = reverse("admin:organizations_organization_revision", args=[choir.pk, version.pk])
    response = coordinator_client.get(page)
    assert response.status_code == 200
    assert "withdrawn after this version by: Maija Virtanen" in response.text
    shown = {
        form.instance.name: form.instance.consent
        for formset in response.context["inline_admin_formsets"]
        for form in formset.formset.forms
        if isinstance(form.instance, Contact)
    }
    assert shown == {"Maija Virtanen": False, "Pekka Puupää": True}
    assert "Kuopion Kuoro ry" in response.text  # the rest of the version is offered
    assert contacts(choir)["Maija Virtanen"].consent is False  # a look changes nothing


def test_a_seat_holders_withdrawn_consent_survives_a_restore_of_the_body(coordinator):
    with time_machine.travel(START, tick=False):
        body = BodyFactory()
        with record(coordinator, "First"):
            body.save()
            Seat.objects.create(
                body=body,
                role="member",
                person_name="Liisa Laine",
                email="liisa@example.org",
                contact_consent=True,
            )
    with time_machine.travel(START + dt.timedelta(days=1), tick=False):
        with record(coordinator, "Consent withdrawn"):
            seat = body.seats.get()
            seat.contact_consent = False
            seat.save()
    version = versions_of(body).order_by("revision__date_created").first()

    plan = withdrawals_to_keep(version)
    version.revision.revert(delete=True)  # what the admin's revert does
    assert plan.apply() == ["Liisa Laine"]

    seat = body.seats.get()
    assert seat.contact_consent is False
    assert seat.public_contact == {}


def test_the_withdrawal_time_alone_counts_when_the_history_starts_withdrawn(coordinator):
    """A version recorded without consent, then a withdrawal time set after it: kept."""
    with time_machine.travel(START, tick=False):
        organization = OrganizationFactory()
        with record(coordinator, "First"):
            organization.save()
            Contact.objects.create(organization=organization, name="Aino", email="a@example.org")
    Contact.objects.filter(organization=organization).update(
        consent_withdrawn_at=timezone.now() + dt.timedelta(days=1)
    )
    plan = withdrawals_to_keep(first_version(organization))
    assert plan.names == ["Aino"]


def test_a_person_whose_account_is_deleted_is_not_brought_back_by_a_restore(choir, coordinator):
    maija = UserFactory(email="maija.v@example.org")
    with time_machine.travel(START + dt.timedelta(days=3), tick=False):
        with record(coordinator, "New address"):
            Contact.objects.filter(name="Maija Virtanen").update(email="maija.v@example.org")
            add_to_revision(choir)
    account_erase(maija)
    assert not Version.objects.filter(serialized_data__icontains="maija.v@example.org").exists()
    with time_machine.travel(START + dt.timedelta(days=5), tick=False):
        services.version_restore(version=versions_of(choir).first(), user=coordinator)
    assert set(contacts(choir)) == {"Pekka Puupää"}


def test_an_erased_contact_leaves_no_version_under_an_earlier_address(choir, coordinator):
    """Maija's row held another address before: its earlier versions, with her name and
    phone, go with the account too; Pekka's row and the association's versions stay."""
    maija = UserFactory(email="maija.v@example.org")
    with time_machine.travel(START + dt.timedelta(days=3), tick=False):
        with record(coordinator, "New address"):
            contact = contacts(choir)["Maija Virtanen"]
            contact.email = "maija.v@example.org"
            contact.save()
    account_erase(maija)
    assert not Version.objects.filter(serialized_data__icontains="Maija Virtanen").exists()
    assert not Version.objects.filter(serialized_data__icontains="040 123 4567").exists()
    assert Version.objects.filter(serialized_data__icontains="Pekka Puupää").exists()
    assert versions_of(choir).count() >= 2


def test_a_seat_holders_erased_account_leaves_no_seat_details_in_the_history(coordinator):
    person = UserFactory(email="liisa@example.org")
    body = BodyFactory()
    with record(coordinator, "First"):
        body.save()
        Seat.objects.create(
            body=body, role="member", person_name="Liisa Laine", user=person, phone="040 1"
        )
    account_erase(person)
    assert not Version.objects.filter(serialized_data__icontains="Liisa Laine").exists()
    assert body.seats.get().person_name == ""
