"""The personal data of the NGO survey, for the privacy notice."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.consents import Consent, ConsentAction, register_consents
from accounts.gdpr import register_eraser, register_exporter
from core.personal_data import LegalBasis, PersonalData, register


def _invitation_retention() -> str:
    return _(
        "%(days)s days after the round closes; then the invitation is deleted and the "
        "responses lose the link to the person who sent them."
    ) % {"days": settings.SAKKE_SURVEY_INVITATION_DAYS}


register(
    PersonalData(
        key="survey_invitations",
        models=("surveys.Invitation",),
        what=_("The e-mail address an association's survey invitation was sent to, and when."),
        purpose=_("Inviting associations to the NGO survey and reminding them, each once."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_invitation_retention,
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


@register_exporter
def survey_answers(user) -> dict:
    """The responses the person sent for an association, and the invitations to their
    confirmed address (the answers themselves are the association's)."""
    from .models import Invitation, Response

    invitations = (
        Invitation.objects.filter(email__iexact=user.email).values(
            "round__name", "organization__public_id", "email", "sent_at", "opted_out_at"
        )
        if user.email_verified_at
        else []
    )
    return {
        "survey_responses_sent": list(
            Response.objects.filter(submitted_by=user).values(
                "round__name", "organization__public_id", "status", "submitted_at"
            )
        ),
        "survey_invitations": list(invitations),
    }


@register_eraser
def forget_survey_invitations(user) -> None:
    """Deleting the account deletes the invitations sent to its confirmed address; the
    responses stay the association's, without the link to the person (SET_NULL)."""
    from .models import Invitation

    if user.email_verified_at:
        Invitation.objects.filter(email__iexact=user.email).delete()


@register_consents
def survey_contact(user) -> list[Consent]:
    """Survey contacts the person can withdraw on the account page: reminders of an open
    round sent to their confirmed address, and their association named in the raw data
    of answers they sent."""
    from django.urls import reverse
    from django.utils import timezone

    from . import invitations as invitation_links
    from .models import Invitation, Response

    now = timezone.now()
    reminders = (
        Invitation.objects.filter(
            email__iexact=user.email, opted_out_at=None, reminded_at=None, sent_at__isnull=False
        )
        .exclude(round__closes_at__lte=now)
        .select_related("round__survey", "organization")
    )
    consents = [
        Consent(
            what=_("Reminders of %(round)s are sent to your address for %(association)s.")
            % {"round": invitation.round, "association": invitation.organization},
            given_at=invitation.sent_at,
            actions=[
                ConsentAction(
                    url=reverse(
                        "surveys:opt_out",
                        kwargs={"token": invitation_links.opt_out_token(invitation)},
                    ),
                    label=_("No more reminders"),
                )
            ],
        )
        for invitation in reminders
    ]
    named = Response.objects.filter(submitted_by=user, consent_to_be_named=True).select_related(
        "round__survey", "organization"
    )
    consents += [
        Consent(
            what=_("%(association)s may be named in the raw data of %(round)s.")
            % {"association": response.organization or _("Your answer"), "round": response.round},
            given_at=response.submitted_at,
            actions=[
                ConsentAction(
                    url=reverse("surveys:naming_consent_withdraw", kwargs={"pk": response.pk}),
                    label=_("Use a pseudonym instead"),
                )
            ],
        )
        for response in named
    ]
    return consents
