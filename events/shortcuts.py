"""Date shortcuts on the event list: today, this weekend, next week.

Each is a plain link that sets the list's `start` and `end` and keeps the other filters,
so it works without JavaScript and can be shared.
"""

import datetime as dt
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

SATURDAY, SUNDAY = 5, 6


@dataclass(frozen=True)
class DateShortcut:
    label: str
    start: dt.date
    end: dt.date
    query: str
    current: bool


def date_windows(today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """(label, first day, last day) of today, this weekend and next week (Monday to Sunday)."""
    if today.weekday() >= SATURDAY:  # at the weekend, "this weekend" is what is left of it
        weekend_start = today
    else:
        weekend_start = today + dt.timedelta(days=SATURDAY - today.weekday())
    weekend_end = today + dt.timedelta(days=SUNDAY - today.weekday())
    next_monday = today + dt.timedelta(days=7 - today.weekday())
    return [
        (_("Today"), today, today),
        (_("This weekend"), weekend_start, weekend_end),
        (_("Next week"), next_monday, next_monday + dt.timedelta(days=6)),
    ]


def date_shortcuts(query: QueryDict, today: dt.date) -> list[DateShortcut]:
    """The shortcuts as links on the current list, marking the one now chosen."""
    shortcuts = []
    for label, start, end in date_windows(today):
        params = query.copy()
        for name in ("start", "end", "page"):
            params.pop(name, None)
        params["start"], params["end"] = start.isoformat(), end.isoformat()
        current = query.get("start") == start.isoformat() and query.get("end") == end.isoformat()
        shortcuts.append(DateShortcut(label, start, end, params.urlencode(), current))
    return shortcuts
