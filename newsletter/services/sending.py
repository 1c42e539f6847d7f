"""Sending an issue: deliveries claimed in batches with a lease, sent, recorded one by one.

The database, not the broker, decides who sends what: a worker sends only deliveries it
claimed, and checks its claim again (the fence) just before the message is complete.
So workers on several machines, and a task the broker delivers twice, never send one
message twice. See docs/newsletter.md for the one window that remains.
"""

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import socket
import time
import uuid

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, F, Min, OuterRef, Q
from django.utils import timezone

from ..models import Delivery, Issue, Subscriber
from ..rendering import IssueRenderer, message_id
from ..selectors import recipients
from .smtp import Transport

logger = logging.getLogger(__name__)

CHUNK = 2000


def issue_start_sending(*, issue: Issue, now: dt.datetime | None = None) -> int:
    """Create a delivery per active subscriber and mark the issue as being sent.

    Safe to call again: existing deliveries are kept (one per issue and subscriber).
    Returns the number of deliveries of the issue.
    """
    now = now or timezone.now()
    with transaction.atomic():
        Issue.objects.filter(
            pk=issue.pk, status__in=[Issue.Status.DRAFT, Issue.Status.SCHEDULED]
        ).update(status=Issue.Status.SENDING, sending_started_at=now)
        ids = recipients().values_list("pk", flat=True).order_by("pk")
        batch = []
        for subscriber_id in ids.iterator(chunk_size=CHUNK):
            batch.append(
                Delivery(
                    issue_id=issue.pk,
                    subscriber_id=subscriber_id,
                    message_id=message_id(issue.pk, subscriber_id),
                )
            )
            if len(batch) >= CHUNK:
                Delivery.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        Delivery.objects.bulk_create(batch, ignore_conflicts=True)
    issue.refresh_from_db()
    return issue.deliveries.count()


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_batch(
    *, issue_id: int, worker: str, size: int | None = None, now: dt.datetime | None = None
) -> tuple[str, list[Delivery]]:
    """Claim up to `size` sendable deliveries for this worker; (claim token, deliveries).

    Sendable: waiting (and due), or claimed by a worker whose lease expired before it
    began handing the message over. Deliveries whose worker died while handing over
    become "unconfirmed" and are not sent again.
    """
    now = now or timezone.now()
    size = size or settings.NEWSLETTER_BATCH_SIZE
    token = f"{worker}:{uuid.uuid4().hex[:8]}"
    lease_until = now + dt.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    expired = Q(status=Delivery.Status.SENDING, lease_until__lt=now)
    Delivery.objects.filter(expired, issue_id=issue_id, handed_over_at__isnull=False).update(
        status=Delivery.Status.UNCONFIRMED,
        smtp_response="worker stopped after handing the message over; not sent again",
    )
    sendable = Delivery.objects.filter(
        Q(status=Delivery.Status.PENDING)
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        | expired & Q(handed_over_at__isnull=True),
        issue_id=issue_id,
    )
    with transaction.atomic():
        candidates = sendable.order_by("pk").values_list("pk", flat=True)
        if connection.vendor == "postgresql":
            # Rows another worker is claiming right now are skipped, not waited for.
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates[:size])
        # The conditions again, in the UPDATE itself: on SQLite this is the claim.
        sendable.filter(pk__in=ids).update(
            status=Delivery.Status.SENDING,
            claimed_by=token,
            lease_until=lease_until,
            attempts=F("attempts") + 1,
        )
    claimed = (
        Delivery.objects.filter(claimed_by=token, status=Delivery.Status.SENDING)
        .select_related("subscriber")
        .prefetch_related("subscriber__topics", "subscriber__municipalities")
        .order_by("pk")
    )
    return token, list(claimed)


@dataclasses.dataclass
class Totals:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    fenced: int = 0

    def add(self, other: "Totals"):
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


class Pacer:
    """At most `rate` messages a second from this worker (0: no limit)."""

    def __init__(self, rate: float):
        self.interval = 1 / rate if rate and rate > 0 else 0
        self.next = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        now = time.monotonic()
        if self.next > now:
            time.sleep(self.next - now)
        self.next = max(self.next, now) + self.interval


@contextlib.contextmanager
def relaxed_commits():
    """While sending, commits do not wait for PostgreSQL's disk.

    A crash of the database server (not of a worker) may lose its last fraction of a
    second of commits; docs/newsletter.md says what that means for each write.
    NEWSLETTER_DURABLE_WRITES=True makes every write wait for the disk instead.
    """
    relax = connection.vendor == "postgresql" and not settings.NEWSLETTER_DURABLE_WRITES
    if relax:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        if relax:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("RESET synchronous_commit")
            except DatabaseError:
                pass  # the connection is gone, and its setting with it


def _fence(delivery: Delivery, token: str):
    def fence() -> bool:
        now = timezone.now()
        return bool(
            Delivery.objects.filter(
                Exists(
                    Subscriber.objects.filter(
                        pk=OuterRef("subscriber_id"), status=Subscriber.Status.ACTIVE
                    )
                ),
                pk=delivery.pk,
                claimed_by=token,
                status=Delivery.Status.SENDING,
                handed_over_at__isnull=True,
            ).update(
                handed_over_at=now,
                lease_until=now + dt.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS),
            )
        )

    return fence


def send_batch(
    *, deliveries, token: str, renderer: IssueRenderer, transport: Transport, pacer: Pacer
) -> Totals:
    """Send claimed deliveries and record each answer as soon as the server gives it."""
    totals = Totals()
    for delivery in deliveries:
        subscriber = delivery.subscriber
        if subscriber.status != Subscriber.Status.ACTIVE:
            Delivery.objects.filter(pk=delivery.pk, claimed_by=token).update(
                status=Delivery.Status.SKIPPED
            )
            totals.skipped += 1
            continue
        pacer.wait()
        result = transport.send(renderer.outgoing(subscriber), _fence(delivery, token))
        record_result(delivery=delivery, result=result, totals=totals)
    return totals


def record_result(*, delivery: Delivery, result, totals: Totals) -> None:
    now = timezone.now()
    row = Delivery.objects.filter(pk=delivery.pk)
    if result.outcome == "sent":
        # Not filtered by claim: an accepted message is sent, whoever holds the row now.
        row.update(
            status=Delivery.Status.SENT,
            smtp_response=result.response,
            sent_at=now,
            lease_until=None,
        )
        totals.sent += 1
    elif result.outcome == "fenced":
        totals.fenced += 1
    elif result.outcome == "temporary" and delivery.attempts < settings.NEWSLETTER_MAX_ATTEMPTS:
        delay = settings.NEWSLETTER_RETRY_DELAY_SECONDS * 2 ** (delivery.attempts - 1)
        row.update(
            status=Delivery.Status.PENDING,
            smtp_response=result.response,
            handed_over_at=None,
            claimed_by="",
            lease_until=None,
            next_attempt_at=now + dt.timedelta(seconds=delay),
        )
        totals.retried += 1
    else:
        row.update(status=Delivery.Status.FAILED, smtp_response=result.response)
        if result.outcome == "permanent":
            from .feedback import subscriber_suppress

            subscriber_suppress(
                subscriber=delivery.subscriber,
                status=Subscriber.Status.BOUNCED,
                reason=result.response,
            )
        totals.failed += 1


def issue_finish_if_done(*, issue_id: int, now: dt.datetime | None = None) -> bool:
    """Mark the issue sent once no delivery waits or is being sent."""
    unfinished = Delivery.objects.filter(
        issue_id=issue_id, status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    )
    if unfinished.exists():
        return False
    Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(
        status=Issue.Status.SENT, sent_at=now or timezone.now()
    )
    return True


def next_check_in(*, issue_id: int) -> float | None:
    """Seconds until something of the issue may be sendable again (a retry or an expired lease)."""
    now = timezone.now()
    times = Delivery.objects.filter(issue_id=issue_id).aggregate(
        retry=Min("next_attempt_at", filter=Q(status=Delivery.Status.PENDING)),
        lease=Min("lease_until", filter=Q(status=Delivery.Status.SENDING)),
    )
    due = [t for t in times.values() if t is not None]
    if not due:
        return None
    return max(1.0, (min(due) - now).total_seconds() + 1)


def run_sender(
    *, issue_id: int, worker: str | None = None, max_batches: int | None = None
) -> Totals:
    """Claim and send batches of the issue until none is left to claim by this worker."""
    issue = Issue.objects.get(pk=issue_id)
    renderer = IssueRenderer(issue)
    transport = Transport()
    pacer = Pacer(settings.NEWSLETTER_RATE_PER_SECOND)
    worker = worker or worker_name()
    totals = Totals()
    batches = 0
    with relaxed_commits(), contextlib.closing(transport):
        while max_batches is None or batches < max_batches:
            token, deliveries = claim_batch(issue_id=issue_id, worker=worker)
            if not deliveries:
                break
            totals.add(
                send_batch(
                    deliveries=deliveries,
                    token=token,
                    renderer=renderer,
                    transport=transport,
                    pacer=pacer,
                )
            )
            batches += 1
    issue_finish_if_done(issue_id=issue_id)
    logger.info("Newsletter %s, worker %s: %s", issue_id, worker, totals)
    return totals
