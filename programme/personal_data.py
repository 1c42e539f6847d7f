"""The personal data of the association programme, for the privacy notice."""

from django.utils.translation import gettext_lazy as _

from accounts.gdpr import register_exporter
from core.personal_data import LegalBasis, PersonalData, register

register(
    PersonalData(
        key="programme_reminders",
        models=("programme.ReminderOptOut", "programme.ReminderSent"),
        what=_(
            "Which reminders of the association programme were sent to a person, and "
            "whether the person turned them off."
        ),
        purpose=_("Reminding the people responsible for a measure, each occasion once."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_(
            "A record of a reminder sent: a year after it was sent, once the task is done, "
            "the measure updated or the report written (the setting "
            "SAKKE_PROGRAMME_REMINDER_RECORD_DAYS). The choice to turn reminders off: "
            "until the account is deleted."
        ),
        recipients=_("Nobody outside the service."),
    ),
    PersonalData(
        key="programme_updates",
        models=("programme.MeasureUpdate",),
        what=_("Who wrote an update on a measure of the association programme."),
        purpose=_("Knowing who reported the progress, so that it can be checked with them."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_(
            "As long as the programme is kept; the link to the person goes when the account "
            "is deleted."
        ),
        recipients=_("The update is public; the writer is not shown."),
    ),
)


@register_exporter
def programme_reminders(user) -> dict:
    """Whether the person turned the programme's reminders off, and which were sent."""
    from .models import ReminderOptOut, ReminderSent

    return {
        "programme_reminders_off": ReminderOptOut.objects.filter(user=user).exists(),
        "programme_reminders_sent": list(
            ReminderSent.objects.filter(user=user).values("occasion", "sent_at")
        ),
    }


@register_exporter
def programme_updates(user) -> dict:
    """The updates on measures the person wrote (the link goes with the account)."""
    from .models import MeasureUpdate

    return {
        "programme_updates_written": list(
            MeasureUpdate.objects.filter(author=user).values("measure_id", "date", "text")
        )
    }
