"""What a row of each spreadsheet means: its columns, the object it matches, and its
check and write, through self-service's own forms and services (the rules stay one).

A row's cells become the data of the form a person would fill in on the edit page;
cells of a column the file does not have keep the object's current values. The form
checks the row; the service writes it.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from activities.models import Activity
from core.forms import DRAFT, PUBLISH
from core.richtext import sanitize_html
from events.models import Event
from municipalities.models import Municipality
from organizations.models import Organization
from organizations.ytunnus import validate_ytunnus
from places.selectors import place_choices
from selfservice import services as selfservice
from selfservice.forms import ActivityForm, EventForm, OrganizationForm
from taxonomy.models import Topic

from . import sheet_cells as cells
from .sheet_cells import Column

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
ROW = "-"  # the "column" of an error about the whole row

ID = Column(
    "id", "tunniste", "id", _l("Sakke's id of a listing to update (empty: matched by name)")
)
NAME = Column("name_fi", "nimi", "name", _l("Name in Finnish"), required=True)
DESCRIPTION = Column("description_fi", "kuvaus", "description", _l("Description in Finnish"))
NAME_SV = Column("name_sv", "nimi ruotsiksi", "name in swedish", _l("Name in Swedish"))
NAME_EN = Column("name_en", "nimi englanniksi", "name in english", _l("Name in English"))
PLACE = Column(
    "location", "paikka", "place", _l('A place in Sakke\'s list, or "name, municipality"')
)
FREE = Column("is_free", "maksuton", "free", _l('"kyllä" or "ei"; empty: free if no price'))
PRICE = Column("price_fi", "hinta", "price", _l("Price in words"))
TOPICS = Column("topics", "aiheet", "topics", _l("Topics of Sakke's list, separated by commas"))
VISIBILITY = Column(
    "visibility", "näkyvyys", "visibility", _l('"julkinen" (the default) or "luonnos" (draft)')
)

EVENT_COLUMNS = [
    ID,
    Column(**{**NAME.__dict__, "example": "Kevätkonsertti"}),
    Column("start_date", "päivä", "date", _l("Date: 1.3.2027"), "14.5.2027", required=True),
    Column("start_time", "alkaa", "starts", _l("Time it starts: 18:00"), "18:00", required=True),
    Column("end_time", "päättyy", "ends", _l("Time it ends: 20:00"), "20:00"),
    Column("end_date", "päättymispäivä", "end date", _l("Only if it lasts several days")),
    Column(
        "short_description_fi",
        "lyhyt kuvaus",
        "short description",
        _l("One or two sentences"),
        "Kuoro laulaa kevään lauluja.",
    ),  # fmt: skip
    DESCRIPTION,
    PLACE,
    Column("online_url", "verkkolinkki", "online link", _l("If people can join online")),
    Column(**{**FREE.__dict__, "example": "kyllä"}),
    PRICE,
    Column("registration_url", "ilmoittautumislinkki", "registration link", _l("Address")),
    TOPICS,
    VISIBILITY,
    NAME_SV,
    NAME_EN,
]

ACTIVITY_COLUMNS = [
    ID,
    Column(**{**NAME.__dict__, "example": "Tuolijumppa"}),
    Column(
        "kind",
        "laji",
        "kind",
        _l('"harrastus", "tuki" or "vapaaehtoistehtävä" (empty: harrastus)'),
        "harrastus",
    ),  # fmt: skip
    Column(**{**DESCRIPTION.__dict__, "example": "Kevyttä jumppaa istuen."}),
    Column(
        "schedule",
        "ajat",
        "times",
        _l('Weekly times: "ma 18:00-20:00, to 17:30-19:00"'),
        "ti 10:00-11:00",
    ),  # fmt: skip
    PLACE,
    Column("municipalities", "kunnat", "municipalities", _l("Municipalities, by commas")),
    TOPICS,
    Column(**{**FREE.__dict__, "example": "kyllä"}),
    PRICE,
    Column("contact_email", "sähköposti", "e-mail", _l("Contact e-mail")),
    Column("contact_phone", "puhelin", "phone", _l("Contact phone")),
    # A volunteering task is an activity of its own kind, with two things only it has.
    Column(
        "skills_wanted_fi",
        "osaamistarve",
        "skills wanted",
        _l("Volunteering tasks only: what a volunteer should know or be able to do"),
    ),
    Column(
        "time_commitment_fi",
        "ajankäyttö",
        "time commitment",
        _l('Volunteering tasks only: how much time it takes, e.g. "2 tuntia viikossa"'),
    ),
    VISIBILITY,
    NAME_SV,
    NAME_EN,
]

VOLUNTEERING_ONLY = ("skills_wanted_fi", "time_commitment_fi")

ASSOCIATION_COLUMNS = [
    ID,
    Column(**{**NAME.__dict__, "example": "Esimerkkikylän kyläyhdistys ry"}),
    Column("business_id", "y-tunnus", "business id", _l("Business id: 1234567-8")),
    Column(**{**DESCRIPTION.__dict__, "example": "Kylän yhteinen yhdistys."}),
    Column("email", "sähköposti", "e-mail", _l("E-mail"), "kylayhdistys@example.fi"),
    Column("phone", "puhelin", "phone", _l("Phone")),
    Column("website", "verkkosivu", "website", _l("Website")),
    Column("street_address", "katuosoite", "street address", _l("Street address")),
    Column("postal_code", "postinumero", "postal code", _l("Postal code")),
    Column("address_municipality", "kotikunta", "municipality", _l("Municipality of the address")),
    Column("municipalities", "toimintakunnat", "municipalities served", _l("By commas")),
    TOPICS,
]


@dataclass
class RowCheck:
    number: int
    name: str = ""
    status: str = NEW
    errors: list[tuple[str, str]] = field(default_factory=list)
    write: Callable[[], object] | None = None
    key: tuple | None = None
    target: int | None = None  # the pk of the object the row updates


class RowErrors:
    """The errors of one row, by column (its Finnish header, as in the template)."""

    def __init__(self, columns: list[Column]):
        self.headers = {column.key: column.fi for column in columns}
        self.items: list[tuple[str, str]] = []
        self.columns: set[str] = set()

    def add(self, key: str, messages) -> None:
        if key in self.columns:  # the cell's own error says it already
            return
        self.columns.add(key)
        for message in [messages] if isinstance(messages, str) else messages:
            self.items.append((self.headers.get(key, ROW), str(message)))

    def parse(self, row: dict, values: dict, key: str, parser: Callable) -> None:
        """values[key] = the cell read by `parser`, if the file has the column."""
        if key not in row:
            return
        try:
            values[key] = parser(row[key])
        except ValidationError as error:
            self.add(key, error.messages)

    def from_form(self, form, field_map: dict | None = None) -> None:
        for name, messages in form.errors.items():
            name = (field_map or {}).get(name, name)
            self.add(name if name in self.headers else ROW, messages)


def _text(value: str) -> str:
    return value.strip()


def _state(form) -> tuple:
    """What a valid form would write, normalised so that unchanged rows compare equal."""
    data = {}
    for name, value in form.data_for_service().items():
        if name.startswith("description_"):
            value = sanitize_html(value or "")
        elif isinstance(value, str):
            value = value.strip()
        elif hasattr(value, "pk"):
            value = value.pk
        data[name] = value
    relations = {name: sorted(o.pk for o in objs) for name, objs in form.relations().items()}
    return data, relations, getattr(form, "publish", None)


def _overlay(data: dict, values: dict) -> None:
    """The file's cells over the current values: an empty cell clears, but an empty
    visibility or kind means "as it is" (new rows: public, a hobby)."""
    for key, value in values.items():
        if value is not None or key not in ("visibility", "kind"):
            data[key] = value


def _visibility_of(obj) -> str:
    return DRAFT if obj.publication_status == "draft" else PUBLISH


def _free(row: dict, values: dict) -> None:
    if "is_free" in row and values.get("is_free") is None:
        values["is_free"] = not (row.get("price_fi") or "").strip()


def _finish(check: RowCheck, errors: RowErrors, form, write, old=None, extra=None) -> RowCheck:
    """The row's verdict; `old` is (state, extra) of the object before, () if unknown."""
    if not errors.items and not form.is_valid():
        errors.from_form(form, EventForm.ERROR_FIELDS if isinstance(form, EventForm) else None)
    if errors.items:
        check.status, check.errors = ERROR, errors.items
        return check
    if old is not None:
        check.status = UNCHANGED if old == (_state(form), extra) else CHANGED
    check.write = None if check.status == UNCHANGED else write
    return check


def _keep_duration(event: Event, data: dict) -> None:
    """A file without an end column moves an event's end with its start."""
    if not (event.end_time and data.get("start_date") and data.get("start_time")):
        return
    start = dt.datetime.combine(data["start_date"], data["start_time"])
    end = start + (event.end_time - event.start_time)
    data["end_time"] = end.time()
    data["end_date"] = end.date() if end.date() != start.date() else None


class EventRows:
    kind = "events"
    columns = EVENT_COLUMNS

    def __init__(self, *, user, organization):
        self.user, self.organization = user, organization
        self.events = Event.objects.filter(organizers=organization)

    def check(self, number: int, row: dict) -> RowCheck:
        errors, values = RowErrors(self.columns), {}
        for key in ("name_fi", "short_description_fi", "description_fi", "online_url"):
            errors.parse(row, values, key, _text)
        for key in ("price_fi", "registration_url", "name_sv", "name_en"):
            errors.parse(row, values, key, _text)
        errors.parse(row, values, "start_date", cells.date)
        errors.parse(row, values, "end_date", cells.date)
        errors.parse(row, values, "start_time", cells.time)
        errors.parse(row, values, "end_time", cells.time)
        errors.parse(row, values, "is_free", cells.boolean)
        errors.parse(row, values, "topics", lambda text: cells.named(Topic.objects, text))
        errors.parse(row, values, "visibility", cells.visibility)
        _free(row, values)
        check = RowCheck(number, name=values.get("name_fi", ""))
        existing = self._existing(row, values, errors, check)
        check.target = getattr(existing, "pk", None)
        places = place_choices(self.organization, current_id=getattr(existing, "location_id", None))
        errors.parse(row, values, "location", lambda text: cells.place(places, text))
        if existing is not None:
            data = EventForm.initial_for(existing)
            old = EventForm(data=dict(data))
            old.fields["location"].queryset = places
            old_state = (_state(old), None) if old.is_valid() else ()
        else:
            data, old_state = {"visibility": PUBLISH, "is_free": True}, None
        _overlay(data, values)
        if existing is not None:
            if values.get("visibility") is None:
                data["visibility"] = _visibility_of(existing)
            if "end_time" not in row:
                _keep_duration(existing, data)
        form = EventForm(data=data)
        form.fields["location"].queryset = places
        check.status = NEW if existing is None else CHANGED

        def write():
            return selfservice.event_save(
                user=self.user,
                organization=self.organization,
                event=existing,
                data=form.data_for_service(),
                relations=form.relations(),
                publish=form.publish,
            )

        return _finish(check, errors, form, write, old_state)

    def _existing(self, row, values, errors, check) -> Event | None:
        public_id = (row.get("id") or "").strip()
        if public_id:
            check.key = ("id", public_id)
            event = self.events.filter(public_id=public_id).first()
            if event is None:
                errors.add("id", _("Your association has no event with this id."))
            return event
        date, time, name = values.get("start_date"), values.get("start_time"), values.get("name_fi")
        if not (date and time and name):
            return None
        start = timezone.make_aware(dt.datetime.combine(date, time))
        check.key = ("event", name.lower(), start.isoformat())
        return self.events.filter(name_fi__iexact=name, start_time=start).first()


ACTIVITY_KINDS = {
    "harrastus": Activity.Kind.HOBBY, "ryhmä": Activity.Kind.HOBBY, "hobby": Activity.Kind.HOBBY,
    "tuki": Activity.Kind.SUPPORT, "vertaistuki": Activity.Kind.SUPPORT,
    "support": Activity.Kind.SUPPORT,
    "vapaaehtoistehtävä": Activity.Kind.VOLUNTEERING, "vapaaehtoistyö": Activity.Kind.VOLUNTEERING,
    "volunteering": Activity.Kind.VOLUNTEERING,
}  # fmt: skip


def _activity_kind(text: str) -> str | None:
    value = text.strip().lower()
    if not value:
        return None
    if value not in ACTIVITY_KINDS:
        raise ValidationError(_('Write "harrastus", "tuki" or "vapaaehtoistehtävä".'))
    return ACTIVITY_KINDS[value]


def _model_initial(form_class, obj, m2m, **kwargs) -> dict:
    names = form_class(**kwargs).fields
    data = {name: getattr(obj, name) for name in names if hasattr(obj, name) and name not in m2m}
    data.update({name: list(getattr(obj, name).all()) for name in m2m if name in names})
    data.pop("image", None)
    data.pop("logo", None)
    return data


class ActivityRows:
    kind = "activities"
    columns = ACTIVITY_COLUMNS

    def __init__(self, *, user, organization):
        self.user, self.organization = user, organization
        self.activities = Activity.objects.filter(organizer=organization)

    def check(self, number: int, row: dict) -> RowCheck:
        errors, values = RowErrors(self.columns), {}
        for key in ("name_fi", "description_fi", "price_fi", "contact_email", "contact_phone"):
            errors.parse(row, values, key, _text)
        for key in ("name_sv", "name_en", *VOLUNTEERING_ONLY):
            errors.parse(row, values, key, _text)
        errors.parse(row, values, "kind", _activity_kind)
        errors.parse(row, values, "is_free", cells.boolean)
        errors.parse(row, values, "topics", lambda text: cells.named(Topic.objects, text))
        errors.parse(row, values, "municipalities", self._municipalities)
        errors.parse(row, values, "visibility", cells.visibility)
        schedule = {}
        errors.parse(row, schedule, "schedule", cells.weekly_times)
        _free(row, values)
        check = RowCheck(number, name=values.get("name_fi", ""))
        existing = self._existing(row, values, errors, check)
        check.target = getattr(existing, "pk", None)
        places = place_choices(self.organization, current_id=getattr(existing, "location_id", None))
        errors.parse(row, values, "location", lambda text: cells.place(places, text))
        volunteering = values.get("kind") == Activity.Kind.VOLUNTEERING
        if existing is not None:
            if values.get("kind") and volunteering != (existing.kind == Activity.Kind.VOLUNTEERING):
                errors.add("kind", _("A volunteering task stays one; add a new row instead."))
            volunteering = existing.kind == Activity.Kind.VOLUNTEERING
        for key in VOLUNTEERING_ONLY:
            if values.get(key) and not volunteering:
                errors.add(
                    key,
                    _('Only a volunteering task has this: set the kind to "vapaaehtoistehtävä".'),
                )
        if existing is not None:
            data = _model_initial(
                ActivityForm, existing, ActivityForm.M2M, volunteering=volunteering
            )
            data["visibility"] = _visibility_of(existing)
            old = ActivityForm(data=dict(data), instance=existing, volunteering=volunteering)
            old.fields["location"].queryset = places
            slots = sorted((s.weekday, s.start, s.end) for s in existing.schedule.all())
            old_state = (_state(old), slots) if old.is_valid() else ()
        else:
            data, old_state = {"visibility": PUBLISH, "is_free": True, "kind": "hobby"}, None
        _overlay(data, values)
        instance = existing or Activity(organizer=self.organization)
        form = ActivityForm(data=data, instance=instance, volunteering=volunteering)
        form.fields["location"].queryset = places
        slots = schedule.get("schedule")
        check.status = NEW if existing is None else CHANGED

        def write():
            return selfservice.activity_save(
                user=self.user,
                organization=self.organization,
                activity=existing,
                data=form.data_for_service(),
                relations=form.relations(),
                schedule=slots,
                publish=form.publish,
            )

        new_slots = None if slots is None else sorted(tuple(s.values()) for s in slots)
        if old_state and slots is None:
            new_slots = old_state[1]
        return _finish(check, errors, form, write, old_state, new_slots)

    def _municipalities(self, text: str) -> list:
        return cells.named(Municipality.objects.all(), text, fields=("name_fi", "name_sv", "code"))

    def _existing(self, row, values, errors, check) -> Activity | None:
        public_id = (row.get("id") or "").strip()
        if public_id:
            check.key = ("id", public_id)
            activity = self.activities.filter(public_id=public_id).first()
            if activity is None:
                errors.add("id", _("Your association has no activity with this id."))
            return activity
        name = values.get("name_fi")
        if not name:
            return None
        check.key = ("activity", name.lower())
        matches = list(self.activities.filter(name_fi__iexact=name)[:2])
        if len(matches) > 1:
            errors.add("name_fi", _("Several of your activities have this name: give the id."))
        return matches[0] if len(matches) == 1 else None


class AssociationRows:
    """The coordinator's rows: associations, new ones published at once."""

    kind = "associations"
    columns = ASSOCIATION_COLUMNS
    M2M = ("municipalities", "topics", "audiences")

    def __init__(self, *, user, organization=None):
        self.user = user

    def check(self, number: int, row: dict) -> RowCheck:
        errors, values = RowErrors(self.columns), {}
        for key in ("name_fi", "description_fi", "email", "phone", "website"):
            errors.parse(row, values, key, _text)
        for key in ("street_address", "postal_code", "business_id"):
            errors.parse(row, values, key, _text)
        municipalities = Municipality.objects.all()
        fields = ("name_fi", "name_sv", "code")
        errors.parse(
            row, values, "municipalities", lambda t: cells.named(municipalities, t, fields=fields)
        )
        errors.parse(
            row, values, "address_municipality",
            lambda t: (cells.named(municipalities, t, fields=fields) or [None])[0],
        )  # fmt: skip
        errors.parse(row, values, "topics", lambda text: cells.named(Topic.objects, text))
        business_id = values.pop("business_id", "")
        if business_id:
            try:
                validate_ytunnus(business_id)
            except ValidationError as error:
                errors.add("business_id", error.messages)
        check = RowCheck(number, name=values.get("name_fi", ""))
        existing = self._existing(row, values, business_id, errors, check)
        check.target = getattr(existing, "pk", None)
        if existing is not None:
            data = _model_initial(OrganizationForm, existing, self.M2M, instance=existing)
            old = OrganizationForm(data=dict(data), instance=existing)
            old_state = (_state(old), existing.business_id) if old.is_valid() else ()
        else:
            data, old_state = {}, None
        for key, value in values.items():
            data[key] = value
        form = OrganizationForm(data=data, instance=existing or Organization())
        check.status = NEW if existing is None else CHANGED
        new_business_id = business_id or getattr(existing, "business_id", "")

        def write():
            return _association_write(self.user, existing, form, business_id)

        return _finish(check, errors, form, write, old_state, new_business_id)

    def _existing(self, row, values, business_id, errors, check) -> Organization | None:
        public_id = (row.get("id") or "").strip()
        organizations = Organization.objects.all()
        if public_id:
            check.key = ("id", public_id)
            found = organizations.filter(public_id=public_id).first()
            if found is None:
                errors.add("id", _("No association has this id."))
            elif business_id and found.business_id and found.business_id != business_id:
                errors.add("business_id", _("The association has another business id."))
            return found
        if business_id:
            check.key = ("business_id", business_id)
            found = organizations.filter(business_id=business_id).first()
            if found is not None:
                return found
        name = values.get("name_fi")
        if not name:
            return None
        check.key = check.key or ("association", name.lower())
        matches = list(organizations.filter(name_fi__iexact=name)[:2])
        if len(matches) > 1:
            errors.add("name_fi", _("Several associations have this name: give the id."))
        return matches[0] if len(matches) == 1 else None


def _association_write(user, existing, form, business_id: str) -> Organization:
    from .services import association_add

    organization = existing
    if organization is None:
        organization = association_add(
            user=user, name=form.cleaned_data["name_fi"], business_id=business_id
        )
    elif business_id and not organization.business_id:
        organization.business_id = business_id
        organization.save(update_fields=["business_id", "updated_at"])
    return selfservice.organization_update(
        user=user,
        organization=organization,
        data=form.data_for_service(),
        relations=form.relations(),
    )


KINDS = {rows.kind: rows for rows in (EventRows, ActivityRows, AssociationRows)}
