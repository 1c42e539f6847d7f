from celery import shared_task


@shared_task
def take_indicator_snapshots_task() -> int:
    """This month's values of the computed indicators, for Celery beat (config/celery.py).

    Runs daily; the first run of a month writes, the others find the month stored and
    change nothing (`manage.py programme_snapshots`).
    """
    from .snapshots import indicator_snapshots_take

    return indicator_snapshots_take()


@shared_task
def send_programme_reminders_task() -> int:
    """Reminders of tasks due, late tasks, silent measures and reports (programme.reminders),
    each sent once per occasion; the number of e-mails (`manage.py send_programme_reminders`)."""
    from .reminders import send_programme_reminders

    return send_programme_reminders()


@shared_task
def forget_past_reminders_task() -> int:
    """Retention: delete old records of reminders whose occasion is over (the privacy
    notice; SAKKE_PROGRAMME_REMINDER_RECORD_DAYS)."""
    from .reminders import forget_past_reminders

    return forget_past_reminders()
