"""The personal data of municipality cards, for the privacy notice."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.consents import Consent, ConsentAction, register_consents
from accounts.gdpr import register_eraser, register_exporter
from core.history import forget_in_history
from core.personal_data import LegalBasis, PersonalData, register

register(
    PersonalData(
        key="municipal_contacts",
        models=("cards.CardContact",),
        what=_("Municipal contact persons: name, title, e-mail address, phone number."),
        purpose=_("Associations can reach the right person in the municipality."),
        legal_basis=LegalBasis.CONSENT,
        retention=_(
            "While the municipality keeps them on its card; shown only while the person's "
            "consent is in force. The person withdraws it on their account page."
        ),
        recipients=_("Public on the site."),
    ),
    PersonalData(
        key="grant_reminders",
        models=("cards.GrantReminderSubscription", "cards.GrantReminderSent"),
        what=_("Grant deadline reminders a person asked for, and which were sent."),
        purpose=_("Sending the reminders the person asked for, each once."),
        legal_basis=LegalBasis.CONSENT,
        retention=_(
            "Until the person turns the reminders off or deletes the account; the record of "
            "a reminder sent is deleted when its deadline is over."
        ),
        recipients=_("Nobody outside the service."),
    ),
    PersonalData(
        key="card_verifications",
        models=("cards.MunicipalityCard",),
        what=_("Who last verified a municipality card, and when."),
        purpose=_("Knowing that the card's information was checked, and by whom."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("Until the next check; the link goes when the account is deleted."),
        recipients=_("Nobody outside the service."),
    ),
)


@register_exporter
def grant_reminders(user) -> dict:
    """The person's grant reminder subscription (the rows cascade with the account)."""
    from .models import GrantReminderSent, GrantReminderSubscription

    subscription = GrantReminderSubscription.objects.filter(user=user).first()
    return {
        "grant_reminders": subscription
        and {
            "days_before": subscription.days_before,
            "municipalities": [m.code for m in subscription.municipalities.all()],
            "created_at": subscription.created_at,
        },
        "grant_reminders_sent": list(
            GrantReminderSent.objects.filter(user=user).values("period_id", "sent_at")
        ),
    }


@register_consents
def public_contact_details(user) -> list[Consent]:
    """The cards that show the person's contact details, each with a way to hide them."""
    from .selectors import contacts_consented_by

    return [
        Consent(
            what=_("Your contact details are shown on the municipality card of %(municipality)s.")
            % {"municipality": contact.card.municipality.name},
            given_at=contact.consent_date,
            text_version=contact.consent_text_version,
            actions=[
                ConsentAction(
                    url=reverse("cards:contact_consent_withdraw", kwargs={"pk": contact.pk}),
                    label=_("Hide my contact details"),
                )
            ],
        )
        for contact in contacts_consented_by(user)
    ]


@register_exporter
def municipal_contact_details(user) -> dict:
    """The card contact rows with the person's confirmed address, with their consent record."""
    from .models import CardContact

    if not user.email_verified_at:
        return {"municipal_contact_details": []}
    rows = CardContact.objects.filter(email__iexact=user.email).select_related("card__municipality")
    return {
        "municipal_contact_details": [
            {
                "municipality": row.card.municipality.code,
                "name": row.name,
                "email": row.email,
                "phone": row.phone,
                "shown_publicly": row.consent,
                "consent_date": row.consent_date,
                "consent_text_version": row.consent_text_version,
                "consent_withdrawn_at": row.consent_withdrawn_at,
            }
            for row in rows
        ]
    }


@register_eraser
def forget_municipal_contact_details(user) -> None:
    """Deleting the account deletes the card contact rows with its confirmed address: the
    details were shown only on the person's consent, which goes with the account."""
    from .models import CardContact

    if user.email_verified_at:
        CardContact.objects.filter(email__iexact=user.email).delete()
        forget_in_history(CardContact, email=user.email, whole_rows=True)
