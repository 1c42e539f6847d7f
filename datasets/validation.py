"""Checks a sakke-dataset/1 document before anything of it is written.

Every problem is reported as `<list>[<index>] (<id>): <field>: <problem>`, so a
person fixing the file finds the object without counting.
"""

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from activities.models import Activity
from core.models import Accessibility
from events.models import Event
from municipalities.models import Municipality, Region
from organizations.models import Organization
from organizations.ytunnus import validate_ytunnus
from places.models import Place
from taxonomy.models import Audience, Topic

from .reference import reference_regions

DATASET_FORMAT = "sakke-dataset/1"
MAX_ERRORS = 20
LISTS = ("municipalities", "topics", "audiences", "organizations", "places", "events", "activities")

_CODE = re.compile(r"^\d{3}$")
_SLUG = re.compile(r"^[-a-z0-9_]{1,60}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_url = URLValidator()
_email = EmailValidator()
# Enum .values rebuilds its list on every call; the checks run thousands of times.
_ACCESSIBILITY = tuple(Accessibility.values)
_LEGAL_FORMS = tuple(Organization.LegalForm.values)
_EVENT_STATUSES = tuple(Event.Status.values)
_SUPER_EVENT_TYPES = tuple(Event.SuperEventType.values)
_KINDS = tuple(Activity.Kind.values)
_PARTICIPATION = tuple(Activity.Participation.values)


@lru_cache(maxsize=4096)
def _is_valid(kind: str, value: str) -> bool:
    try:
        (_url if kind == "url" else _email)(value)
    except (ValidationError, TypeError):
        return False
    return True


class _TooManyErrors(Exception):
    pass


def parse_aware_datetime(value: Any) -> dt.datetime | None:
    """An ISO 8601 time with a UTC offset, or None when `value` is not one."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def parse_clock(value: Any) -> dt.time | None:
    if not isinstance(value, str) or not _CLOCK.match(value):
        return None
    return dt.time.fromisoformat(value)


class _Checker:
    def __init__(self, data: dict, known: dict[str, set[str]]):
        self.data = data
        self.known = known
        self.errors: list[str] = []
        self.where = ""

    def error(self, field: str, problem: str) -> None:
        self.errors.append(
            _("%(where)s: %(field)s: %(problem)s")
            % {"where": self.where, "field": field, "problem": problem}
        )
        if len(self.errors) >= MAX_ERRORS:
            raise _TooManyErrors

    # Field checks, each tolerant of a missing (null) value unless it says otherwise.

    def multilingual(self, item: dict, field: str, *, required: bool = False) -> None:
        value = item.get(field)
        if value is None and not required:
            return
        if not isinstance(value, dict) or not all(
            isinstance(v, str | None) for v in value.values()
        ):
            self.error(field, _("not an object of texts keyed by language"))
        elif required and not (value.get("fi") or "").strip():
            self.error(field, _("the Finnish text (fi) is missing"))

    def text(self, item: dict, field: str, *, max_length: int = 250) -> None:
        value = item.get(field)
        if value is not None and (not isinstance(value, str) or len(value) > max_length):
            self.error(field, _("not a text of at most %(n)d characters") % {"n": max_length})

    def url(self, item: dict, field: str) -> None:
        value = item.get(field)
        if value is not None and not (isinstance(value, str) and _is_valid("url", value)):
            self.error(field, _("not a valid URL"))

    def email(self, item: dict, field: str) -> None:
        value = item.get(field)
        if value is not None and not (isinstance(value, str) and _is_valid("email", value)):
            self.error(field, _("not a valid e-mail address"))

    def boolean(self, item: dict, field: str) -> None:
        if not isinstance(item.get(field, True), bool):
            self.error(field, _("not true or false"))

    def choice(self, item: dict, field: str, choices, *, required: bool = False) -> None:
        value = item.get(field)
        if value is None and not required:
            return
        if value not in choices:
            self.error(
                field,
                _("%(value)s is not one of: %(choices)s")
                % {"value": _repr(value), "choices": ", ".join(choices)},
            )

    def choices(self, item: dict, field: str, choices) -> None:
        values = item.get(field) or []
        if not isinstance(values, list):
            self.error(field, _("not a list"))
            return
        for value in values:
            if value not in choices:
                self.error(
                    field,
                    _("%(value)s is not one of: %(choices)s")
                    % {"value": _repr(value), "choices": ", ".join(choices)},
                )

    def refs(self, item: dict, field: str, kind: str, *, many: bool = False) -> None:
        values = item.get(field)
        if values is None:
            return
        if many and not isinstance(values, list):
            self.error(field, _("not a list"))
            return
        for value in values if many else [values]:
            if not isinstance(value, str) or value not in self.known[kind]:
                self.error(field, _("%(value)s refers to nothing") % {"value": _repr(value)})

    def languages(self, item: dict) -> None:
        values = item.get("in_language") or []
        if not isinstance(values, list) or not all(
            isinstance(v, str) and _LANGUAGE.match(v) for v in values
        ):
            self.error("in_language", _("not a list of ISO 639 language codes"))


def _repr(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def _check_organization(c: _Checker, item: dict) -> None:
    c.multilingual(item, "name", required=True)
    c.multilingual(item, "description")
    if item.get("business_id") is not None:
        try:
            validate_ytunnus(item["business_id"])
        except (ValidationError, TypeError) as error:
            c.error("business_id", " ".join(getattr(error, "messages", [str(error)])))
    c.choice(item, "legal_form", _LEGAL_FORMS)
    c.refs(item, "municipalities", "municipalities", many=True)
    c.refs(item, "topics", "topics", many=True)
    c.refs(item, "audiences", "audiences", many=True)
    c.email(item, "email")
    c.text(item, "phone", max_length=40)
    c.url(item, "website")
    address = item.get("address")
    if address is not None:
        if not isinstance(address, dict):
            c.error("address", _("not an object"))
        else:
            c.text(address, "street", max_length=200)
            c.text(address, "postal_code", max_length=10)
            c.refs(address, "municipality", "municipalities")
    founded = item.get("founded")
    if founded is not None and (not isinstance(founded, int) or not 1000 <= founded <= 2100):
        c.error("founded", _("not a year"))
    c.refs(item, "parent", "organizations")
    if item.get("parent") is not None and item.get("parent") == item.get("id"):
        c.error("parent", _("an organization cannot be its own parent"))


def _check_place(c: _Checker, item: dict) -> None:
    c.multilingual(item, "name", required=True)
    c.multilingual(item, "street_address")
    c.text(item, "postal_code", max_length=10)
    c.refs(item, "municipality", "municipalities")
    position = item.get("position")
    if position is None:
        return
    lat, lon = (position.get("lat"), position.get("lon")) if isinstance(position, dict) else (0, 0)
    if not isinstance(position, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)
    ):
        c.error("position", _("not an object with numbers lat and lon"))
    elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
        c.error("position", _("latitude or longitude out of range"))


def _check_times(c: _Checker, item: dict) -> None:
    start = parse_aware_datetime(item.get("start_time"))
    if start is None:
        c.error("start_time", _("not an ISO 8601 time with a UTC offset"))
    if item.get("end_time") is None:
        return
    end = parse_aware_datetime(item.get("end_time"))
    if end is None:
        c.error("end_time", _("not an ISO 8601 time with a UTC offset"))
    elif start is not None and end < start:
        c.error("end_time", _("the event ends before it starts"))


def _check_event(c: _Checker, item: dict) -> None:
    for field in ("name", "short_description", "description"):
        c.multilingual(item, field, required=field == "name")
    _check_times(c, item)
    c.refs(item, "location", "places")
    c.url(item, "online_url")
    if item.get("location") is None and not item.get("online_url"):
        c.error("location", _("an event needs a location or an online_url"))
    c.refs(item, "organizers", "organizations", many=True)
    c.refs(item, "topics", "topics", many=True)
    c.refs(item, "audiences", "audiences", many=True)
    c.languages(item)
    offers = item.get("offers") or []
    if not isinstance(offers, list) or not all(isinstance(o, dict) for o in offers):
        c.error("offers", _("not a list of objects"))
    elif offers:
        c.boolean(offers[0], "is_free")
        if not isinstance(offers[0].get("price"), str | dict | None):
            c.error("offers", _("price is not a text"))
        c.url(offers[0], "info_url")
    c.url(item, "registration_url")
    c.choice(item, "event_status", _EVENT_STATUSES)
    c.choices(item, "accessibility", _ACCESSIBILITY)
    c.refs(item, "super_event", "events")
    if item.get("super_event") is not None and item.get("super_event") == item.get("id"):
        c.error("super_event", _("an event cannot be part of itself"))
    c.choice(item, "super_event_type", _SUPER_EVENT_TYPES)


def _check_schedule(c: _Checker, schedule: Any) -> None:
    if not isinstance(schedule, list) or not all(isinstance(s, dict) for s in schedule):
        c.error("schedule", _("not a list of objects"))
        return
    for n, slot in enumerate(schedule):
        field = f"schedule[{n}]"
        weekday = slot.get("weekday")
        if not isinstance(weekday, int) or isinstance(weekday, bool) or not 1 <= weekday <= 7:
            c.error(field, _("weekday is not a number from 1 (Monday) to 7 (Sunday)"))
        start = parse_clock(slot.get("start"))
        if start is None:
            c.error(field, _("start is not a time HH:MM"))
        if slot.get("end") is not None:
            end = parse_clock(slot["end"])
            if end is None:
                c.error(field, _("end is not a time HH:MM"))
            elif start is not None and end < start:
                c.error(field, _("ends before it starts"))


def _check_activity(c: _Checker, item: dict) -> None:
    c.multilingual(item, "name", required=True)
    c.multilingual(item, "description")
    c.choice(item, "kind", _KINDS, required=True)
    c.choices(item, "participation", _PARTICIPATION)
    _check_schedule(c, item.get("schedule") or [])
    c.refs(item, "organizer", "organizations")
    c.refs(item, "location", "places")
    c.refs(item, "municipalities", "municipalities", many=True)
    c.refs(item, "topics", "topics", many=True)
    c.refs(item, "audiences", "audiences", many=True)
    c.languages(item)
    c.boolean(item, "is_free")
    if not isinstance(item.get("price"), str | dict | None):
        c.error("price", _("not a text"))
    c.choices(item, "accessibility", _ACCESSIBILITY)
    contact = item.get("contact")
    if contact is not None and not isinstance(contact, dict):
        c.error("contact", _("not an object"))
    elif contact:
        c.email(contact, "email")
        c.text(contact, "phone", max_length=40)


def _check_municipality(c: _Checker, item: dict) -> None:
    if not isinstance(item.get("code"), str) or not _CODE.match(item["code"]):
        c.error("code", _("not a three-digit municipality code"))
    c.multilingual(item, "name", required=True)
    if item.get("region") not in c.known["regions"]:
        c.error("region", _("%(value)s is not a known region") % {"value": _repr(item["region"])})


def _check_term(c: _Checker, item: dict) -> None:
    if not _SLUG.match(item["id"]):
        c.error("id", _("use only lowercase letters, digits and hyphens"))
    c.multilingual(item, "name", required=True)
    c.text(item, "yso", max_length=40)


_CHECKS = {
    "municipalities": _check_municipality,
    "topics": _check_term,
    "audiences": _check_term,
    "organizations": _check_organization,
    "places": _check_place,
    "events": _check_event,
    "activities": _check_activity,
}


def _known_ids(data: dict) -> dict[str, set[str]]:
    """What references may point to: ids in the file, and what the database already has."""
    source = data["data_source"]
    prefix = f"{source}:"
    known = {
        "municipalities": set(Municipality.objects.values_list("code", flat=True)),
        "topics": set(Topic.objects.values_list("slug", flat=True)),
        "audiences": set(Audience.objects.values_list("slug", flat=True)),
        "regions": {name for r in reference_regions() for name in r["name"].values()},
    }
    known["regions"].update(Region.objects.values_list("name_fi", flat=True))
    for kind, model in (("organizations", Organization), ("places", Place), ("events", Event)):
        public_ids = model.objects.filter(data_source=source).values_list("public_id", flat=True)
        known[kind] = {p.removeprefix(prefix) for p in public_ids}
    for kind in LISTS:
        key = "code" if kind == "municipalities" else "id"
        known.setdefault(kind, set()).update(
            item[key]
            for item in data.get(kind) or []
            if isinstance(item, dict) and isinstance(item.get(key), str)
        )
    return known


def _check_header(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return [_("The dataset is not a JSON object.")]
    errors = []
    if data.get("format") != DATASET_FORMAT:
        errors.append(
            _('format: expected "%(expected)s", got %(got)s')
            % {"expected": DATASET_FORMAT, "got": _repr(data.get("format"))}
        )
    source = data.get("data_source")
    if not isinstance(source, str) or not _SLUG.match(source):
        errors.append(_("data_source: use only lowercase letters, digits and hyphens"))
    for kind in LISTS:
        if not isinstance(data.get(kind, []), list):
            errors.append(_("%(list)s: not a list") % {"list": kind})
    return errors


def _check_lists(c: _Checker) -> None:
    for kind in LISTS:
        key = "code" if kind == "municipalities" else "id"
        seen = set()
        for index, item in enumerate(c.data.get(kind) or []):
            item_id = item.get(key) if isinstance(item, dict) else None
            c.where = f"{kind}[{index}] ({item_id})"
            if not isinstance(item, dict):
                c.error("-", _("not an object"))
                continue
            if not isinstance(item_id, str) or not item_id:
                c.error(key, _("missing"))
                continue
            if item_id in seen:
                c.error(key, _("the same id appears twice in the list"))
            seen.add(item_id)
            _CHECKS[kind](c, item)


def dataset_validate(*, data: Any) -> None:
    """Raise a ValidationError listing (up to MAX_ERRORS) problems of the dataset."""
    errors = _check_header(data)
    if errors:
        raise ValidationError(errors)
    checker = _Checker(data, _known_ids(data))
    try:
        _check_lists(checker)
    except _TooManyErrors:
        checker.errors.append(_("… stopped after %(n)d errors.") % {"n": MAX_ERRORS})
    if checker.errors:
        raise ValidationError(checker.errors)
