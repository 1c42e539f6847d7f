"""A Celery worker killed with SIGKILL in the middle of sending an issue: the next worker
resumes the sending, and every recipient gets exactly one copy.

Real Celery workers (core/tests/celery_worker.py) and a real SMTP server (smtp_sink) on
PostgreSQL; skipped on SQLite, whose test database a worker cannot reach.
"""

import datetime as dt
import os

import pytest
from django.conf import settings as settings_module
from django.utils import timezone

from core.tests.celery_worker import Worker, wait_until
from newsletter.models import Delivery, Issue

from .factories import IssueFactory, SubscriberFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="needs PostgreSQL (set DATABASE_URL)",
    ),
]

#: A Redis database of these tests' own (the others are the services' and other tests').
REDIS = "redis://127.0.0.1:6379/15"
SUBSCRIBERS = 40
KILLED_AT = 13  # the message the server is taking when the worker dies
LEASE = 4


@pytest.fixture(params=["filesystem", "redis"])
def broker(request):
    """The embedded default broker, and production's Redis."""
    if request.param == "filesystem":
        yield ""
        return
    import redis

    client = redis.Redis.from_url(REDIS)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    client.flushdb()
    yield REDIS
    client.flushdb()


def test_a_worker_killed_mid_send_is_resumed_by_the_next_one_and_nobody_gets_two_copies(
    tmp_path, smtp_sink, broker
):
    SubscriberFactory.create_batch(SUBSCRIBERS)
    issue = IssueFactory(
        status=Issue.Status.SCHEDULED, send_at=timezone.now() - dt.timedelta(minutes=1)
    )
    folder = tmp_path / "broker"
    settings = {
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
        "NEWSLETTER_RATE_PER_SECOND": "40",
        "NEWSLETTER_BATCH_SIZE": "10",
        "NEWSLETTER_LEASE_SECONDS": str(LEASE),
    }

    # The first worker starts the due issue when it starts, and dies while the mail
    # server takes a message: the sender awaits that answer, with a group under way.
    first = Worker(
        broker_folder=folder, broker_url=broker, log=tmp_path / "worker-1.log", **settings
    )
    smtp_sink.handler.on_message = lambda number: number == KILLED_AT and first.kill()
    try:
        wait_until(lambda: first.process.poll() is not None, seconds=90, what="the kill")
    finally:
        first.stop()
        smtp_sink.handler.on_message = None
    received = len(smtp_sink.messages)
    assert KILLED_AT <= received < SUBSCRIBERS
    assert Issue.objects.get().status == Issue.Status.SENDING

    # A worker comes back and finishes the issue, the dead worker's claims included once
    # their lease has run out.
    second = Worker(
        broker_folder=folder, broker_url=broker, log=tmp_path / "worker-2.log", **settings
    )
    try:
        wait_until(
            lambda: Issue.objects.get().status == Issue.Status.SENT,
            seconds=90,
            what="the issue to be sent",
            worker=second,
        )
    finally:
        second.stop()

    copies = smtp_sink.copies_per_recipient()
    assert len(copies) == SUBSCRIBERS and set(copies.values()) == {1}
    assert set(smtp_sink.copies_per_message_id().values()) == {1}
    statuses = set(Delivery.objects.values_list("status", flat=True))
    assert statuses <= {Delivery.Status.SENT, Delivery.Status.UNCONFIRMED}
    # The group the dead worker had handed over is never offered again (at most one
    # group: as many messages as a sender has SMTP connections), and its recipients
    # have their copy all the same (counted above).
    unconfirmed = Delivery.objects.filter(issue=issue, status=Delivery.Status.UNCONFIRMED)
    assert 0 < unconfirmed.count() <= settings_module.NEWSLETTER_SMTP_CONNECTIONS
