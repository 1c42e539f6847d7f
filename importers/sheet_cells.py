"""The columns of the spreadsheet templates and how one cell's text becomes a value.

Headers are Finnish in the templates; the English names and the internal keys are
accepted too, in any case and with extra spaces.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    key: str
    fi: str
    en: str
    meaning: str  # a lazy translation: what the column holds, for the page and the docs
    example: str = ""
    required: bool = False


def normalise_header(text: str) -> str:
    return " ".join(str(text).replace("\ufeff", "").replace("*", "").lower().split())


def header_keys(header: list[str], columns: list[Column]) -> tuple[list[str | None], list[str]]:
    """The column key of each header cell (None: a column we do not know), and the
    required columns the header lacks."""
    names = {}
    for column in columns:
        for name in (column.key, column.fi, column.en):
            names[normalise_header(name)] = column.key
    keys = [names.get(normalise_header(cell)) for cell in header]
    missing = [c.fi for c in columns if c.required and c.key not in keys]
    return keys, missing


YES = {"kyllä", "k", "yes", "y", "x", "1", "true", "tosi", "ja"}
NO = {"ei", "e", "no", "n", "0", "false", "epätosi", "nej"}


def boolean(text: str) -> bool | None:
    value = text.strip().lower()
    if not value:
        return None
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValidationError(_('Write "kyllä" or "ei".'))


_FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\.?$")


def date(text: str) -> dt.date | None:
    """1.3.2027, 01.03.27 or 2027-03-01 (an XLSX date cell arrives as the last)."""
    value = text.strip()
    if not value:
        return None
    match = _FINNISH_DATE.match(value)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year + 2000 if year < 100 else year, month, day)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise ValidationError(_("Write the date as 1.3.2027.")) from None


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?$")


def time(text: str) -> dt.time | None:
    """18:00, 18.00 or 18."""
    value = text.strip()
    if not value:
        return None
    match = _TIME.match(value.split()[-1])  # an XLSX cell may carry its date too
    try:
        if match:
            return dt.time(int(match.group(1)), int(match.group(2) or 0))
    except ValueError:
        pass
    raise ValidationError(_("Write the time as 18:00."))


PUBLIC = {"julkinen", "julkaistu", "julkaise", "kaikki", "public", "published", "publish"}
DRAFT = {"luonnos", "draft"}


def visibility(text: str) -> str | None:
    value = text.strip().lower()
    if not value:
        return None
    if value in PUBLIC:
        return "publish"
    if value in DRAFT:
        return "draft"
    raise ValidationError(_('Write "julkinen" or "luonnos".'))


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def named(queryset, text: str, *, fields=("name_fi", "name_sv", "name_en", "slug")) -> list:
    """The objects a list of names refers to ("Liikunta, Kulttuuri"), in any language."""
    found, unknown = [], []
    for name in split_list(text):
        query = Q()
        for field in fields:
            query |= Q(**{f"{field}__iexact": name})
        match = queryset.filter(query).first()
        if match is None:
            unknown.append(name)
        else:
            found.append(match)
    if unknown:
        raise ValidationError(_("Not in the list: %(names)s.") % {"names": ", ".join(unknown)})
    return found


def place(queryset, text: str):
    """A place by its name, or "name, municipality" where two places share a name."""
    value = text.strip()
    if not value:
        return None
    matches = list(queryset.filter(name_fi__iexact=value)[:2])
    if not matches and "," in value:
        name, municipality = (part.strip() for part in value.rsplit(",", 1))
        matches = list(
            queryset.filter(name_fi__iexact=name).filter(
                Q(municipality__name_fi__iexact=municipality)
                | Q(municipality__name_sv__iexact=municipality)
            )[:2]
        )
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ValidationError(_('Several places have this name: write it as "name, municipality".'))
    raise ValidationError(
        _("No place of this name in the list. Add the place on your association's page first.")
    )


WEEKDAY_NAMES = {
    "ma": 1, "maanantai": 1, "mon": 1, "monday": 1,
    "ti": 2, "tiistai": 2, "tue": 2, "tuesday": 2,
    "ke": 3, "keskiviikko": 3, "wed": 3, "wednesday": 3,
    "to": 4, "torstai": 4, "thu": 4, "thursday": 4,
    "pe": 5, "perjantai": 5, "fri": 5, "friday": 5,
    "la": 6, "lauantai": 6, "sat": 6, "saturday": 6,
    "su": 7, "sunnuntai": 7, "sun": 7, "sunday": 7,
}  # fmt: skip
_SLOT = re.compile(r"^(\w+)\s+(\d{1,2}(?:[:.]\d{2})?)\s*(?:[-–]\s*(\d{1,2}(?:[:.]\d{2})?))?$")


def weekly_times(text: str) -> list[dict]:
    """ "ma 18-20, to 17:30-19": the weekly times of an activity."""
    slots = []
    for part in split_list(text):
        match = _SLOT.match(part.lower())
        weekday = WEEKDAY_NAMES.get(match.group(1)) if match else None
        if weekday is None:
            raise ValidationError(_('Write the weekly times as "ma 18:00-20:00, to 17:30-19:00".'))
        start, end = time(match.group(2)), time(match.group(3) or "")
        if end is not None and end <= start:
            raise ValidationError(_("A weekly time must end after it starts."))
        slots.append({"weekday": weekday, "start": start, "end": end})
    return slots
