"""Forgetting which grant reminders were sent once their deadline has passed (a periodic
job, cards.tasks): the record only keeps a person from hearing of a coming deadline twice."""

import datetime as dt

from django.utils import timezone

from .models import GrantReminderSent


def forget_past_reminders(*, today: dt.date | None = None) -> int:
    """Delete the records of reminders whose deadline is over; how many. Safe to run again."""
    today = today or timezone.localdate()
    return GrantReminderSent.objects.filter(period__deadline__lt=today).delete()[0]
