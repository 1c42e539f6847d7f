"""A person sees each consent they gave on their account page and withdraws it there."""

import pytest
from django.urls import reverse

from accounts.tests.factories import MunicipalityEditorFactory, UserFactory
from cards.models import CONTACT_CONSENT_TEXT_VERSION, CardContact
from cards.tests.factories import CardContactFactory
from newsletter.models import Delivery, Subscriber
from newsletter.tests.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def card_url(contact):
    return reverse("cards:detail", kwargs={"slug": contact.card.municipality.slug})


def test_saving_a_consenting_contact_records_who_recorded_it_and_the_wording(client):
    editor = MunicipalityEditorFactory()
    municipality = editor.municipality
    client.force_login(editor.user)
    data = {
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Anna Avoin",
        "contacts-0-email": "anna@kunta.example.fi",
        "contacts-0-consent": "on",
        "premises-TOTAL_FORMS": "0",
        "premises-INITIAL_FORMS": "0",
    }

    client.post(reverse("cards:edit", kwargs={"slug": municipality.slug}), data)

    contact = CardContact.objects.get(card__municipality=municipality)
    assert contact.consent_recorded_by == editor.user
    assert contact.consent_text_version == CONTACT_CONSENT_TEXT_VERSION
    assert contact.consent_date is not None and contact.consent_withdrawn_at is None


def test_the_person_withdraws_their_contact_consent_and_the_card_hides_them_at_once(client):
    contact = CardContactFactory(email="anna@kunta.example.fi", phone="040 123 4567")
    person = UserFactory(email="Anna@kunta.example.fi")
    assert "anna@kunta.example.fi" in client.get(card_url(contact)).text
    client.force_login(person)
    assert "Hide my contact details" in client.get(reverse("accounts:account")).text

    response = client.post(
        reverse("cards:contact_consent_withdraw", kwargs={"pk": contact.pk}), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("accounts:account")
    contact.refresh_from_db()
    assert not contact.consent and contact.consent_withdrawn_at is not None
    client.logout()
    page = client.get(card_url(contact)).text
    assert "anna@kunta.example.fi" not in page and "040 123 4567" not in page
    api = client.get(f"/api/v1/municipality_card/{contact.card.municipality.code}/").json()
    assert api["contacts"] == []


def test_nobody_else_withdraws_a_contact_persons_consent(client):
    contact = CardContactFactory(email="anna@kunta.example.fi")
    client.force_login(UserFactory(email="someone@example.org"))

    response = client.post(reverse("cards:contact_consent_withdraw", kwargs={"pk": contact.pk}))

    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.consent


def test_an_unconfirmed_address_neither_sees_nor_withdraws_the_consent(client):
    contact = CardContactFactory(email="anna@kunta.example.fi")
    client.force_login(UserFactory(email="anna@kunta.example.fi", email_verified_at=None))

    assert "Hide my contact details" not in client.get(reverse("accounts:account")).text
    response = client.post(reverse("cards:contact_consent_withdraw", kwargs={"pk": contact.pk}))

    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.consent


def test_the_account_page_shows_the_newsletter_consent_with_its_date_and_wording(client):
    subscriber = SubscriberFactory(email="maija@example.org")
    client.force_login(UserFactory(email="maija@example.org"))

    page = client.get(reverse("accounts:account")).text

    assert "maija@example.org" in page
    assert subscriber.consent_text_version in page
    assert reverse("newsletter:account_unsubscribe") in page
    assert reverse("newsletter:account_erase") in page


def test_the_person_unsubscribes_from_their_account_page(client):
    subscriber = SubscriberFactory(email="maija@example.org")
    issue = IssueFactory()
    Delivery.objects.create(issue=issue, subscriber=subscriber)
    client.force_login(UserFactory(email="maija@example.org"))

    response = client.post(reverse("newsletter:account_unsubscribe"))

    assert response["Location"] == reverse("accounts:account")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert Delivery.objects.get().status == Delivery.Status.SKIPPED


def test_the_person_erases_their_subscription_from_their_account_page(client):
    SubscriberFactory(email="maija@example.org")
    client.force_login(UserFactory(email="maija@example.org"))

    client.post(reverse("newsletter:account_erase"))

    assert not Subscriber.objects.filter(email="maija@example.org").exists()


def test_withdrawing_a_subscription_one_does_not_have_finds_nothing(client):
    SubscriberFactory(email="someone@example.org")
    client.force_login(UserFactory(email="maija@example.org"))

    assert client.post(reverse("newsletter:account_erase")).status_code == 404
    assert client.post(reverse("newsletter:account_unsubscribe")).status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE


def test_withdrawal_takes_a_post_from_a_signed_in_person(client):
    response = client.post(reverse("newsletter:account_erase"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(UserFactory())
    assert client.get(reverse("newsletter:account_erase")).status_code == 405


def test_the_data_export_holds_the_contact_consent_record(client):
    CardContactFactory(email="anna@kunta.example.fi", consent_text_version="2026-12-1")
    client.force_login(UserFactory(email="anna@kunta.example.fi"))

    data = client.post(reverse("accounts:export")).json()

    [row] = data["municipal_contact_details"]
    assert row["shown_publicly"] is True
    assert row["consent_text_version"] == "2026-12-1"
