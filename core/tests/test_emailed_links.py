"""Every kind of e-mail the service sends links to the base URL, and each link opens.

One test per kind of message: it is sent the way the service sends it (a form, a
coordinator's button, a scheduled task), and every link in its text, its HTML and its
List-Unsubscribe header is opened as the recipient would open it. A one-time link may
redirect once it is used; the page it leads to must answer too. That every link starts
with SAKKE_BASE_URL is checked for the whole test suite (core.tests.mail_links).
"""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import MunicipalityEditorFactory, UserFactory
from cards.services import send_grant_reminders
from cards.tests.factories import CardFactory, GrantFactory, GrantPeriodFactory, SubscriptionFactory
from config.celery import app as celery_app
from cooperation.alerts import digests_send, follow_save, reminders_send
from cooperation.tests.factories import ConsultationFactory
from events.tests.factories import EventFactory
from freshness.services import send_confirmation_reminder
from newsletter.models import Issue
from newsletter.tasks import dispatch_due_issues_task
from newsletter.tests.factories import IssueFactory, OfferFactory, SubscriberFactory
from organizations.tests.factories import OrganizationFactory
from programme.models import MeasureStatus, MeasureUpdate, PartyKind
from programme.reminders import send_programme_reminders
from programme.tests.factories import MeasureFactory, ResponsibilityFactory, TaskFactory
from selfservice.tests.factories import coordinator, editor_of
from surveys.tasks import send_invitations_task, send_reminders_task
from surveys.tests.factories import QuestionFactory, RoundFactory
from taxonomy.tests.factories import TopicFactory

from .mail_links import LinkCheck, emailed_links, links_elsewhere

pytestmark = pytest.mark.django_db

BASE_URL = "https://jarjestot.example.fi"


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.SAKKE_BASE_URL = BASE_URL  # not the test client's host: links follow the setting
    settings.NEWSLETTER_RATE_PER_SECOND = 0


def opened_as(recipient=None) -> Client:
    client = Client()
    if recipient is not None:
        client.force_login(recipient)
    return client


def posted(client: Client, path: str, data: dict) -> None:
    """POST as a form does; what is sent once the transaction commits is sent."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(path, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def assert_every_link_opens(messages, client: Client | None = None) -> int:
    """Open each link of the messages; each must answer 200, after at most a few redirects."""
    client = client or opened_as()
    opened = 0
    for message in messages:
        links = emailed_links(message)
        assert links, f"no links in {message.subject!r}"
        for link in links:
            assert link.startswith(BASE_URL + "/"), f"{message.subject!r} links {link}"
            response = client.get(link.removeprefix(BASE_URL), follow=True)
            assert response.status_code == 200, (
                f"{message.subject!r}: {link} answered {response.status_code}"
                f" after {response.redirect_chain}"
            )
            opened += 1
    return opened


# Accounts ------------------------------------------------------------------------------


def test_the_sign_up_confirmation_link_opens():
    Client().post(reverse("accounts:sign_up"), {"name": "Liisa", "email": "liisa@example.org"})
    assert assert_every_link_opens(mail.outbox) == 1


def test_the_links_for_one_who_signs_up_again_open():
    UserFactory(email="liisa@example.org")
    Client().post(reverse("accounts:sign_up"), {"name": "Liisa", "email": "liisa@example.org"})
    assert assert_every_link_opens(mail.outbox) == 2


def test_the_sign_in_link_opens():
    UserFactory(email="liisa@example.org")
    Client().post(reverse("accounts:login_link"), {"email": "liisa@example.org"})
    assert assert_every_link_opens(mail.outbox) == 1


def test_the_password_reset_link_opens():
    UserFactory(email="liisa@example.org")
    Client().post(reverse("accounts:password_reset"), {"email": "liisa@example.org"})
    assert assert_every_link_opens(mail.outbox) == 1


# Newsletter ----------------------------------------------------------------------------


def test_the_newsletter_confirmation_link_opens():
    Client().post(
        reverse("newsletter:subscribe"),
        {"email": "lukija@example.org", "language": "fi", "consent": "on"},
    )
    (message,) = mail.outbox
    assert assert_every_link_opens([message]) >= 1


def test_the_links_of_an_issue_open_and_its_list_unsubscribe_header_too():
    SubscriberFactory(email="lukija@example.org", language="fi")
    event = EventFactory()
    issue = IssueFactory(title_fi="Joulukuu", status=Issue.Status.SCHEDULED, send_at=timezone.now())
    issue.events.add(event)
    OfferFactory(issue=issue, title="Joulumyyjäiset")
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True  # the tasks run where queued, as a worker would
    try:
        assert dispatch_due_issues_task() == 1
    finally:
        celery_app.conf.task_always_eager = previous
    (message,) = mail.outbox
    assert "List-Unsubscribe" in message.extra_headers
    links = emailed_links(message)
    with translation.override("fi"):
        assert BASE_URL + event.get_absolute_url() in links
    assert assert_every_link_opens([message]) == len(links)


# The coordinator's reminders and decisions ----------------------------------------------


def test_the_links_of_a_freshness_reminder_open():
    organization = OrganizationFactory()
    volunteer = editor_of(organization)
    assert send_confirmation_reminder(organization=organization) == 1
    assert assert_every_link_opens(mail.outbox, opened_as(volunteer)) >= 2


def test_the_links_of_a_reminder_the_coordinator_sends_from_the_stale_list_open():
    organization = OrganizationFactory()
    volunteer = editor_of(organization)
    desk = opened_as(coordinator())
    desk.post(reverse("freshness:remind", kwargs={"pk": organization.pk}))
    assert assert_every_link_opens(mail.outbox, opened_as(volunteer)) >= 2


def test_the_links_of_a_card_reminder_open():
    role = MunicipalityEditorFactory(municipality=CardFactory().municipality)
    desk = opened_as(coordinator())
    desk.post(reverse("cards:remind", kwargs={"slug": role.municipality.slug}))
    assert assert_every_link_opens(mail.outbox, opened_as(role.user)) == 2


@time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False)
def test_the_links_of_a_grant_reminder_open():
    grant = GrantFactory(url="")  # a grant without a page of its own links to its card
    GrantPeriodFactory(grant=grant, deadline=dt.date(2026, 3, 10))
    user = UserFactory()
    SubscriptionFactory(user=user, days_before=12)
    assert send_grant_reminders(today=dt.date(2026, 3, 2)) == 1
    assert assert_every_link_opens(mail.outbox, opened_as(user)) == 3


def test_the_links_of_a_claim_and_its_decision_open():
    desk = coordinator()
    organization = OrganizationFactory()
    volunteer = UserFactory()
    posted(
        opened_as(volunteer),
        reverse("moderation:claim", kwargs={"public_id": organization.public_id}),
        {"message": "Olen sihteeri."},
    )
    received = list(mail.outbox)
    assert [m.to for m in received] == [[desk.email]]
    claim = organization.claims.get()
    posted(
        opened_as(desk),
        reverse("moderation:claim_decide", kwargs={"pk": claim.pk}),
        {"action": "approve", "message": "Tervetuloa."},
    )
    decided = mail.outbox[len(received) :]
    assert [m.to for m in decided] == [[volunteer.email]]
    assert assert_every_link_opens(received, opened_as(desk)) == 1  # the queue
    assert assert_every_link_opens(decided, opened_as(volunteer)) == 2


def test_the_links_of_an_invitation_open():
    card = CardFactory()
    posted(
        opened_as(coordinator()),
        reverse("moderation:invite_municipality", kwargs={"slug": card.municipality.slug}),
        {"email": "yhteys@kunta.example.fi"},
    )
    (message,) = mail.outbox
    invited = UserFactory(email="yhteys@kunta.example.fi")
    assert assert_every_link_opens([message], opened_as(invited)) == 2


def test_the_link_of_a_declined_item_opens():
    organization = OrganizationFactory()
    volunteer = editor_of(organization)
    event = EventFactory(organizers=[organization], publication_status="pending")
    posted(
        opened_as(coordinator()),
        reverse(
            "moderation:content_decide", kwargs={"kind": "event", "public_id": event.public_id}
        ),
        {"action": "decline", "message": "Ei sovi palveluun."},
    )
    (message,) = mail.outbox
    assert message.to == [volunteer.email]
    assert assert_every_link_opens([message], opened_as(volunteer)) == 1


# Scheduled alerts ------------------------------------------------------------------------

MONDAY = dt.datetime(2027, 1, 4, 6, 0, tzinfo=dt.UTC)


@time_machine.travel(MONDAY, tick=False)
def test_the_links_of_a_consultation_digest_and_reminder_open():
    topic = TopicFactory()
    organization = OrganizationFactory()
    volunteer = editor_of(organization)
    follow_save(
        user=volunteer,
        organization=organization,
        topics=[topic],
        municipalities=[],
        frequency="daily",
        reminders=True,
    )
    ConsultationFactory(deadline=MONDAY.date() + dt.timedelta(days=7), topics=[topic])
    assert digests_send() == 1
    assert reminders_send() == 1
    assert assert_every_link_opens(mail.outbox, opened_as(volunteer)) >= 5


@time_machine.travel(dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC))
def test_the_links_of_a_programme_reminder_open():
    measure = MeasureFactory(
        start_year=2026, start_period=2, end_year=2027, status=MeasureStatus.IN_PROGRESS
    )
    MeasureUpdate.objects.create(
        measure=measure, date=dt.date(2026, 6, 1), status="in_progress", text="-", party="-"
    )
    association = OrganizationFactory()
    ResponsibilityFactory(
        measure=measure, kind=PartyKind.ASSOCIATION, organization=association, name=""
    )
    volunteer = editor_of(association)
    TaskFactory(measure=measure, due_date=dt.date(2026, 6, 20))
    assert send_programme_reminders() == 1
    assert assert_every_link_opens(mail.outbox, opened_as(volunteer)) >= 2


def test_the_links_of_a_survey_invitation_and_reminder_open():
    round_ = RoundFactory(survey=QuestionFactory().survey)
    OrganizationFactory(email="yhdistys@example.org")
    assert send_invitations_task(round_.pk) == 1
    with time_machine.travel(round_.closes_at - dt.timedelta(days=3)):
        assert send_reminders_task() == 1
    assert assert_every_link_opens(mail.outbox) == 4


def test_accessibility_feedback_carries_no_link_elsewhere():
    Client().post(reverse("privacy:accessibility"), {"message": "Liian pieni teksti."})
    (message,) = mail.outbox
    assert all(link.startswith(BASE_URL) for link in emailed_links(message))


# The suite-wide check itself ---------------------------------------------------------------


def test_the_check_finds_links_to_another_host_in_text_html_and_list_unsubscribe():
    message = EmailMultiAlternatives(
        "Hei",
        f"Vahvista: http://127.0.0.1:8000/fi/vahvista/x/\nLue: {BASE_URL}/fi/uutiset/",
        headers={"List-Unsubscribe": "<http://testserver/fi/peru/x/>"},
    )
    message.attach_alternative('<a href="/fi/asetukset/">Asetukset</a>', "text/html")
    assert links_elsewhere(message, BASE_URL) == [
        "http://127.0.0.1:8000/fi/vahvista/x/",
        "/fi/asetukset/",
        "http://testserver/fi/peru/x/",
    ]


def test_the_check_fails_the_test_whose_mail_links_elsewhere_unless_the_test_says_so():
    check, excused = LinkCheck(), LinkCheck(allowed=["https://kunta.example.fi/"])
    message = EmailMultiAlternatives(
        "Avustus", "https://kunta.example.fi/avustukset", to=["a@b.fi"]
    )
    for each in (check, excused):
        each.wrap(lambda backend, messages: len(messages))(None, [message])
    assert len(check.wrong) == 1 and excused.wrong == []
