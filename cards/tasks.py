from celery import shared_task

from .services import send_grant_reminders


@shared_task
def send_grant_reminders_task() -> int:
    """The daily grant deadline reminders, for Celery beat (config/celery.py); the e-mails sent.

    The same as `manage.py send_grant_reminders`: each person hears of each deadline once,
    however often this runs.
    """
    return send_grant_reminders()


@shared_task
def forget_past_reminders_task() -> int:
    """Retention: the records of reminders sent for deadlines now over (cards.retention)."""
    from .retention import forget_past_reminders

    return forget_past_reminders()
