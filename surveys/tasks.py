"""Celery tasks of the NGO survey; each is safe to run twice or on several machines."""

from celery import shared_task

from . import invitations
from .models import Round


@shared_task
def send_invitations_task(round_id: int) -> int:
    round_ = Round.objects.filter(pk=round_id).first()
    if round_ is None:
        return 0
    invitations.invitations_create(round_=round_)
    return invitations.invitations_send(round_=round_)


@shared_task
def send_pending_invitations_task() -> int:
    """For Celery beat: invitations recorded but not sent yet (the broker was down when the
    coordinator asked, or a send failed), in every open round; each claimed before sending."""
    return invitations.pending_invitations_send()


@shared_task
def send_reminders_task() -> int:
    """For Celery beat: the reminders due in every open round."""
    return invitations.reminders_send()


@shared_task
def publish_round_indicators_task() -> int:
    """For Celery beat: the programme indicators of the rounds that closed by their date."""
    from .indicators import recently_closed_rounds_publish

    return recently_closed_rounds_publish()


@shared_task
def forget_closed_round_contacts_task() -> int:
    """Retention: invitations and senders of rounds closed long ago (surveys.retention)."""
    from .retention import forget_closed_round_contacts

    return forget_closed_round_contacts()
