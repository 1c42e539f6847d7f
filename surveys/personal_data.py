"""The personal data of the NGO survey, for the privacy notice."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import LegalBasis, PersonalData, register

register(
    PersonalData(
        key="survey_invitations",
        models=("surveys.Invitation",),
        what=_("The e-mail address an association's survey invitation was sent to, and when."),
        purpose=_("Inviting associations to the NGO survey and reminding them, each once."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("Until the round's results are published."),
        recipients=_("Nobody outside the service."),
    ),
    PersonalData(
        key="survey_responses",
        models=("surveys.Response", "surveys.Answer"),
        what=_(
            "An association's answers to the NGO survey. Published only as totals of at "
            "least five answers; the raw data names an association only with its consent."
        ),
        purpose=_("Knowing the situation of the region's associations over the years."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("As long as the survey's results are compared over the years."),
        recipients=_("The regional coordinator."),
    ),
)
