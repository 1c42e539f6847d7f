"""Recurring series (RFC 5545 RRULE) shown as concrete dates."""

from datetime import datetime

from dateutil.rrule import rrulestr
from django.utils.translation import gettext as _

MAX_OCCURRENCES = 200


class RecurrenceError(ValueError):
    pass


def occurrences(rule: str, start: datetime, limit: int = MAX_OCCURRENCES) -> list[datetime]:
    """The first `limit` start times of a series that begins at `start`."""
    try:
        recurrence = rrulestr(rule.removeprefix("RRULE:"), dtstart=start)
    except (ValueError, TypeError) as error:
        raise RecurrenceError(_("The recurrence rule is not valid RFC 5545: %s") % error) from error
    dates = []
    for when in recurrence:
        dates.append(when)
        if len(dates) >= limit:
            break
    return dates
