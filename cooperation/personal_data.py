"""The personal data of the cooperation app, for the privacy notice."""

from django.utils.translation import gettext_lazy as _

from accounts.consents import Consent, ConsentAction, register_consents
from accounts.gdpr import register_eraser, register_exporter
from core.history import forget_in_history
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
            "cooperation.Statement",
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
    PersonalData(
        key="body_documents",
        models=("cooperation.BodyDocument",),
        what=_("Who attached an agenda, minutes or another document to a body or a meeting."),
        purpose=_("The chair and the coordinator can see who added a document, and undo mistakes."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("While the document belongs to the body."),
        recipients=_("The body's chair and the coordinator; the person is not shown publicly."),
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


def _seats_of(user):
    """The seats linked to the account, or held under its confirmed address."""
    from django.db.models import Q

    from .models import Seat

    found = Q(user=user)
    if user.email_verified_at:
        found |= Q(email__iexact=user.email)
    return Seat.objects.filter(found)


@register_exporter
def cooperation_roles(user) -> dict:
    """The person's seats in bodies, and what they asked, wrote, commented or signed."""
    from .models import (
        BodyDocument,
        Membership,
        Signature,
        Statement,
        StatementComment,
        StatementVersion,
    )

    return {
        "cooperation_seats": [
            {
                "body": seat.body.name,
                "role": seat.role,
                "person_name": seat.person_name,
                "email": seat.email,
                "phone": seat.phone,
                "contact_details_shown": seat.contact_consent,
                "term_start": seat.term_start,
                "term_end": seat.term_end,
            }
            for seat in _seats_of(user).select_related("body")
        ],
        "cooperation_memberships_requested": list(
            Membership.objects.filter(requested_by=user).values("body__name", "status")
        ),
        "statements_authored": list(
            Statement.objects.filter(author=user).values("title", "status", "sent_at")
        ),
        "statement_versions_written": list(
            StatementVersion.objects.filter(author=user).values(
                "statement__title", "number", "note", "created_at"
            )
        ),
        "statement_comments": list(
            StatementComment.objects.filter(author=user).values(
                "statement__title", "text", "created_at"
            )
        ),
        "body_documents_added": list(
            BodyDocument.objects.filter(added_by=user).values(
                "body__name", "document__public_id", "role", "added_at"
            )
        ),
        "statement_signatures": list(
            Signature.objects.filter(signed_by=user).values(
                "statement__title", "organization__public_id", "signed_at", "withdrawn_at"
            )
        ),
    }


@register_eraser
def forget_cooperation_person(user) -> None:
    """Deleting the account empties the person's seats (they become vacancies, the term
    stays); the alerts go with the account (CASCADE), and the links from statements,
    comments and signatures by the database's SET_NULL."""
    from .models import Seat

    forget_in_history(Seat, email=user.email if user.email_verified_at else "", user_id=user.pk)
    _seats_of(user).update(person_name="", user=None, email="", phone="", contact_consent=False)


@register_consents
def seat_contact_details(user) -> list[Consent]:
    """The seats whose page shows the person's contact details, each with a way to hide
    them (the account page lists them; a seat linked to the account counts too)."""
    from django.urls import reverse

    return [
        Consent(
            what=_("Your contact details are shown on the page of %(body)s.")
            % {"body": seat.body.name},
            actions=[
                ConsentAction(
                    url=reverse("cooperation:seat_consent_withdraw", kwargs={"pk": seat.pk}),
                    label=_("Hide my contact details"),
                )
            ],
        )
        for seat in _seats_of(user).filter(contact_consent=True).select_related("body")
    ]
