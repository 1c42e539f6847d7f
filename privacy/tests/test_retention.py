"""Each retention job deletes what is past its period, keeps the rest, and does nothing
more when run again; the clock is frozen (time-machine)."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.test import override_settings

from accounts.models import User
from accounts.tasks import forget_sign_in_records_task, forget_unverified_accounts_task
from accounts.tests.factories import UserFactory
from cards.models import GrantReminderSent
from cards.tasks import forget_past_reminders_task
from cards.tests.factories import GrantPeriodFactory
from moderation.models import Invitation
from moderation.tasks import forget_expired_invitations_task
from moderation.tests.factories import InvitationFactory
from newsletter.models import Delivery, Issue, Subscriber, SuppressedAddress, address_hash
from newsletter.services.subscriptions import subscription_request
from newsletter.tasks import forget_delivery_logs_task, forget_subscribers_task
from newsletter.tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)


def days_later(days):
    return time_machine.travel(START + dt.timedelta(days=days), tick=False)


def unverified_sign_up(email="new@example.org"):
    return User.objects.create_user(email=email, is_active=False)


@override_settings(SAKKE_UNVERIFIED_ACCOUNT_DAYS=30)
def test_an_account_never_confirmed_is_deleted_after_the_period_and_once():
    with days_later(0):
        unverified_sign_up("old@example.org")
        confirmed = UserFactory(email="confirmed@example.org")
    with days_later(20):
        unverified_sign_up("recent@example.org")
    with days_later(31):
        assert forget_unverified_accounts_task() == 1
        assert forget_unverified_accounts_task() == 0
    emails = set(User.objects.values_list("email", flat=True))
    assert emails == {"recent@example.org", confirmed.email}


@override_settings(SAKKE_LOGIN_ATTEMPT_DAYS=90)
def test_sign_in_records_older_than_the_period_are_deleted():
    for days, name in ((0, "old"), (80, "recent")):
        with days_later(days):
            AccessLog.objects.create(username=f"{name}@example.org", ip_address="192.0.2.1")
            AccessAttempt.objects.create(
                username=f"{name}@example.org", ip_address="192.0.2.1", failures_since_start=1
            )
    with days_later(91):
        assert forget_sign_in_records_task() == 2
        assert forget_sign_in_records_task() == 0
    assert set(AccessLog.objects.values_list("username", flat=True)) == {"recent@example.org"}
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"recent@example.org"}


@override_settings(SAKKE_INVITATION_KEEP_DAYS=30)
def test_an_unaccepted_invitation_is_deleted_after_it_expired_and_the_period_passed():
    with days_later(0):
        expired = InvitationFactory(expires_at=START + dt.timedelta(days=14))
        accepted = InvitationFactory(
            expires_at=START + dt.timedelta(days=14), accepted_at=START + dt.timedelta(days=1)
        )
        still_open = InvitationFactory(expires_at=START + dt.timedelta(days=60))
    with days_later(45):
        assert forget_expired_invitations_task() == 1
        assert forget_expired_invitations_task() == 0
    remaining = set(Invitation.objects.values_list("pk", flat=True))
    assert remaining == {accepted.pk, still_open.pk}
    assert expired.pk not in remaining


@override_settings(NEWSLETTER_FORGET_AFTER_DAYS=30)
def test_an_unsubscribed_address_is_deleted_after_the_period_without_a_trace():
    with days_later(0):
        gone = SubscriberFactory(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=START, email="gone@example.org"
        )
        reader = SubscriberFactory(email="reader@example.org")
    with days_later(31):
        assert forget_subscribers_task() == 1
        assert forget_subscribers_task() == 0
    assert list(Subscriber.objects.values_list("email", flat=True)) == [reader.email]
    assert not SuppressedAddress.objects.filter(email_hash=address_hash(gone.email)).exists()


@override_settings(NEWSLETTER_FORGET_AFTER_DAYS=30)
def test_a_subscription_never_confirmed_is_deleted_after_the_period():
    with days_later(0):
        SubscriberFactory(status=Subscriber.Status.PENDING, consent_at=None, confirmed_at=None)
    with days_later(31):
        assert forget_subscribers_task() == 1
    assert not Subscriber.objects.exists()


@override_settings(NEWSLETTER_FORGET_AFTER_DAYS=30)
@pytest.mark.parametrize("status", [Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED])
def test_a_bounced_or_complaining_address_is_kept_only_as_a_hash_and_never_mailed_again(
    status, mailoutbox
):
    with days_later(0):
        SubscriberFactory(email="Spam@Example.org", status=status, unsubscribed_at=START)
    with days_later(31):
        assert forget_subscribers_task() == 1
        assert forget_subscribers_task() == 0
        assert not Subscriber.objects.exists()
        (suppressed,) = SuppressedAddress.objects.all()
        assert suppressed.email_hash == address_hash("spam@example.org")
        assert "spam" not in suppressed.email_hash
        assert subscription_request(email="spam@example.org", language="fi") is None
    assert mailoutbox == []
    assert not Subscriber.objects.exists()


@override_settings(NEWSLETTER_DELIVERY_LOG_DAYS=365)
def test_delivery_logs_of_an_issue_sent_long_ago_are_deleted():
    reader = SubscriberFactory()
    old, recent = (
        Issue.objects.create(
            title=title,
            period_start=START.date(),
            period_end=START.date(),
            status=Issue.Status.SENT,
            sent_at=START + dt.timedelta(days=days),
        )
        for title, days in (("old", 0), ("recent", 300))
    )
    for issue in (old, recent):
        Delivery.objects.create(
            issue=issue, subscriber=reader, status=Delivery.Status.SENT, message_id=issue.title
        )
    with days_later(366):
        assert forget_delivery_logs_task() == 1
        assert forget_delivery_logs_task() == 0
    assert list(Delivery.objects.values_list("issue__title", flat=True)) == ["recent"]


def test_every_retention_job_is_scheduled():
    from config.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "accounts.tasks.forget_unverified_accounts_task",
        "accounts.tasks.forget_sign_in_records_task",
        "moderation.tasks.forget_expired_invitations_task",
        "newsletter.tasks.forget_subscribers_task",
        "newsletter.tasks.forget_delivery_logs_task",
        "cards.tasks.forget_past_reminders_task",
        "programme.tasks.forget_past_reminders_task",
        "surveys.tasks.forget_closed_round_contacts_task",
    } <= tasks


def test_the_record_of_a_grant_reminder_is_deleted_once_its_deadline_is_over():
    user = UserFactory()
    past = GrantPeriodFactory(deadline=START.date() + dt.timedelta(days=10))
    coming = GrantPeriodFactory(deadline=START.date() + dt.timedelta(days=40))
    for period in (past, coming):
        GrantReminderSent.objects.create(user=user, period=period)
    with days_later(11):
        assert forget_past_reminders_task() == 1
        assert forget_past_reminders_task() == 0
    assert list(GrantReminderSent.objects.values_list("period", flat=True)) == [coming.pk]


@override_settings(SAKKE_SURVEY_INVITATION_DAYS=30)
def test_a_closed_rounds_invitations_and_senders_are_forgotten_after_the_period_once():
    from organizations.tests.factories import OrganizationFactory
    from surveys.models import Invitation as SurveyInvitation
    from surveys.models import Response
    from surveys.tasks import forget_closed_round_contacts_task
    from surveys.tests.factories import RoundFactory

    user, organization = UserFactory(), OrganizationFactory()
    with days_later(0):
        closed = RoundFactory(closes_at=START + dt.timedelta(days=10))
        still_open = RoundFactory(name="2027", closes_at=START + dt.timedelta(days=100))
        for round_ in (closed, still_open):
            SurveyInvitation.objects.create(
                round=round_, organization=organization, email="hallitus@example.org"
            )
            Response.objects.create(round=round_, organization=organization, submitted_by=user)
    with days_later(39):
        assert forget_closed_round_contacts_task() == 0
    with days_later(41):
        assert forget_closed_round_contacts_task() == 2
        assert forget_closed_round_contacts_task() == 0
    assert list(SurveyInvitation.objects.values_list("round", flat=True)) == [still_open.pk]
    assert Response.objects.get(round=closed).submitted_by is None
    assert Response.objects.get(round=still_open).submitted_by == user
