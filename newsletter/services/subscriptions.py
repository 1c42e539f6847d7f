"""Subscribing with double opt-in, preferences and unsubscribing, all without an account."""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.emails import default_base_url
from municipalities.regions import region_name

from ..models import CONSENT_TEXT_VERSION, Subscriber, SuppressedAddress, address_hash
from ..tokens import confirm_max_age, make_confirm_token, make_manage_token

logger = logging.getLogger(__name__)

#: However often an address is entered, its confirmation link is mailed once in this time:
#: a bot that subscribes a stranger's address over and over fills no inbox.
CONFIRMATION_INTERVAL = dt.timedelta(days=1)


def absolute(path: str) -> str:
    return default_base_url() + path


def manage_urls(subscriber: Subscriber) -> dict[str, str]:
    """The subscriber's preference page and one-click unsubscribe URL, in their language."""
    token = make_manage_token(subscriber)
    with translation.override(subscriber.language):
        return {
            "preferences_url": absolute(reverse("newsletter:preferences", kwargs={"token": token})),
            "unsubscribe_url": absolute(reverse("newsletter:unsubscribe", kwargs={"token": token})),
        }


def subscription_request(
    *, email: str, language: str, topics=(), municipalities=(), now: dt.datetime | None = None
) -> Subscriber | None:
    """Ask for a subscription: e-mail a confirmation link unless the address already subscribes.

    The caller answers the same whatever happened, so the form tells nobody who subscribes.
    Returns the subscriber a link was sent to, or None; an address that got a link less
    than CONFIRMATION_INTERVAL ago gets no other, and its request changes nothing.
    """
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from error
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("Choose Finnish, Swedish or English.")})
    now = now or timezone.now()
    if SuppressedAddress.objects.filter(email_hash=address_hash(email)).exists():
        return None  # bounced or complained before its row was deleted: never mail it again
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber and subscriber.status == Subscriber.Status.ACTIVE:
            # Already subscribed: the owner can change preferences from any issue's link.
            return None
        if subscriber and subscriber.status in (
            Subscriber.Status.BOUNCED,
            Subscriber.Status.COMPLAINED,
        ):
            return None
        if (
            subscriber
            and subscriber.confirmation_sent_at
            and now - subscriber.confirmation_sent_at < CONFIRMATION_INTERVAL
        ):
            return None
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        email=email, language=language, confirmation_sent_at=now
                    )
            except IntegrityError:  # a simultaneous request made it first
                return None
        else:
            subscriber.language = language
            subscriber.status = Subscriber.Status.PENDING
            subscriber.confirmation_sent_at = now
            subscriber.save(update_fields=["language", "status", "confirmation_sent_at"])
        subscriber.topics.set(topics)
        subscriber.municipalities.set(municipalities)
    send_confirmation(subscriber=subscriber, now=now)
    return subscriber


def send_confirmation(*, subscriber: Subscriber, now: dt.datetime) -> None:
    with translation.override(subscriber.language):
        context = {
            "language": subscriber.language,
            "confirm_url": absolute(
                reverse("newsletter:confirm", kwargs={"token": make_confirm_token(subscriber)})
            ),
            "valid_until": now + confirm_max_age(),
            "SITE_NAME": settings.SAKKE_SITE_NAME,
            "REGION_NAME": region_name(),
        }
        subject = _("Confirm your subscription to the %(site)s newsletter") % {
            "site": settings.SAKKE_SITE_NAME
        }
        text = render_to_string("newsletter/email/confirm.txt", context)
        html = render_to_string("newsletter/email/confirm.html", context)
    message = EmailMultiAlternatives(
        subject, text, from_email=settings.NEWSLETTER_FROM_EMAIL, to=[subscriber.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()


def subscription_confirm(*, subscriber: Subscriber, now: dt.datetime | None = None) -> bool:
    """Turn a pending subscription on and record the consent; False if it was not pending."""
    now = now or timezone.now()
    updated = Subscriber.objects.filter(
        pk=subscriber.pk, status__in=[Subscriber.Status.PENDING, Subscriber.Status.UNSUBSCRIBED]
    ).update(
        status=Subscriber.Status.ACTIVE,
        confirmed_at=now,
        consent_at=now,
        consent_text_version=CONSENT_TEXT_VERSION,
        unsubscribed_at=None,
    )
    subscriber.refresh_from_db()
    return bool(updated)


def preferences_update(
    *, subscriber: Subscriber, language: str, topics=(), municipalities=()
) -> None:
    """Change the language and interests of a subscription."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("Choose Finnish, Swedish or English.")})
    with transaction.atomic():
        subscriber.language = language
        subscriber.save(update_fields=["language"])
        subscriber.topics.set(topics)
        subscriber.municipalities.set(municipalities)


def unsubscribe(*, subscriber: Subscriber, now: dt.datetime | None = None) -> None:
    """Stop all mail to the subscriber; deliveries not yet sent are skipped."""
    from ..models import Delivery

    now = now or timezone.now()
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.ACTIVE).update(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now
        )
        Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.PENDING).update(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now
        )
        Delivery.objects.filter(subscriber=subscriber, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SKIPPED
        )
    subscriber.refresh_from_db()


def subscription_of(user) -> Subscriber | None:
    """The subscription with the person's confirmed account address, if any."""
    if not (user.is_authenticated and user.email_verified_at):
        return None
    return Subscriber.objects.filter(email__iexact=user.email).first()


def subscription_erase(*, subscriber: Subscriber) -> None:
    """Delete the subscription now, not after the retention period (the person asked).

    An address that bounced or complained stays as a hash, as the retention job keeps it.
    """
    from ..retention import forget_subscriber

    with transaction.atomic():
        forget_subscriber(subscriber)
