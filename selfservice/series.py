"""Recurring events chosen with simple controls and stored as an RFC 5545 RRULE.

"Every 2 weeks on Tuesday, 10 times" becomes FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10
on the head event of the series, and each date becomes an event of its own (a
sub-event), so lists, feeds and the API show every date.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from events.recurrence import RecurrenceError, occurrences

#: Two years of weekly meetings; more than this is better split into new series.
MAX_DATES = 104
RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]  # index = date.weekday()


@dataclass(frozen=True)
class SeriesRule:
    """Weekly on `weekday` (0 = Monday) every `interval` weeks, until a date or N times."""

    weekday: int
    interval: int = 1
    until: dt.date | None = None
    count: int | None = None

    def validate(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValidationError({"series_weekday": _("Choose a weekday.")})
        if not 1 <= self.interval <= 52:
            raise ValidationError(
                {"series_interval": _("Choose how often the event repeats (1–52 weeks).")}
            )
        if (self.until is None) == (self.count is None):
            raise ValidationError(
                {"series_end": _("Choose either the last date or the number of times.")}
            )
        if self.count is not None and not 2 <= self.count <= MAX_DATES:
            raise ValidationError(
                {"series_count": _("A series has from 2 to %(max)s dates.") % {"max": MAX_DATES}}
            )

    def to_rrule(self) -> str:
        parts = ["FREQ=WEEKLY", f"INTERVAL={self.interval}", f"BYDAY={RRULE_DAYS[self.weekday]}"]
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        else:
            # The whole last day counts, in Finnish time; RFC 5545 wants UNTIL in UTC.
            end = timezone.make_aware(dt.datetime.combine(self.until, dt.time(23, 59, 59)))
            parts.append(f"UNTIL={end.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}")
        return ";".join(parts)

    @classmethod
    def from_rrule(cls, rule: str) -> "SeriesRule | None":
        """The simple controls of a rule written by `to_rrule`; None for any other rule."""
        try:
            parts = dict(p.split("=", 1) for p in rule.removeprefix("RRULE:").split(";") if p)
            if parts.get("FREQ") != "WEEKLY" or parts.get("BYDAY") not in RRULE_DAYS:
                return None
            until = None
            if "UNTIL" in parts:
                moment = dt.datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%SZ")
                until = timezone.localtime(moment.replace(tzinfo=dt.UTC)).date()
            return cls(
                weekday=RRULE_DAYS.index(parts["BYDAY"]),
                interval=int(parts.get("INTERVAL", 1)),
                until=until,
                count=int(parts["COUNT"]) if "COUNT" in parts else None,
            )
        except (ValueError, KeyError):
            return None


def series_dates(rule: SeriesRule, first_start: dt.datetime) -> list[dt.datetime]:
    """The start times of the series from `first_start` on, in Finnish local time."""
    rule.validate()
    local = timezone.localtime(first_start)
    if rule.until is not None and rule.until < local.date():
        raise ValidationError({"series_until": _("The last date cannot be before the first date.")})
    try:
        dates = occurrences(rule.to_rrule(), local, limit=MAX_DATES + 1)
    except RecurrenceError as error:
        raise ValidationError({"series_weekday": str(error)}) from error
    if len(dates) > MAX_DATES:
        raise ValidationError(
            {
                "series_until": _(
                    "The series would have more than %(max)s dates. Choose an earlier last date."
                )
                % {"max": MAX_DATES}
            }
        )
    if len(dates) < 2:
        raise ValidationError(
            {"series_until": _("The series has only one date. Choose a later last date.")}
        )
    return dates
