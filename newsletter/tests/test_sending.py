"""Sending: retries, permanent failures, and workers that die mid-send (SQLite, in-process)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from newsletter.models import Delivery, Issue, Subscriber
from newsletter.services import sending
from newsletter.services.sending import claim_batch, issue_start_sending, run_sender

from .factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands for SIGKILL: no except clause of the sender handles it."""


def sending_issue(subscribers=5):
    for _n in range(subscribers):
        SubscriberFactory()
    issue = IssueFactory()
    issue_start_sending(issue=issue)
    return issue


def later(seconds):
    return time_machine.travel(timezone.now() + dt.timedelta(seconds=seconds), tick=True)


def test_a_temporary_failure_is_retried_later_with_backoff(smtp_sink, settings):
    issue = sending_issue(1)
    address = Subscriber.objects.get().email
    smtp_sink.handler.rcpt_replies[address] = ["451 Try again later"]
    run_sender(issue_id=issue.pk)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.smtp_response.startswith("451")
    assert smtp_sink.messages == []
    run_sender(issue_id=issue.pk)  # not yet due
    assert smtp_sink.messages == []
    with later(settings.NEWSLETTER_RETRY_DELAY_SECONDS + 1):
        run_sender(issue_id=issue.pk)
    assert len(smtp_sink.messages) == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT
    assert Issue.objects.get().status == Issue.Status.SENT


def test_a_permanent_failure_stops_all_mail_to_the_address(smtp_sink):
    issue = sending_issue(2)
    gone = Subscriber.objects.first()
    smtp_sink.handler.rcpt_replies[gone.email] = ["550 No such user"]
    run_sender(issue_id=issue.pk)
    assert Delivery.objects.get(subscriber=gone).status == Delivery.Status.FAILED
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.BOUNCED
    assert "550" in gone.suppressed_reason
    assert len(smtp_sink.messages) == 1
    next_issue = IssueFactory()
    issue_start_sending(issue=next_issue)
    assert not next_issue.deliveries.filter(subscriber=gone).exists()


def test_a_worker_killed_after_the_server_accepted_does_not_cause_a_second_copy(
    smtp_sink, monkeypatch, settings
):
    issue = sending_issue(6)
    record = sending.record_result
    calls = []

    def die_on_third(**kwargs):
        calls.append(1)
        if len(calls) == 3:  # the server has said 250, the database does not know yet
            raise WorkerKilled
        record(**kwargs)

    monkeypatch.setattr(sending, "record_result", die_on_third)
    with pytest.raises(WorkerKilled):
        run_sender(issue_id=issue.pk)
    monkeypatch.setattr(sending, "record_result", record)
    run_sender(issue_id=issue.pk)  # the lease has not expired: nothing to claim
    assert len(smtp_sink.messages) == 3
    with later(settings.NEWSLETTER_LEASE_SECONDS + 1):
        run_sender(issue_id=issue.pk)
    assert set(smtp_sink.copies_per_recipient().values()) == {1}
    assert len(smtp_sink.messages) == 6
    assert set(smtp_sink.copies_per_message_id().values()) == {1}
    statuses = sorted(Delivery.objects.values_list("status", flat=True))
    assert statuses.count(Delivery.Status.UNCONFIRMED) == 1
    assert statuses.count(Delivery.Status.SENT) == 5
    assert Issue.objects.get().status == Issue.Status.SENT


def test_a_worker_killed_before_the_end_of_a_message_lets_it_be_sent_again_once(
    smtp_sink, monkeypatch, settings
):
    issue = sending_issue(4)
    fence = sending._fence
    calls = []

    def die_in_third_message(delivery, token):
        inner = fence(delivery, token)

        def check():
            calls.append(1)
            if len(calls) == 3:  # the body is out, the final "." is not
                raise WorkerKilled
            return inner()

        return check

    monkeypatch.setattr(sending, "_fence", die_in_third_message)
    with pytest.raises(WorkerKilled):
        run_sender(issue_id=issue.pk)
    monkeypatch.setattr(sending, "_fence", fence)
    assert len(smtp_sink.messages) == 2
    with later(settings.NEWSLETTER_LEASE_SECONDS + 1):
        run_sender(issue_id=issue.pk)
    assert len(smtp_sink.messages) == 4
    assert set(smtp_sink.copies_per_recipient().values()) == {1}
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_two_workers_never_claim_the_same_delivery(settings):
    issue = sending_issue(10)
    _token_a, first = claim_batch(issue_id=issue.pk, worker="a", size=6)
    _token_b, second = claim_batch(issue_id=issue.pk, worker="b", size=6)
    assert len(first) == 6 and len(second) == 4
    assert not {d.pk for d in first} & {d.pk for d in second}


def test_a_delivery_whose_worker_lost_its_lease_is_not_sent_by_that_worker(smtp_sink, settings):
    issue = sending_issue(1)
    token, (delivery,) = claim_batch(issue_id=issue.pk, worker="slow")
    with later(settings.NEWSLETTER_LEASE_SECONDS + 1):
        _token, reclaimed = claim_batch(issue_id=issue.pk, worker="fast")
    assert [d.pk for d in reclaimed] == [delivery.pk]
    assert sending._fence(delivery, token)() is False


def test_an_unsubscribe_during_sending_skips_the_address(smtp_sink):
    issue = sending_issue(2)
    leaving = Subscriber.objects.first()
    Subscriber.objects.filter(pk=leaving.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    run_sender(issue_id=issue.pk)
    assert Delivery.objects.get(subscriber=leaving).status == Delivery.Status.SKIPPED
    assert len(smtp_sink.messages) == 1


def test_the_rate_limit_spaces_the_messages(smtp_sink, settings):
    settings.NEWSLETTER_RATE_PER_SECOND = 20
    issue = sending_issue(5)
    import time

    started = time.monotonic()
    run_sender(issue_id=issue.pk)
    assert time.monotonic() - started >= 4 / 20
