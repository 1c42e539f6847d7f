"""Invitations and reminders by e-mail: each once, none after opting out or answering."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.tests.factories import UserFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from surveys import invitations, services
from surveys.models import Invitation
from surveys.tasks import send_invitations_task, send_reminders_task

from .factories import QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    question = QuestionFactory()
    return RoundFactory(survey=question.survey)


def test_invitations_go_to_the_segment_once_however_often_the_task_runs(round_):
    kuopio, other = MunicipalityFactory(), MunicipalityFactory()
    round_.segment_municipalities.set([kuopio])
    inside = OrganizationFactory(municipalities=[kuopio], email="in@example.org")
    OrganizationFactory(municipalities=[other], email="out@example.org")
    OrganizationFactory(municipalities=[kuopio], email="")
    assert send_invitations_task(round_.pk) == 1
    assert send_invitations_task(round_.pk) == 0
    assert [m.to for m in mail.outbox] == [["in@example.org"]]
    invitation = Invitation.objects.get(organization=inside)
    answer_url = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    token = answer_url.rstrip("/").rsplit("/", 1)[1]
    assert services.invitation_from_token(token) == invitation
    assert invitation.sent_at is not None


def test_a_reminder_goes_once_near_the_close_to_those_who_have_not_answered(round_):
    answered, silent, opted = (OrganizationFactory() for _n in range(3))
    send_invitations_task(round_.pk)
    response = services.response_get_or_start(round_=round_, organization=answered)
    services.response_save(response=response, questions=[], values={}, submit=True)
    invitations.opt_out(invitation=Invitation.objects.get(organization=opted))
    mail.outbox.clear()
    assert send_reminders_task() == 0  # two weeks to go, reminders start a week before
    with time_machine.travel(round_.closes_at - dt.timedelta(days=3)):
        assert send_reminders_task() == 1
        assert send_reminders_task() == 0
    assert [m.to for m in mail.outbox] == [[silent.email]]


def test_the_opt_out_link_asks_before_it_stops_the_reminders(client, round_):
    organization = OrganizationFactory()
    send_invitations_task(round_.pk)
    invitation = Invitation.objects.get(organization=organization)
    url = reverse("surveys:opt_out", args=[invitations.opt_out_token(invitation)])
    assert client.get(url).status_code == 200
    invitation.refresh_from_db()
    assert invitation.opted_out_at is None
    client.post(url)
    invitation.refresh_from_db()
    assert invitation.opted_out_at is not None
    assert invitation.opted_out_at <= timezone.now()


def test_reminders_and_the_next_invitation_go_in_the_language_the_association_used(client, round_):
    organization = OrganizationFactory(email="yhdistys@example.org")
    send_invitations_task(round_.pk)
    invitation = Invitation.objects.get(organization=organization)
    assert invitation.language == ""  # not known yet: the site's language, Finnish
    with translation.override("fi"):
        finnish = gettext("You are invited to answer: %(name)s") % {"name": round_.survey.name_fi}
    assert mail.outbox[0].subject == finnish
    token = services.invitation_token(invitation)
    with translation.override("sv"):
        swedish_link = reverse("surveys:answer_invited", args=[token])
        reminder_subject = gettext("Reminder: %(name)s closes soon") % {
            "name": round_.survey.name_sv
        }
        invitation_subject = gettext("You are invited to answer: %(name)s") % {
            "name": round_.survey.name_sv
        }
    assert client.get(swedish_link).status_code == 200
    invitation.refresh_from_db()
    assert invitation.language == "sv"
    mail.outbox.clear()
    with time_machine.travel(round_.closes_at - dt.timedelta(days=3)):
        assert send_reminders_task() == 1
    assert mail.outbox[0].subject == reminder_subject
    assert "/sv/" in mail.outbox[0].body
    # The association's next invitation is in Swedish from the start.
    next_round = RoundFactory(survey=round_.survey, name="2028")
    mail.outbox.clear()
    send_invitations_task(next_round.pk)
    assert [m.subject for m in mail.outbox] == [invitation_subject]
    assert Invitation.objects.get(round=next_round).language == "sv"


def test_an_invitation_goes_in_the_language_an_account_behind_it_states(round_):
    organization = OrganizationFactory(email="kontakt@example.org")
    person = UserFactory(email="kontakt@example.org")
    assert invitations.known_language(organization, organization.email, {}) == ""
    assert invitations.accounts_language([person]) == ""
    person.language = "en"  # where the account keeps its own language
    assert invitations.accounts_language([UserFactory(), person]) == "en"
    previous = {organization.pk: "sv"}
    assert invitations.known_language(organization, organization.email, previous) == "sv"
