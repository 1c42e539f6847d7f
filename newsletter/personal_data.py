"""The personal data of the newsletter, for the privacy notice."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.consents import Consent, ConsentAction, register_consents
from accounts.gdpr import register_eraser, register_exporter
from core.personal_data import LegalBasis, PersonalData, register


def _subscriber_retention() -> str:
    return gettext(
        "While the subscription lasts. %(days)d days after unsubscribing (or after a "
        "subscription was left unconfirmed) the address is deleted; an address that "
        "bounced or reported the newsletter as spam is kept only as a one-way hash, so no "
        "mail is sent to it again."
    ) % {"days": settings.NEWSLETTER_FORGET_AFTER_DAYS}


def _delivery_retention() -> str:
    return gettext("%(days)d days after the issue was sent.") % {
        "days": settings.NEWSLETTER_DELIVERY_LOG_DAYS
    }


register(
    PersonalData(
        key="newsletter_subscribers",
        models=("newsletter.Subscriber", "newsletter.SuppressedAddress"),
        what=_("Newsletter subscribers: e-mail address, language, interests, time of consent."),
        purpose=_("Sending the newsletter the person asked for."),
        legal_basis=LegalBasis.CONSENT,
        retention=_subscriber_retention,
        recipients=_("The coordinator of the service and the mail server that sends it."),
    ),
    PersonalData(
        key="newsletter_deliveries",
        models=("newsletter.Delivery",),
        what=_("Which issue was sent to which subscriber, and the mail server's answer."),
        purpose=_("Sending each issue once to each subscriber, and noticing addresses that fail."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_delivery_retention,
        recipients=_("Nobody outside the service."),
    ),
    PersonalData(
        key="newsletter_editors",
        models=("newsletter.Issue", "newsletter.Offer"),
        what=_("Who put together a newsletter issue, offered an item for it, or decided on it."),
        purpose=_("Knowing who did what in preparing the newsletter."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_(
            "As long as the issue is kept; the link to the person goes when the account is deleted."
        ),
        recipients=_("Nobody outside the service."),
    ),
)


@register_exporter
def newsletter_subscription(user) -> dict:
    """A subscription with the account's address (subscribing needs no account)."""
    from .models import Subscriber

    subscriber = Subscriber.objects.filter(email__iexact=user.email).first()
    if subscriber is None:
        return {"newsletter": None}
    return {
        "newsletter": {
            "email": subscriber.email,
            "status": subscriber.status,
            "language": subscriber.language,
            "topics": [str(topic) for topic in subscriber.topics.all()],
            "municipalities": [m.code for m in subscriber.municipalities.all()],
            "subscribed_at": subscriber.created_at,
            "consent_at": subscriber.consent_at,
            "consent_text_version": subscriber.consent_text_version,
            "unsubscribed_at": subscriber.unsubscribed_at,
        }
    }


@register_eraser
def forget_newsletter_subscription(user) -> None:
    """Deleting the account deletes a subscription with its address too (a bounced or
    complaining one stays as a hash, like the retention job keeps it)."""
    from .models import Subscriber
    from .retention import forget_subscriber

    for subscriber in Subscriber.objects.filter(email__iexact=user.email):
        forget_subscriber(subscriber)


@register_consents
def newsletter_consent(user) -> list[Consent]:
    """The subscription with the account's address: stop it, or delete it with its address."""
    from .models import Subscriber
    from .services.subscriptions import subscription_of

    subscriber = subscription_of(user)
    if subscriber is None:
        return []
    erase = ConsentAction(
        url=reverse("newsletter:account_erase"),
        label=_("Delete my subscription and address"),
        danger=True,
    )
    actions = [erase]
    if subscriber.status in (Subscriber.Status.ACTIVE, Subscriber.Status.PENDING):
        stop = ConsentAction(url=reverse("newsletter:account_unsubscribe"), label=_("Unsubscribe"))
        actions = [stop, erase]
    return [
        Consent(
            what=_("The newsletter to %(email)s.") % {"email": subscriber.email},
            given_at=subscriber.consent_at,
            text_version=subscriber.consent_text_version,
            status=subscriber.get_status_display(),
            actions=actions,
        )
    ]
