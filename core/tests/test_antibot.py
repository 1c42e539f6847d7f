"""Every public form refuses a bot that fills the honeypot, posts too fast, too often, or
without solving the proof of work: with a clear message, no rows written, no mail sent."""

import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import mail
from django.urls import reverse

from accounts.forms import EmailOnlyForm, PasswordResetForm, SignUpForm
from accounts.models import User
from accounts.tests.factories import UserFactory
from core import antibot
from moderation.forms import ClaimNewForm
from moderation.models import Claim
from municipalities.tests.factories import MunicipalityFactory
from newsletter.forms import SubscribeForm
from newsletter.models import Subscriber
from privacy.forms import AccessibilityFeedbackForm
from surveys.forms import OpenLinkAntiBotForm
from surveys.models import QuestionKind, Response
from surveys.tests.factories import QuestionFactory, RoundFactory, SectionFactory

pytestmark = pytest.mark.django_db


@dataclass
class PublicForm:
    name: str
    form_class: type
    # Builds what the form needs; returns its URL and a person's answers.
    setup: Callable
    # What a sent form changes: rows and e-mails.
    state: Callable = lambda: (len(mail.outbox),)
    address_field: str | None = "email"


def subscribe(client):
    data = {"email": "lukija@example.org", "language": "fi", "consent": "on"}
    return reverse("newsletter:subscribe"), data


def sign_up(client):
    return reverse("accounts:sign_up"), {"name": "Maija", "email": "maija@example.org"}


def login_link(client):
    UserFactory(email="maija@example.org")
    return reverse("accounts:login_link"), {"email": "maija@example.org"}


def password_reset(client):
    UserFactory(email="maija@example.org")
    return reverse("accounts:password_reset"), {"email": "maija@example.org"}


def feedback(client):
    data = {"message": "Kartta ei toimi näppäimistöllä.", "email": "palaute@example.org"}
    return reverse("privacy:accessibility"), data


def survey_open_link(client):
    section = SectionFactory()
    QuestionFactory(section=section, key="members", kind=QuestionKind.TEXT, version="Mitä?")
    round_ = RoundFactory(survey=section.survey, open_link=True)
    url = reverse("surveys:answer_open", args=[round_.survey.slug, round_.pk])
    return url, {"page": 1, "action": "save", "q_members": "hello"}


def new_association(client):
    client.force_login(UserFactory())
    data = {
        "name": "Rautalammin Ratsastajat ry",
        "municipality": MunicipalityFactory().pk,
        "business_id": "0123456-2",
        "email": "ratsastajat@example.org",
    }
    return reverse("moderation:claim_new"), data


FORMS = [
    PublicForm(
        "newsletter",
        SubscribeForm,
        subscribe,
        lambda: (Subscriber.objects.count(), len(mail.outbox)),
    ),
    PublicForm("sign-up", SignUpForm, sign_up, lambda: (User.objects.count(), len(mail.outbox))),
    PublicForm("login-link", EmailOnlyForm, login_link),
    PublicForm("password-reset", PasswordResetForm, password_reset),
    PublicForm("accessibility-feedback", AccessibilityFeedbackForm, feedback),
    PublicForm(
        "survey-open-link",
        OpenLinkAntiBotForm,
        survey_open_link,
        lambda: (Response.objects.count(),),
        address_field=None,
    ),
    PublicForm(
        "new-association",
        ClaimNewForm,
        new_association,
        lambda: (Claim.objects.count(), len(mail.outbox)),
        address_field="business_id",
    ),
]
each_form = pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
ADDRESS_FORMS = [f for f in FORMS if f.address_field]


def fresh_stamp():
    return antibot.make_stamp(time.time() - 60)


@each_form
def test_a_person_who_fills_in_the_form_gets_through(client, form):
    url, data = form.setup(client)
    before = form.state()
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    assert form.state() != before


@each_form
def test_a_bot_filling_the_honeypot_is_refused_and_changes_nothing(client, form):
    url, data = form.setup(client)
    before = form.state()
    response = client.post(url, {**data, antibot.HONEYPOT: "https://spam.example"})
    assert response.status_code == 400
    assert "looked like it was filled in by a program" in response.text
    assert form.state() == before


@each_form
def test_a_bot_posting_sooner_than_a_person_can_is_refused_and_changes_nothing(
    client, form, settings
):
    settings.SAKKE_ANTIBOT_MIN_SECONDS = 3
    url, data = form.setup(client)
    before = form.state()
    response = client.post(url, {**data, antibot.STAMP: antibot.make_stamp()})
    assert response.status_code == 400
    assert "faster than a person can fill it in" in response.text
    assert form.state() == before


@each_form
def test_a_post_without_a_genuine_time_stamp_is_refused(client, form):
    url, data = form.setup(client)
    before = form.state()
    forged = antibot.make_stamp()[:-3] + "abc"
    for stamp in ("", forged):
        response = client.post(url, {**data, antibot.STAMP: stamp})
        assert response.status_code == 400
        assert "came from an old page" in response.text
    assert form.state() == before


@each_form
def test_a_bot_posting_too_often_from_one_address_is_refused_and_changes_nothing(
    client, form, monkeypatch
):
    monkeypatch.setattr(form.form_class, "antibot_ip_rate", "2/h")
    url, data = form.setup(client)
    for _n in range(2):
        client.post(url, data)
    before = form.state()
    response = client.post(url, data)
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert form.state() == before


@pytest.mark.parametrize("form", ADDRESS_FORMS, ids=[f.name for f in ADDRESS_FORMS])
def test_one_target_address_posted_from_many_ips_is_refused_and_changes_nothing(
    client, form, monkeypatch
):
    monkeypatch.setattr(form.form_class, "antibot_address_rate", "2/h")
    url, data = form.setup(client)
    for n in range(2):
        client.post(url, data, REMOTE_ADDR=f"192.0.2.{n + 1}")
    before = form.state()
    response = client.post(url, data, REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert form.state() == before


@each_form
def test_with_proof_of_work_on_a_post_without_a_solution_is_refused(client, form, settings):
    settings.SAKKE_ANTIBOT_POW = True
    url, data = form.setup(client)
    before = form.state()
    response = client.post(url, data)
    assert response.status_code == 400
    assert "anti-spam check of the form did not finish" in response.text
    assert form.state() == before


@each_form
def test_with_proof_of_work_on_a_solved_challenge_gets_through(client, form, settings):
    settings.SAKKE_ANTIBOT_POW = True
    settings.SAKKE_ANTIBOT_POW_MAX_NUMBER = 200
    url, data = form.setup(client)
    page = client.get(url)
    assert "data-antibot-challenge" in page.text
    assert "js/antibot.js" in page.text
    before = form.state()
    solution = antibot.solve(antibot.make_challenge())
    response = client.post(url, {**data, antibot.POW: solution})
    assert response.status_code in (200, 302)
    assert form.state() != before


def test_a_solution_counts_once(settings):
    settings.SAKKE_ANTIBOT_POW_MAX_NUMBER = 200
    solution = antibot.solve(antibot.make_challenge())
    assert antibot.verify_solution(solution)
    assert not antibot.verify_solution(solution)


def test_a_challenge_not_signed_by_this_site_is_not_accepted(settings):
    settings.SAKKE_ANTIBOT_POW_MAX_NUMBER = 200
    challenge = antibot.make_challenge()
    challenge["signature"] = "0" * 64
    assert not antibot.verify_solution(antibot.solve(challenge))


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    html = client.get(reverse("newsletter:subscribe")).text
    trap = html[html.index('class="antibot-trap"') - 5 :]
    trap = trap[: trap.index("</div>")]
    assert 'aria-hidden="true"' in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap
    assert 'name="form_started"' in html


def test_a_refused_form_is_shown_again_with_a_new_stamp_and_the_answers_kept(client, settings):
    settings.SAKKE_ANTIBOT_MIN_SECONDS = 3
    url, data = subscribe(client)
    old = antibot.make_stamp(time.time() - 1)
    response = client.post(url, {**data, antibot.STAMP: old})
    assert "lukija@example.org" in response.text
    assert old not in response.text
