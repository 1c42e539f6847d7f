"""Bounces and complaints: they stop all further mail to the address.

Accepted as RFC 3464 delivery status notifications (DSN), RFC 5965 abuse reports (ARF),
or a simple JSON payload {"type": "bounce"|"complaint", "email": ..., "message_id": ...}
from a mail provider's webhook.
"""

import datetime as dt
import email
import email.policy
from email.message import EmailMessage

from django.db import transaction
from django.utils import timezone

from ..models import Delivery, Subscriber
from ..rendering import parse_message_id


def subscriber_suppress(
    *, subscriber: Subscriber, status: str, reason: str, now: dt.datetime | None = None
) -> None:
    """No more mail to this address; deliveries not yet sent are skipped."""
    now = now or timezone.now()
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).exclude(
            status=Subscriber.Status.COMPLAINED
        ).update(status=status, suppressed_reason=reason[:500], unsubscribed_at=now)
        Delivery.objects.filter(subscriber_id=subscriber.pk, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SKIPPED
        )


def _subscriber_for(*, address: str = "", message_id: str = "") -> Subscriber | None:
    parsed = parse_message_id(message_id)
    if parsed:
        found = Subscriber.objects.filter(pk=parsed[1]).first()
        if found:
            return found
    address = address.strip().lower()
    if address.startswith("rfc822;"):
        address = address[7:].strip()
    return Subscriber.objects.filter(email=address).first() if address else None


def feedback_record(
    *, kind: str, address: str = "", message_id: str = "", reason: str = ""
) -> bool:
    """Record a hard bounce or a complaint; True if it named one of our subscribers."""
    subscriber = _subscriber_for(address=address, message_id=message_id)
    if subscriber is None:
        return False
    status = Subscriber.Status.COMPLAINED if kind == "complaint" else Subscriber.Status.BOUNCED
    subscriber_suppress(subscriber=subscriber, status=status, reason=reason or kind)
    return True


def _original_message_id(report: EmailMessage) -> str:
    for part in report.walk():
        if part.get_content_type() in ("message/rfc822", "text/rfc822-headers"):
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                inner = payload[0]
            else:
                inner = email.message_from_string(
                    part.get_content() if hasattr(part, "get_content") else str(payload),
                    policy=email.policy.default,
                )
            if inner.get("Message-ID"):
                return str(inner["Message-ID"])
    return ""


def _fields(part) -> list:
    """The header blocks of a message/delivery-status or message/feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return payload
    text = payload if isinstance(payload, str) else ""
    return [email.message_from_string(block) for block in text.split("\n\n") if block.strip()]


def report_process(raw: bytes) -> int:
    """Read a DSN or ARF report; the number of subscribers it stopped mail to."""
    report = email.message_from_bytes(raw, policy=email.policy.default)
    original_id = _original_message_id(report)
    stopped = 0
    for part in report.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            for block in _fields(part):
                action = str(block.get("Action", "")).strip().lower()
                status = str(block.get("Status", "")).strip()
                recipient = str(block.get("Final-Recipient", "") or "")
                if action == "failed" and status.startswith("5"):
                    reason = f"bounce {status} {block.get('Diagnostic-Code', '')}".strip()
                    stopped += feedback_record(
                        kind="bounce", address=recipient, message_id=original_id, reason=reason
                    )
        elif kind == "message/feedback-report":
            blocks = _fields(part)
            block = blocks[0] if blocks else {}
            recipient = str(block.get("Original-Rcpt-To", "") or "")
            feedback_type = str(block.get("Feedback-Type", "abuse"))
            stopped += feedback_record(
                kind="complaint",
                address=recipient,
                message_id=original_id,
                reason=f"complaint ({feedback_type})",
            )
    return stopped
