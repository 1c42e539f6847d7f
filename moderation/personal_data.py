"""The personal data of moderation, for the privacy notice."""

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.gdpr import register_eraser, register_exporter
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


@register_exporter
def claims_and_invitations(user) -> dict:
    """The person's requests, and the invitations sent to their address."""
    from .models import Claim, Invitation

    return {
        "claims": [
            {
                "organization": claim.organization.public_id,
                "kind": claim.kind,
                "status": claim.status,
                "message": claim.message,
                "decision_message": claim.decision_message,
                "requested_at": claim.created_at,
                "decided_at": claim.decided_at,
            }
            for claim in Claim.objects.filter(user=user).select_related("organization")
        ],
        "invitations": [
            {"email": invitation.email, "sent_at": invitation.created_at}
            for invitation in Invitation.objects.filter(email__iexact=user.email)
        ],
    }


@register_eraser
def forget_invitations(user) -> None:
    """Invitations are kept by address, so no cascade reaches them; claims cascade."""
    from .models import Invitation

    Invitation.objects.filter(email__iexact=user.email).delete()
