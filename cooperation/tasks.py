"""Background work of the consultation radar: polling sources, sending alerts."""

from celery import shared_task


@shared_task
def poll_consultation_sources_task() -> dict:
    from .radar import sources_poll

    return {str(pk): changed for pk, changed in sources_poll().items()}


@shared_task
def send_consultation_alerts_task() -> dict:
    from .alerts import digests_send, reminders_send

    return {"digests": digests_send(), "reminders": reminders_send()}
