"""The consents of associations' contact persons, on the person's own account page.

The contact rows live in organizations (registered in organizations/personal_data.py);
the association's editors record the consent here, in selfservice, and the person named
sees and withdraws it on their account page.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.consents import Consent, ConsentAction, register_consents
from accounts.gdpr import register_eraser, register_exporter
from core.history import forget_in_history
from organizations.models import Contact


def _contacts_with_address_of(user):
    return (
        Contact.objects.filter(email__iexact=user.email)
        .exclude(email="")
        .select_related("organization")
        .order_by("pk")
    )


@register_consents
def association_contact_details(user) -> list[Consent]:
    """The associations that show the person's contact details, each with a way to hide them."""
    return [
        Consent(
            what=_("Your contact details are shown on the page of %(association)s.")
            % {"association": contact.organization.name},
            given_at=contact.consent_date,
            text_version=contact.consent_text_version,
            actions=[
                ConsentAction(
                    url=reverse("selfservice:contact_consent_withdraw", kwargs={"pk": contact.pk}),
                    label=_("Hide my contact details"),
                )
            ],
        )
        for contact in _contacts_with_address_of(user).filter(consent=True)
    ]


@register_exporter
def association_contact_details_export(user) -> dict:
    """The association contact rows with the person's confirmed address, with the consent
    record."""
    if not user.email_verified_at:
        return {"association_contact_details": []}
    return {
        "association_contact_details": [
            {
                "association": row.organization.public_id,
                "name": row.name,
                "role": row.role,
                "email": row.email,
                "phone": row.phone,
                "shown_publicly": row.consent,
                "consent_date": row.consent_date,
                "consent_text_version": row.consent_text_version,
                "consent_withdrawn_at": row.consent_withdrawn_at,
            }
            for row in _contacts_with_address_of(user)
        ]
    }


@register_eraser
def forget_association_contact_details(user) -> None:
    """Deleting the account deletes the person's rows as an association's contact (found by
    the confirmed address): the details were shown only on their consent, which goes with
    the account. An unconfirmed address may be a stranger's, so it removes nothing."""
    if user.email_verified_at:
        _contacts_with_address_of(user).delete()
        # The history would otherwise bring them back with an earlier version.
        forget_in_history(Contact, email=user.email, whole_rows=True)
