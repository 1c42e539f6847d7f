"""Sending: retries, permanent failures, and workers that die mid-send (SQLite, in-process)."""

import asyncio
import datetime as dt
import functools

import pytest
import time_machine
from django.utils import timezone

from newsletter.models import Delivery, Issue, Subscriber
from newsletter.rendering import IssueRenderer
from newsletter.services import sending
from newsletter.services.sending import claim_batch, issue_start_sending, run_sender
from newsletter.services.smtp import Transport

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
    settings.NEWSLETTER_SMTP_CONNECTIONS = 2  # groups of two messages
    issue = sending_issue(6)
    record = sending.record_results
    calls = []

    def die_on_second_group(**kwargs):
        calls.append(1)
        if len(calls) == 2:  # the server has said 250 twice, the database does not know yet
            raise WorkerKilled
        record(**kwargs)

    monkeypatch.setattr(sending, "record_results", die_on_second_group)
    with pytest.raises(WorkerKilled):
        run_sender(issue_id=issue.pk)
    monkeypatch.setattr(sending, "record_results", record)
    run_sender(issue_id=issue.pk)  # the lease has not expired: nothing to claim
    assert len(smtp_sink.messages) == 4
    with later(settings.NEWSLETTER_LEASE_SECONDS + 1):
        run_sender(issue_id=issue.pk)
    assert set(smtp_sink.copies_per_recipient().values()) == {1}
    assert len(smtp_sink.messages) == 6
    assert set(smtp_sink.copies_per_message_id().values()) == {1}
    statuses = sorted(Delivery.objects.values_list("status", flat=True))
    assert statuses.count(Delivery.Status.UNCONFIRMED) == 2
    assert statuses.count(Delivery.Status.SENT) == 4
    assert Issue.objects.get().status == Issue.Status.SENT


def test_a_worker_killed_before_the_end_of_a_message_lets_it_be_sent_again_once(
    smtp_sink, monkeypatch, settings
):
    settings.NEWSLETTER_SMTP_CONNECTIONS = 2
    issue = sending_issue(4)
    fence = sending.fence_group
    calls = []

    def die_in_second_group(**kwargs):
        calls.append(1)
        if len(calls) == 2:  # both bodies are out, their final "." are not
            raise WorkerKilled
        return fence(**kwargs)

    monkeypatch.setattr(sending, "fence_group", die_in_second_group)
    with pytest.raises(WorkerKilled):
        run_sender(issue_id=issue.pk)
    monkeypatch.setattr(sending, "fence_group", fence)
    assert len(smtp_sink.messages) == 2
    with later(settings.NEWSLETTER_LEASE_SECONDS + 1):
        run_sender(issue_id=issue.pk)
    assert len(smtp_sink.messages) == 4
    assert set(smtp_sink.copies_per_recipient().values()) == {1}
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_a_group_ends_the_messages_that_pass_the_fence_and_drops_the_others(smtp_sink, settings):
    settings.NEWSLETTER_SMTP_CONNECTIONS = 3
    issue = sending_issue(6)
    token, deliveries = claim_batch(issue_id=issue.pk, worker="w")
    leaving = deliveries[1].subscriber
    # Unsubscribed after the claim, while the message is on its way: the fence stops it.
    Subscriber.objects.filter(pk=leaving.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    transport = Transport()
    try:
        totals = sending.send_batch(
            deliveries=deliveries,
            token=token,
            renderer=IssueRenderer(issue),
            transport=transport,
            pacer=sending.Pacer(0),
        )
    finally:
        transport.close()
    assert (totals.sent, totals.fenced) == (5, 1)
    assert len(smtp_sink.messages) == 5
    assert leaving.email not in smtp_sink.copies_per_recipient()
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 5


def test_a_message_whose_answer_never_comes_is_not_sent_again(smtp_sink, settings):
    settings.EMAIL_TIMEOUT = 1
    issue = sending_issue(2)
    slow = Subscriber.objects.order_by("pk").first()
    handler = smtp_sink.handler
    take = handler.handle_DATA

    async def accept_then_stall(server, session, envelope):
        answer = await take(server, session, envelope)
        if slow.email in envelope.rcpt_tos:
            await asyncio.sleep(2)  # the message is taken; the answer comes too late
        return answer

    handler.handle_DATA = accept_then_stall
    run_sender(issue_id=issue.pk)
    assert len(smtp_sink.messages) == 2
    delivery = Delivery.objects.get(subscriber=slow)
    assert delivery.status == Delivery.Status.UNCONFIRMED
    assert "no answer" in delivery.smtp_response
    handler.handle_DATA = take
    with later(settings.NEWSLETTER_MAX_ATTEMPTS * settings.NEWSLETTER_LEASE_SECONDS):
        run_sender(issue_id=issue.pk)
    assert len(smtp_sink.messages) == 2
    assert Issue.objects.get().status == Issue.Status.SENT


def test_a_connection_the_server_no_longer_serves_is_opened_again(smtp_sink, settings):
    issue = sending_issue(2)
    mails = []

    async def handle_MAIL(server, session, envelope, address, mail_options):
        mails.append(address)
        if len(mails) == 2:  # e.g. the server's idle timeout
            return "421 Too long idle, closing"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    smtp_sink.handler.handle_MAIL = handle_MAIL
    token, (first, second) = claim_batch(issue_id=issue.pk, worker="w")
    transport = Transport(connections=1)
    send = functools.partial(
        sending.send_batch,
        token=token,
        renderer=IssueRenderer(issue),
        transport=transport,
        pacer=sending.Pacer(0),
    )
    try:
        assert send(deliveries=[first]).sent == 1
        assert send(deliveries=[second]).sent == 1  # on a new connection, same attempt
    finally:
        transport.close()
    assert len(mails) == 3
    assert len(smtp_sink.messages) == 2
    assert Delivery.objects.get(pk=second.pk).attempts == 1


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
    assert sending.fence_group(token=token, deliveries=[delivery]) == set()


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
