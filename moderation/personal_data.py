"""The personal data of moderation, for the privacy notice."""

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.personal_data import LegalBasis, PersonalData, register


def _invitation_retention() -> str:
    return gettext(
        "An invitation that was not accepted is deleted %(days)d days after it expired."
    ) % {"days": settings.SAKKE_INVITATION_KEEP_DAYS}


register(
    PersonalData(
        key="claims",
        models=("moderation.Claim", "moderation.Decision"),
        what=_(
            "Requests to edit an association and the coordinator's decisions: who asked, "
            "their message, who decided."
        ),
        purpose=_("Checking that only the association's own people edit its information."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("Until the account is deleted; decisions then no longer name the person."),
        recipients=_("The coordinator of the service."),
    ),
    PersonalData(
        key="invitations",
        models=("moderation.Invitation",),
        what=_("Invitations to edit: the invited e-mail address and who invited."),
        purpose=_("Giving an editor role to the person the coordinator invited."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_invitation_retention,
        recipients=_("The coordinator of the service."),
    ),
)
