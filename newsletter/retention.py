"""Forgetting subscribers when their time has passed (a periodic job, newsletter.tasks).

An address that unsubscribed, or never confirmed, is deleted NEWSLETTER_FORGET_AFTER_DAYS
later; one that bounced or complained is deleted too, but its hash stays in the
suppression list so that a new subscription to it is never mailed. Delivery rows of
issues sent more than NEWSLETTER_DELIVERY_LOG_DAYS ago are deleted.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Delivery, Issue, Subscriber, SuppressedAddress, address_hash

SUPPRESSED = {
    Subscriber.Status.BOUNCED: SuppressedAddress.Reason.BOUNCED,
    Subscriber.Status.COMPLAINED: SuppressedAddress.Reason.COMPLAINED,
}


def forget_subscribers(*, now: dt.datetime | None = None) -> int:
    """Delete subscribers past the period; the number deleted. Safe to run again."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.NEWSLETTER_FORGET_AFTER_DAYS)
    ended = Q(status__in=[Subscriber.Status.UNSUBSCRIBED, *SUPPRESSED], unsubscribed_at__lt=cutoff)
    unconfirmed = Q(status=Subscriber.Status.PENDING, created_at__lt=cutoff)
    deleted = 0
    with transaction.atomic():
        for subscriber in Subscriber.objects.filter(ended | unconfirmed).select_for_update():
            forget_subscriber(subscriber)
            deleted += 1
    return deleted


def forget_subscriber(subscriber: Subscriber) -> None:
    """Delete the subscriber and its deliveries; keep the hash of an address that bounced
    or complained, so it is never mailed again."""
    if subscriber.status in SUPPRESSED:
        SuppressedAddress.objects.get_or_create(
            email_hash=address_hash(subscriber.email),
            defaults={"reason": SUPPRESSED[subscriber.status]},
        )
    subscriber.delete()  # its deliveries go with it


def forget_delivery_logs(*, now: dt.datetime | None = None) -> int:
    """Delete the delivery rows of issues sent long ago; the number deleted."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.NEWSLETTER_DELIVERY_LOG_DAYS)
    old_issues = Issue.objects.filter(status=Issue.Status.SENT, sent_at__lt=cutoff)
    deleted, _by_model = Delivery.objects.filter(issue__in=old_issues).delete()
    return deleted
