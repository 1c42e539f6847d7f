"""Real processes on PostgreSQL: a sender killed with SIGKILL, and two senders at once.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakke_newsletter; skipped on SQLite.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from newsletter.models import Delivery, Issue
from newsletter.services.sending import issue_start_sending, run_sender

from .factories import IssueFactory, SubscriberFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="needs PostgreSQL (set DATABASE_URL)",
    ),
]


def sender(issue_id, sink, **env):
    name = connection.settings_dict["NAME"]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "NEWSLETTER_RATE_PER_SECOND": "0",
        "NEWSLETTER_BATCH_SIZE": "5",
        "LOG_LEVEL": "WARNING",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_newsletter_batch", str(issue_id)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
    )


def sending_issue(subscribers):
    SubscriberFactory.create_batch(subscribers)
    issue = IssueFactory()
    issue_start_sending(issue=issue)
    return issue


def test_a_sender_killed_with_sigkill_mid_send_leaves_every_recipient_one_copy(smtp_sink, settings):
    issue = sending_issue(30)
    process = sender(issue.pk, smtp_sink, NEWSLETTER_RATE_PER_SECOND="100")

    def kill_after_twelve(number):
        if number == 12:  # the server has the message; the sender awaits its answer
            os.kill(process.pid, signal.SIGKILL)

    smtp_sink.handler.on_message = kill_after_twelve
    assert process.wait(timeout=60) == -signal.SIGKILL
    smtp_sink.handler.on_message = None
    assert 12 <= len(smtp_sink.messages) < 30
    with time_machine.travel(
        timezone.now() + dt.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS + 1), tick=True
    ):
        run_sender(issue_id=issue.pk)
    assert len(smtp_sink.copies_per_recipient()) == 30
    assert set(smtp_sink.copies_per_recipient().values()) == {1}
    assert set(smtp_sink.copies_per_message_id().values()) == {1}
    assert not Delivery.objects.filter(
        status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    ).exists()
    assert Issue.objects.get().status == Issue.Status.SENT


def test_two_senders_at_once_never_send_a_message_twice(smtp_sink):
    issue = sending_issue(120)
    # Each sender paced to 40 messages a second: alone, one would need 3 s, so the other
    # joins in however slowly its process starts on a busy machine.
    processes = [sender(issue.pk, smtp_sink, NEWSLETTER_RATE_PER_SECOND="40") for _n in range(2)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    assert len(smtp_sink.messages) == 120
    assert set(smtp_sink.copies_per_recipient().values()) == {1}
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 120
    workers = set(Delivery.objects.values_list("claimed_by", flat=True))
    assert len({w.rsplit(":", 1)[0] for w in workers}) == 2  # both took part
