"""The personal data in the association directory, for the privacy notice."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import LegalBasis, PersonalData, register

register(
    PersonalData(
        key="association_contacts",
        models=("organizations.Organization",),
        what=_("The associations' own e-mail addresses and phone numbers."),
        purpose=_("Residents and other associations can reach the association."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("While the association keeps them in its information, or asks to remove them."),
        recipients=_("Public on the site and in the open data API."),
    ),
    PersonalData(
        key="association_contact_persons",
        models=("organizations.Contact",),
        what=_("Contact persons of associations: name, role, e-mail address, phone number."),
        purpose=_("Residents and other associations can reach the right person."),
        legal_basis=LegalBasis.CONSENT,
        retention=_(
            "While the association keeps them in its information; shown only while the "
            "person's consent is in force. The person withdraws it on their account page."
        ),
        recipients=_("Public on the site and in the open data API."),
    ),
)
