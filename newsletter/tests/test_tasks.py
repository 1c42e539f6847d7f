"""The periodic jobs: the beat schedule, and the newsletter's dispatch task it runs."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from config.celery import app
from newsletter.models import Delivery, Issue
from newsletter.services.sending import claim_batch, issue_start_sending
from newsletter.tasks import dispatch_due_issues_task

from .factories import IssueFactory, OfferFactory, SubscriberFactory

HELSINKI = dt.timezone(dt.timedelta(hours=2))
NOW = dt.datetime(2026, 12, 1, 7, 0, tzinfo=HELSINKI)


@pytest.fixture
def eager(settings):
    """Tasks run where they are queued, as a worker would run them."""
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_the_beat_schedule_names_only_registered_tasks():
    app.loader.import_default_modules()
    names = {entry["task"] for entry in app.conf.beat_schedule.values()}
    # The newsletter's own jobs are scheduled (each app's tests check theirs) ...
    assert {
        "newsletter.tasks.dispatch_due_issues_task",
        "newsletter.tasks.forget_subscribers_task",
        "newsletter.tasks.forget_delivery_logs_task",
    } <= names
    # ... and every scheduled name is a task a worker knows.
    assert names <= set(app.tasks)


@pytest.mark.django_db
def test_the_dispatch_task_sends_an_issue_whose_time_has_come(eager, clock):
    readers = SubscriberFactory.create_batch(3)
    due = IssueFactory(
        title_fi="Joulukuu", status=Issue.Status.SCHEDULED, send_at=NOW - dt.timedelta(minutes=1)
    )
    OfferFactory(issue=due, title="Joulumyyjäiset")
    later = IssueFactory(
        title_fi="Tammikuu", status=Issue.Status.SCHEDULED, send_at=NOW + dt.timedelta(hours=1)
    )

    assert dispatch_due_issues_task() == 1

    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    assert all("Joulukuu" in m.subject for m in mail.outbox)
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == Issue.Status.SENT
    assert later.status == Issue.Status.SCHEDULED
    assert dispatch_due_issues_task() == 0  # nothing twice
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_the_dispatch_task_resumes_an_issue_only_when_its_senders_stopped(eager, clock, settings):
    SubscriberFactory.create_batch(4)
    issue = IssueFactory(status=Issue.Status.SCHEDULED, send_at=NOW)
    issue_start_sending(issue=issue)
    # A sender on another machine holds two deliveries, then stops answering.
    claim_batch(issue_id=issue.pk, worker="elsewhere", size=2)

    dispatch_due_issues_task()
    assert mail.outbox == []  # someone is at work on the issue: no second sender

    clock.shift(dt.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS + 1))
    dispatch_due_issues_task()
    assert len(mail.outbox) == 4  # its lease ran out: the issue is sent, each once
    assert len({m.to[0] for m in mail.outbox}) == 4
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_an_issue_scheduled_while_the_broker_is_down_is_started_by_the_periodic_job(
    eager, clock, monkeypatch
):
    """Redis stopped: the coordinator's request succeeds, and beat starts the issue later."""
    from kombu.exceptions import OperationalError

    from accounts.tests.factories import UserFactory
    from newsletter.services.issues import issue_schedule
    from newsletter.tasks import start_issue_task

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    SubscriberFactory(email="lukija@example.org")
    issue = IssueFactory()
    coordinator = UserFactory(is_coordinator=True)
    with monkeypatch.context() as patched:
        patched.setattr(start_issue_task, "apply_async", broker_down)
        issue_schedule(user=coordinator, issue=issue, send_at=NOW)

    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    assert mail.outbox == []

    dispatch_due_issues_task.delay()  # beat's run once the broker is back

    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert [message.to for message in mail.outbox] == [["lukija@example.org"]]
