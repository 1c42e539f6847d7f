"""An association's contact person is shown only with their consent, which is recorded
(who, when, to which wording) and which the person withdraws on their account page."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.gdpr import account_export
from accounts.services import account_delete
from accounts.tests.factories import PASSWORD, OrganizationEditorFactory, UserFactory
from core import personal_data
from core.personal_data import LegalBasis
from organizations.models import CONTACT_CONSENT_TEXT_VERSION, Contact
from organizations.tests.factories import OrganizationFactory
from selfservice import services

pytestmark = pytest.mark.django_db


def profile_post(**row):
    data = {
        "name_fi": "Kuoro ry",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    data.update({f"contacts-0-{name}": value for name, value in row.items()})
    return data


def page_url(organization):
    return reverse("organizations:detail", kwargs={"public_id": organization.public_id})


def api_url(organization):
    return f"/api/v1/organization/{organization.public_id}/"


@pytest.fixture
def editor():
    return OrganizationEditorFactory(organization=OrganizationFactory(name_fi="Kuoro ry"))


def edit(client, editor, **row):
    client.force_login(editor.user)
    path = reverse("selfservice:organization_edit", kwargs={"org": editor.organization.public_id})
    return client.post(path, profile_post(**row))


def test_the_editor_records_a_consent_with_who_when_and_the_wording(client, editor):
    response = edit(client, editor, name="Anna Avoin", email="anna@example.org", consent="on")

    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.consent and contact.consent_recorded_by == editor.user
    assert contact.consent_text_version == CONTACT_CONSENT_TEXT_VERSION
    assert contact.consent_date is not None and contact.consent_withdrawn_at is None


def test_a_contact_without_consent_is_kept_for_the_association_but_not_shown(client, editor):
    edit(client, editor, name="Anna Avoin", email="anna@example.org", phone="040 765 4321")
    client.logout()

    contact = Contact.objects.get()
    assert not contact.consent and contact.consent_recorded_by is None
    page = client.get(page_url(editor.organization)).text
    assert "Anna Avoin" not in page and "anna@example.org" not in page
    assert client.get(api_url(editor.organization)).json()["contacts"] == []


def test_saving_the_profile_again_keeps_the_consent_record(editor):
    services.organization_update(
        user=editor.user,
        organization=editor.organization,
        data={},
        contacts=[{"name": "Anna Avoin", "email": "anna@example.org", "consent": True}],
    )
    first = Contact.objects.get()
    coordinator = UserFactory(is_staff=True)

    services.organization_update(
        user=editor.user,
        organization=editor.organization,
        data={},
        contacts=[
            {"name": "Anna Avoin", "email": "anna@example.org", "phone": "040 1", "consent": True}
        ],
    )

    again = Contact.objects.get()
    assert again.phone == "040 1"
    assert again.consent_recorded_by == editor.user != coordinator
    assert again.consent_date == first.consent_date
    assert again.consent_text_version == CONTACT_CONSENT_TEXT_VERSION


def test_unticking_the_consent_records_the_withdrawal(editor):
    contact_row = {"name": "Anna Avoin", "email": "anna@example.org"}
    for consent in (True, False):
        services.organization_update(
            user=editor.user,
            organization=editor.organization,
            data={},
            contacts=[{**contact_row, "consent": consent}],
        )

    contact = Contact.objects.get()
    assert not contact.consent and contact.consent_withdrawn_at is not None


def test_the_person_withdraws_on_their_account_page_and_is_hidden_at_once(client, editor):
    contact = Contact.objects.create(
        organization=editor.organization,
        name="Anna Avoin",
        email="anna@example.org",
        phone="040 765 4321",
        consent=True,
        consent_date=dt.date(2026, 12, 1),
        consent_text_version=CONTACT_CONSENT_TEXT_VERSION,
    )
    assert "anna@example.org" in client.get(page_url(editor.organization)).text
    assert client.get(api_url(editor.organization)).json()["contacts"][0]["name"] == "Anna Avoin"
    client.force_login(UserFactory(email="Anna@example.org"))
    account = client.get(reverse("accounts:account")).text
    assert "Kuoro ry" in account and CONTACT_CONSENT_TEXT_VERSION in account

    response = client.post(
        reverse("selfservice:contact_consent_withdraw", kwargs={"pk": contact.pk}), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("accounts:account")
    contact.refresh_from_db()
    assert not contact.consent and contact.consent_withdrawn_at is not None
    assert "Kuoro ry" not in client.get(reverse("accounts:account")).text
    client.logout()
    page = client.get(page_url(editor.organization)).text
    assert "anna@example.org" not in page and "040 765 4321" not in page
    assert client.get(api_url(editor.organization)).json()["contacts"] == []


@pytest.mark.parametrize("verified", [True, False])
def test_nobody_else_withdraws_the_consent(client, editor, verified):
    contact = Contact.objects.create(
        organization=editor.organization, name="Anna", email="anna@example.org", consent=True
    )
    other = {"email": "someone@example.org"} if verified else {"email_verified_at": None}
    client.force_login(UserFactory(**({"email": "anna@example.org"} | other)))

    response = client.post(
        reverse("selfservice:contact_consent_withdraw", kwargs={"pk": contact.pk})
    )

    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.consent


def test_the_export_holds_the_consent_record_and_deletion_removes_the_rows(editor):
    Contact.objects.create(
        organization=editor.organization,
        name="Anna Avoin",
        email="anna@example.org",
        consent=True,
        consent_text_version=CONTACT_CONSENT_TEXT_VERSION,
    )
    Contact.objects.create(organization=editor.organization, name="Toinen", consent=True)
    person = UserFactory(email="anna@example.org")

    exported = account_export(person)["association_contact_details"]

    assert exported[0]["association"] == editor.organization.public_id
    assert exported[0]["shown_publicly"] is True
    assert exported[0]["consent_text_version"] == CONTACT_CONSENT_TEXT_VERSION
    account_delete(user=person, password=PASSWORD)
    assert list(Contact.objects.values_list("name", flat=True)) == ["Toinen"]


def test_the_privacy_register_lists_association_contacts_under_consent():
    (entry,) = [e for e in personal_data.entries() if "organizations.Contact" in e.models]
    assert entry.legal_basis == LegalBasis.CONSENT
