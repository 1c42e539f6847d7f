"""A person sees the survey contacts they agreed to on their account page and withdraws
each there: reminders of an open round, and their association named in the raw data."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import OrganizationEditorFactory, UserFactory
from organizations.tests.factories import OrganizationFactory
from surveys import invitations
from surveys.models import Invitation, Response

from .factories import QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return RoundFactory(survey=QuestionFactory().survey, name="2026")


@pytest.fixture
def invitation(round_):
    return Invitation.objects.create(
        round=round_,
        organization=OrganizationFactory(name="Kallaveden Martat"),
        email="liisa@example.org",
        sent_at=timezone.now(),
    )


def _opt_out_url(invitation):
    token = invitations.opt_out_token(invitation)
    return reverse("surveys:opt_out", kwargs={"token": token})


@pytest.fixture
def named_response(round_):
    person = UserFactory(email="pekka@example.org")
    response = Response.objects.create(
        round=round_,
        organization=OrganizationFactory(name="Tervon Nuorisoseura"),
        status=Response.Status.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=person,
        consent_to_be_named=True,
    )
    return person, response


def test_the_account_page_lists_the_reminders_sent_to_the_persons_address(client, invitation):
    client.force_login(UserFactory(email="Liisa@example.org"))
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Kallaveden Martat" in page
    assert reverse("surveys:opt_out", kwargs={"token": "x"}).rsplit("x/", 1)[0] in page


def test_withdrawing_from_the_account_page_stops_the_reminders(client, invitation):
    client.force_login(UserFactory(email="liisa@example.org"))
    assert client.post(_opt_out_url(invitation)).status_code == 200
    invitation.refresh_from_db()
    assert invitation.opted_out_at is not None
    assert "Kallaveden Martat" not in client.get(reverse("accounts:account")).content.decode()


def test_an_unconfirmed_address_sees_no_survey_contacts(client, invitation):
    client.force_login(UserFactory(email="liisa@example.org", email_verified_at=None))
    assert "Kallaveden Martat" not in client.get(reverse("accounts:account")).content.decode()


def test_the_sender_withdraws_the_naming_and_the_raw_data_uses_a_pseudonym(client, named_response):
    person, response = named_response
    client.force_login(person)
    url = reverse("surveys:naming_consent_withdraw", kwargs={"pk": response.pk})
    assert url in client.get(reverse("accounts:account")).content.decode()
    assert client.post(url).status_code == 302
    response.refresh_from_db()
    assert response.consent_to_be_named is False
    assert url not in client.get(reverse("accounts:account")).content.decode()


def test_an_editor_of_the_association_may_withdraw_the_naming(client, named_response):
    _person, response = named_response
    editor = OrganizationEditorFactory(organization=response.organization).user
    client.force_login(editor)
    url = reverse("surveys:naming_consent_withdraw", kwargs={"pk": response.pk})
    assert client.post(url).status_code == 302
    response.refresh_from_db()
    assert response.consent_to_be_named is False


def test_nobody_else_withdraws_the_naming(client, named_response):
    _person, response = named_response
    client.force_login(UserFactory())
    url = reverse("surveys:naming_consent_withdraw", kwargs={"pk": response.pk})
    assert client.post(url).status_code == 403
    response.refresh_from_db()
    assert response.consent_to_be_named is True
