"""Sending an issue: deliveries claimed in batches with a lease, sent a group at a time.

The database, not the broker, decides who sends what: a worker sends only deliveries it
claimed, and checks its claim again (the fence) just before the messages are complete.
So workers on several machines, and a task the broker delivers twice, never send one
message twice. A group is as many messages as the worker has SMTP connections
(NEWSLETTER_SMTP_CONNECTIONS): one fence before their "."s, one record after their
answers. See docs/newsletter.md for the windows that remain.
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
from django.db.models import F, Min, Q
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
    *,
    issue_id: int,
    worker: str,
    size: int | None = None,
    now: dt.datetime | None = None,
    after: int = 0,
) -> tuple[str, list[Delivery]]:
    """Claim up to `size` sendable deliveries for this worker; (claim token, deliveries).

    Sendable: waiting and due, or claimed by a worker whose lease expired before it began
    handing the message over. Deliveries whose worker died while handing over are never
    claimed again (see `sweep_unconfirmed`). `after`: the highest id this worker claimed
    before, where the waiting ones are looked for first (a hint; see below).
    """
    now = now or timezone.now()
    size = size or settings.NEWSLETTER_BATCH_SIZE
    token = f"{worker}:{uuid.uuid4().hex[:8]}"
    lease_until = now + dt.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    due = Q(status=Delivery.Status.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=Delivery.Status.SENDING, lease_until__lt=now, handed_over_at__isnull=True)
    # Each query reads one ordered range of the (issue, status, id) index. The waiting
    # ones are looked for past `after` first: the start of the range is index entries of
    # rows claimed a moment ago, dead until vacuumed, which every claim would otherwise
    # step over again. Only if that finds too few: from the start (retries, rows other
    # workers skipped), then the abandoned ones.
    searches = [due & Q(pk__gt=after)] if after else []
    searches += [due, abandoned]
    ids: list[int] = []
    with transaction.atomic():
        for condition in searches:
            if len(ids) >= size:
                break
            candidates = (
                Delivery.objects.filter(condition, issue_id=issue_id)
                .exclude(pk__in=ids)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if connection.vendor == "postgresql":
                # Rows another worker is claiming right now are skipped, not waited for.
                candidates = candidates.select_for_update(skip_locked=True)
            ids += candidates[: size - len(ids)]
        if ids:
            # The conditions again, in the UPDATE itself: on SQLite this is the claim.
            Delivery.objects.filter(due | abandoned, pk__in=ids, issue_id=issue_id).update(
                status=Delivery.Status.SENDING,
                claimed_by=token,
                lease_until=lease_until,
                attempts=F("attempts") + 1,
            )
    if not ids:
        return token, []
    claimed = list(
        Delivery.objects.filter(pk__in=ids, claimed_by=token, status=Delivery.Status.SENDING)
        .select_related("subscriber")
        .order_by("pk")
    )
    _attach_interests(claimed)
    return token, claimed


def sweep_unconfirmed(*, issue_id: int, now: dt.datetime | None = None) -> int:
    """Deliveries whose worker stopped after handing the message over become "unconfirmed".

    They are never claimed again whatever their status; this only settles them, so the
    issue can be finished. Run before and after a sender's loop.
    """
    now = now or timezone.now()
    return Delivery.objects.filter(
        issue_id=issue_id,
        status=Delivery.Status.SENDING,
        lease_until__lt=now,
        handed_over_at__isnull=False,
    ).update(
        status=Delivery.Status.UNCONFIRMED,
        smtp_response="worker stopped after handing the message over; not sent again",
    )


def _attach_interests(deliveries: list[Delivery]) -> None:
    """Set `delivery.interests`: the subscriber's (topic ids, municipality ids).

    Two plain queries of id pairs per batch; prefetching the related objects costs more
    than rendering the messages.
    """
    found = {d.subscriber_id: (set(), set()) for d in deliveries}
    ids = list(found)
    for position, (field, column) in enumerate(
        (("topics", "topic_id"), ("municipalities", "municipality_id"))
    ):
        through = getattr(Subscriber, field).through.objects
        for start in range(0, len(ids), CHUNK):
            pairs = through.filter(subscriber_id__in=ids[start : start + CHUNK]).values_list(
                "subscriber_id", column
            )
            for subscriber_id, other_id in pairs:
                found[subscriber_id][position].add(other_id)
    for delivery in deliveries:
        topics, municipalities = found[delivery.subscriber_id]
        delivery.interests = (frozenset(topics), frozenset(municipalities))


@dataclasses.dataclass
class Totals:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    fenced: int = 0
    unconfirmed: int = 0

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


class Durability:
    """Which of the sender's commits wait for PostgreSQL's disk (docs/newsletter.md).

    NEWSLETTER_DURABLE_WRITES=True (the default): every write of the sender does, except
    recording that the server accepted a message. That record, if a crash of the
    database server lost it, would leave the delivery handed over and unrecorded, which
    becomes "unconfirmed" and is never sent again, so it need not wait; the fence before
    each "." must, or a lost fence could let a message be sent twice. False: no write
    waits (a database crash may then cost the last fraction of a second of fences).
    SQLite: nothing to choose.
    """

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.durable = settings.NEWSLETTER_DURABLE_WRITES
        self.current: bool | None = None

    def __call__(self, durable: bool = True) -> None:
        """Make the next commits durable (or not, where the setting allows)."""
        wanted = durable and self.durable
        if not self.postgres or self.current is wanted:
            return
        with connection.cursor() as cursor:
            cursor.execute(f"SET synchronous_commit TO {'ON' if wanted else 'OFF'}")
        self.current = wanted


@contextlib.contextmanager
def sender_commits():
    """The sender's session: see Durability. Restores the connection's setting after."""
    durability = Durability()
    durability(True)
    try:
        yield durability
    finally:
        if durability.postgres:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("RESET synchronous_commit")
            except DatabaseError:
                pass  # the connection is gone, and its setting with it


def _sql_time(value: dt.datetime):
    return connection.ops.adapt_datetimefield_value(value)


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def fence_group(*, token: str, deliveries, durability: Durability | None = None) -> set[int]:
    """Mark deliveries as being handed over, if this claim still holds them; their ids.

    One statement for a group: each delivery passes if it is still claimed by `token`,
    not yet handed over, and its subscriber is still active. What passes has
    `handed_over_at` set (and its lease renewed) and is never sent by anyone else; the
    caller must now end those messages, and drop the others without their ".".
    """
    if not deliveries:
        return set()
    now = timezone.now()
    lease_until = now + dt.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    ids = [d.pk for d in deliveries]
    table = connection.ops.quote_name(Delivery._meta.db_table)
    subscribers = connection.ops.quote_name(Subscriber._meta.db_table)
    sql = (
        f"UPDATE {table} SET handed_over_at = %s, lease_until = %s "
        f"WHERE id IN ({_placeholders(ids)}) AND claimed_by = %s AND status = %s "
        "AND handed_over_at IS NULL "
        f"AND EXISTS (SELECT 1 FROM {subscribers} s WHERE s.id = {table}.subscriber_id "
        "AND s.status = %s) RETURNING id"
    )
    params = [_sql_time(now), _sql_time(lease_until), *ids, token, Delivery.Status.SENDING]
    if durability:
        durability(True)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, Subscriber.Status.ACTIVE])
        return {row[0] for row in cursor.fetchall()}


def send_batch(
    *,
    deliveries,
    token: str,
    renderer: IssueRenderer,
    transport: Transport,
    pacer: Pacer,
    durability: Durability | None = None,
) -> Totals:
    """Send claimed deliveries a group at a time; record each group's answers at once."""
    totals = Totals()
    gone = [d.pk for d in deliveries if d.subscriber.status != Subscriber.Status.ACTIVE]
    if gone:
        Delivery.objects.filter(pk__in=gone, claimed_by=token).update(
            status=Delivery.Status.SKIPPED
        )
        totals.skipped += len(gone)
    sendable = [d for d in deliveries if d.subscriber.status == Subscriber.Status.ACTIVE]
    pace = pacer.wait if pacer.interval else None
    for start in range(0, len(sendable), transport.width):
        group = sendable[start : start + transport.width]
        messages = [renderer.outgoing(d.subscriber, interests=d.interests) for d in group]

        def fence(ready, group=group):
            chosen = [group[i] for i in ready]
            passed = fence_group(token=token, deliveries=chosen, durability=durability)
            return {i for i in ready if group[i].pk in passed}

        results = transport.send_group(messages, fence, pace)
        record_results(
            token=token, deliveries=group, results=results, totals=totals, durability=durability
        )
    return totals


def record_results(
    *, token: str, deliveries, results, totals: Totals, durability: Durability | None = None
) -> None:
    """Write what the server answered for a group: one statement for all that were sent."""
    now = timezone.now()
    sent = [(d, r) for d, r in zip(deliveries, results, strict=True) if r.outcome == "sent"]
    if sent:
        if durability:
            durability(False)  # see Durability: losing this record cannot cause a resend
        # Not filtered by claim: an accepted message is sent, whoever holds the row now
        # (after our fence nobody else can take it anyway).
        table = connection.ops.quote_name(Delivery._meta.db_table)
        cases = " ".join(["WHEN %s THEN %s"] * len(sent))
        ids = [d.pk for d, _r in sent]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET status = %s, sent_at = %s, lease_until = NULL, "
                f"smtp_response = CASE id {cases} ELSE smtp_response END "
                f"WHERE id IN ({_placeholders(ids)})",
                [
                    Delivery.Status.SENT,
                    _sql_time(now),
                    *(value for d, r in sent for value in (d.pk, r.response)),
                    *ids,
                ],
            )
        totals.sent += len(sent)
    others = [(d, r) for d, r in zip(deliveries, results, strict=True) if r.outcome != "sent"]
    if others and durability:
        durability(True)
    for delivery, result in others:
        _record_other(token=token, delivery=delivery, result=result, totals=totals, now=now)


def _record_other(*, token: str, delivery: Delivery, result, totals: Totals, now) -> None:
    row = Delivery.objects.filter(pk=delivery.pk, claimed_by=token)
    if result.outcome == "fenced":
        totals.fenced += 1
    elif result.outcome == "unknown":
        # The "." went out and no answer came: maybe accepted. Never sent again.
        row.update(status=Delivery.Status.UNCONFIRMED, smtp_response=result.response)
        totals.unconfirmed += 1
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
    after = 0
    with sender_commits() as durability, contextlib.closing(transport):
        sweep_unconfirmed(issue_id=issue_id)
        while max_batches is None or batches < max_batches:
            durability(True)
            token, deliveries = claim_batch(issue_id=issue_id, worker=worker, after=after)
            if not deliveries:
                sweep_unconfirmed(issue_id=issue_id)
                break
            after = deliveries[-1].pk
            totals.add(
                send_batch(
                    deliveries=deliveries,
                    token=token,
                    renderer=renderer,
                    transport=transport,
                    pacer=pacer,
                    durability=durability,
                )
            )
            batches += 1
    issue_finish_if_done(issue_id=issue_id)
    logger.info("Newsletter %s, worker %s: %s", issue_id, worker, totals)
    return totals
