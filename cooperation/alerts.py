"""Consultation alerts: digests of new matching consultations and deadline reminders.

Each alert is recorded (AlertSent) before its e-mail goes, in one transaction with the
others of the same message; a message that cannot be sent removes its records, so it
is tried again next time and never sent twice. A follow with no topics and no
municipalities matches nothing; an unsubscribed one gets nothing.
"""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.emails import default_base_url, recipient_language, templated_email

from .models import AlertKind, AlertSent, Consultation, Follow, Frequency
from .permissions import may_act_for

logger = logging.getLogger(__name__)

REMINDER_DAYS = 7
#: Weekly digests go out on this weekday (0 = Monday).
WEEKLY_DIGEST_WEEKDAY = 0


def follow_save(
    *, user, organization=None, topics, municipalities, frequency: str, reminders: bool
) -> Follow:
    """Follow topics and municipalities, for oneself or for one's own association."""
    if not (user and user.is_authenticated):
        raise PermissionDenied
    if organization is not None and not may_act_for(user, organization):
        raise PermissionDenied(_("You may follow consultations only for your own association."))
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Choose daily or weekly.")})
    if not user.email:
        raise ValidationError(_("Your account has no e-mail address."))
    with transaction.atomic():
        follow, _created = Follow.objects.update_or_create(
            user=user,
            organization=organization,
            defaults={
                "email": user.email,
                "frequency": frequency,
                "reminders": reminders,
                "unsubscribed_at": None,
            },
        )
        follow.topics.set(topics)
        follow.municipalities.set(municipalities)
    return follow


def follow_unsubscribe(*, follow: Follow) -> None:
    """Stop every alert of this follow (one click, from the e-mail)."""
    if follow.unsubscribed_at is None:
        follow.unsubscribed_at = timezone.now()
        follow.save(update_fields=["unsubscribed_at"])


def active_follows() -> QuerySet[Follow]:
    return (
        Follow.objects.filter(unsubscribed_at=None)
        .filter(Q(topics__isnull=False) | Q(municipalities__isnull=False))
        .distinct()
        .select_related("user", "organization")
        .prefetch_related("topics", "municipalities")
    )


def matching(follow: Follow, consultations: QuerySet[Consultation]) -> QuerySet[Consultation]:
    """The consultations sharing a topic or a municipality with what `follow` follows."""
    topic_ids = [t.pk for t in follow.topics.all()]
    municipality_ids = [m.pk for m in follow.municipalities.all()]
    if not topic_ids and not municipality_ids:
        return consultations.none()
    return consultations.filter(
        Q(topics__in=topic_ids) | Q(municipalities__in=municipality_ids)
    ).distinct()


def _not_yet_sent(follow: Follow, kind: str, consultations):
    sent = AlertSent.objects.filter(follow=follow, kind=kind).values("consultation_id")
    return consultations.exclude(pk__in=sent)


def _digest_due(follow: Follow, today: dt.date) -> bool:
    if follow.frequency == Frequency.WEEKLY and today.weekday() != WEEKLY_DIGEST_WEEKDAY:
        return False
    return follow.last_digest_at is None or timezone.localdate(follow.last_digest_at) < today


def _message(follow: Follow, template: str, consultations: list[Consultation]):
    base = default_base_url()
    with translation.override(recipient_language(follow.user)):
        # Inside the override: the links go to the pages in the recipient's language.
        unsubscribe_url = base + reverse("cooperation:unsubscribe", args=[follow.token])
        context = {
            "follow": follow,
            "consultations": consultations,
            "base_url": base,
            "unsubscribe_url": unsubscribe_url,
            "radar_url": base + reverse("cooperation:consultations"),
        }
        message = templated_email(template, context, to=follow.email)
    message.extra_headers.update(
        {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    )
    return message


def _send_once(follow: Follow, kind: str, consultations: list[Consultation], template) -> bool:
    """Record, then send; a failed send forgets its records so that it is tried again."""
    with transaction.atomic():
        records = AlertSent.objects.bulk_create(
            [AlertSent(follow=follow, consultation=c, kind=kind) for c in consultations]
        )
    try:
        _message(follow, template, consultations).send()
    except Exception:
        logger.exception("Could not send the consultation %s to %s", kind, follow.email)
        AlertSent.objects.filter(pk__in=[r.pk for r in records]).delete()
        return False
    return True


def digests_send(*, now: dt.datetime | None = None) -> int:
    """Send the digests that are due today; how many e-mails were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_ones = Consultation.objects.filter(Q(deadline__gte=today) | Q(deadline__isnull=True))
    sent = 0
    for follow in active_follows():
        if not _digest_due(follow, today):
            continue
        found = list(
            _not_yet_sent(follow, AlertKind.DIGEST, matching(follow, open_ones)).order_by(
                "deadline", "title"
            )
        )
        if found and _send_once(follow, AlertKind.DIGEST, found, "cooperation/email/digest"):
            sent += 1
            follow.last_digest_at = now
            follow.save(update_fields=["last_digest_at"])
    return sent


def reminders_send(*, today: dt.date | None = None) -> int:
    """Remind of deadlines within a week (once per consultation and follower)."""
    today = today or timezone.localdate()
    closing = Consultation.objects.filter(
        deadline__gte=today, deadline__lte=today + dt.timedelta(days=REMINDER_DAYS)
    )
    sent = 0
    for follow in active_follows().filter(reminders=True):
        found = list(
            _not_yet_sent(follow, AlertKind.REMINDER, matching(follow, closing)).order_by(
                "deadline"
            )
        )
        if found and _send_once(follow, AlertKind.REMINDER, found, "cooperation/email/reminder"):
            sent += 1
    return sent
