"""The personal data in the association directory, for the privacy notice."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import LegalBasis, PersonalData, register

register(
    PersonalData(
        key="association_contacts",
        models=("organizations.Organization", "organizations.Contact"),
        what=_(
            "Contact persons of associations and the associations' own e-mail addresses and "
            "phone numbers: name, role, e-mail address, phone number."
        ),
        purpose=_("Residents and other associations can reach the association."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("While the association keeps them in its information, or asks to remove them."),
        recipients=_("Public on the site and in the open data API."),
    ),
)
