from celery import shared_task

from .services import send_confirmation_reminders


@shared_task
def send_confirmation_reminders_task() -> int:
    """The daily reminder run, for Celery beat (see docs/freshness.md)."""
    return send_confirmation_reminders()
