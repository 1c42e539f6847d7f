"""The personal data of activities, for the privacy notice."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import LegalBasis, PersonalData, register

register(
    PersonalData(
        key="activity_contacts",
        models=("activities.Activity",),
        what=_("The contact e-mail address and phone number of an activity."),
        purpose=_("People who want to join can ask the organiser."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("While the activity is listed, or until the association removes them."),
        recipients=_("Public on the site and in the open data API."),
    ),
)
