"""An iCalendar feed read into plain occurrences: what the importer creates or updates.

Every VEVENT becomes one or more occurrences keyed by (UID, RECURRENCE-ID): a single
event has the empty recurrence id; a series (RRULE, RDATE, EXDATE) has its first date
as the head (empty id) and one occurrence per further date, keyed by the date's
original start in UTC, so that an override (a VEVENT with RECURRENCE-ID) and a
later poll find the same date. Times with a TZID keep their wall-clock time across
daylight saving changes; floating times and dates are Finnish time.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import icalendar
from dateutil.rrule import rrulestr
from django.utils import timezone
from django.utils.translation import gettext as _

#: How far ahead a series is expanded, and how many dates at most.
HORIZON = dt.timedelta(days=400)
MAX_DATES = 200


class FeedError(ValueError):
    """The feed cannot be read; nothing of it is imported."""


@dataclass
class Occurrence:
    uid: str
    recurrence_id: str
    name: str
    description: str
    location: str
    start: dt.datetime
    end: dt.datetime | None
    cancelled: bool = False
    rule: str = ""  # on a series head: the RRULE
    is_head: bool = False
    series: list = field(default_factory=list)  # on a head: the other dates' keys

    @property
    def fingerprint(self) -> str:
        parts = [self.name, self.description, self.location, self.start.isoformat()]
        parts += [self.end.isoformat() if self.end else "", str(self.cancelled), self.rule]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def recurrence_key(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _aware(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, dt.date):
        return timezone.make_aware(dt.datetime.combine(value, dt.time.min))
    raise FeedError(_("A date in the feed cannot be read."))


def _times(component, name: str) -> list[dt.datetime]:
    """The moments of an EXDATE or RDATE property (there may be several of each)."""
    values = component.get(name)
    if values is None:
        return []
    if not isinstance(values, list):
        values = [values]
    moments = []
    for value in values:
        for item in getattr(value, "dts", []):
            moments.append(_aware(item.dt))
    return moments


def _text(component, name: str) -> str:
    value = component.get(name)
    return str(value).strip() if value is not None else ""


def parse(data: bytes, *, now: dt.datetime | None = None) -> list[Occurrence]:
    """The occurrences of every event of the feed; FeedError if it is not iCalendar."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as error:
        raise FeedError(_("The address did not give an iCalendar file: %s") % error) from error
    if getattr(calendar, "name", "") != "VCALENDAR":
        raise FeedError(_("The address did not give an iCalendar file."))
    now = now or timezone.now()
    masters, overrides = [], {}
    for component in calendar.walk("VEVENT"):
        try:
            uid = _text(component, "UID")
            start = _aware(component.decoded("DTSTART"))
            if not uid:
                raise FeedError(_("An event in the feed has no UID."))
            if component.get("RECURRENCE-ID") is not None:
                rid = recurrence_key(_aware(component.decoded("RECURRENCE-ID")))
                overrides[(uid, rid)] = _occurrence(component, uid, rid, start)
            else:
                masters.append((component, uid, start))
        except FeedError:
            raise
        except (ValueError, KeyError, TypeError) as error:
            raise FeedError(_("An event in the feed cannot be read: %s") % error) from error
    occurrences = []
    for component, uid, start in masters:
        occurrences += _expand(component, uid, start, overrides, now)
    return occurrences


def _end(component, start: dt.datetime) -> dt.datetime | None:
    if component.get("DTEND") is not None:
        return _aware(component.decoded("DTEND"))
    if component.get("DURATION") is not None:
        return start + component.decoded("DURATION")
    return None


def _occurrence(component, uid: str, rid: str, start: dt.datetime) -> Occurrence:
    return Occurrence(
        uid=uid,
        recurrence_id=rid,
        name=_text(component, "SUMMARY") or _("(no name)"),
        description=_text(component, "DESCRIPTION"),
        location=_text(component, "LOCATION"),
        start=start,
        end=_end(component, start),
        cancelled=_text(component, "STATUS").upper() == "CANCELLED",
    )


def _expand(component, uid, start, overrides, now) -> list[Occurrence]:
    base = _occurrence(component, uid, "", start)
    rule = component.get("RRULE")
    rdates = _times(component, "RDATE")
    if rule is None and not rdates:
        return [base]
    rule_text = rule.to_ical().decode() if rule is not None else ""
    dates = _series_dates(start, rule_text, rdates, _times(component, "EXDATE"), now)
    if not dates:
        return []
    duration = base.end - base.start if base.end else None
    result = []
    for index, when in enumerate(dates):
        rid = "" if index == 0 else recurrence_key(when)
        override = overrides.get((uid, recurrence_key(when)))
        if override is not None:
            occurrence = override
            occurrence.recurrence_id = rid
        else:
            occurrence = Occurrence(
                uid=uid,
                recurrence_id=rid,
                name=base.name,
                description=base.description,
                location=base.location,
                start=when,
                end=when + duration if duration else None,
                cancelled=base.cancelled,
            )
        result.append(occurrence)
    head = result[0]
    head.is_head, head.rule = True, rule_text
    head.series = [(o.uid, o.recurrence_id) for o in result[1:]]
    return result


def _series_dates(start, rule_text, rdates, exdates, now) -> list[dt.datetime]:
    try:
        rules = rrulestr(rule_text or "COUNT=1", dtstart=start, forceset=True)
    except (ValueError, TypeError) as error:
        raise FeedError(_("A recurrence rule in the feed cannot be read: %s") % error) from error
    for moment in rdates:
        rules.rdate(moment)
    for moment in exdates:
        rules.exdate(moment)
    until = now + HORIZON
    dates = []
    for when in rules:
        if when > until or len(dates) >= MAX_DATES:
            break
        dates.append(when)
    return dates
