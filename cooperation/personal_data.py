"""The personal data of the cooperation app, for the privacy notice."""

from django.utils.translation import gettext_lazy as _

from accounts.gdpr import register_exporter
from core.personal_data import LegalBasis, PersonalData, register

register(
    PersonalData(
        key="cooperation_seats",
        models=("cooperation.Seat",),
        what=_(
            "People in the roles of cooperation bodies: name, role, term, the association "
            "they represent; e-mail address and phone number."
        ),
        purpose=_(
            "Showing who represents the associations where. Contact details are shown "
            "only with the person's consent."
        ),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("While the person holds the seat, and the term's record after it."),
        recipients=_("Name, role and term are public; contact details only with consent."),
    ),
    PersonalData(
        key="consultation_alerts",
        models=("cooperation.Follow", "cooperation.AlertSent"),
        what=_(
            "The topics and municipalities a person follows, their e-mail address, and "
            "which alerts were sent."
        ),
        purpose=_(
            "Sending the consultation digests and reminders the person asked for, each once."
        ),
        legal_basis=LegalBasis.CONSENT,
        retention=_("Until the person unsubscribes or deletes the account."),
        recipients=_("Nobody outside the service."),
    ),
    PersonalData(
        key="joint_statements",
        models=(
            "cooperation.Membership",
            "cooperation.StatementVersion",
            "cooperation.StatementComment",
            "cooperation.Signature",
        ),
        what=_("Who asked to join a body, wrote, commented on or signed a joint statement."),
        purpose=_("Preparing joint statements together, and knowing who acted for an association."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("As long as the statement is kept."),
        recipients=_("Signing associations are public; the persons are not shown."),
    ),
)


@register_exporter
def consultation_alerts(user) -> dict:
    from .models import Follow

    return {
        "consultation_alerts": [
            {
                "organization": follow.organization and follow.organization.public_id,
                "email": follow.email,
                "frequency": follow.frequency,
                "topics": [t.slug for t in follow.topics.all()],
                "municipalities": [m.code for m in follow.municipalities.all()],
                "unsubscribed_at": follow.unsubscribed_at,
            }
            for follow in Follow.objects.filter(user=user)
        ]
    }
