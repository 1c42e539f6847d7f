"""Writes of self-service: an association's own profile, events and activities.

Every function checks accounts.permissions first, validates before writing, runs in
one transaction that stores a revision and indexes once (core.writes.content_write).
Publication follows core.publication.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from accounts.permissions import (
    can_edit_activity,
    can_edit_event,
    can_edit_organization,
    is_coordinator,
)
from activities.models import Activity, WeeklySlot
from core.changes import changes_nothing, column_values
from core.history import add_to_revision
from core.images import prepare_logo, prepare_picture
from core.languages import LANGUAGE_CODES
from core.models import PublicationStatus
from core.public_ids import save_new_or_changed, save_with_public_id
from core.publication import mark_changed, status_after_edit
from core.richtext import sanitize_html
from core.uploads import replacing_file
from core.writes import content_write
from events.models import Event
from importers.duplicates import link_duplicate, release_duplicates
from organizations.models import (
    CONTACT_CONSENT_TEXT_VERSION,
    Contact,
    Organization,
    SocialLink,
)
from places.models import Place
from places.selectors import place_choices

from .series import SeriesRule, series_dates


def _translated(*names: str) -> set[str]:
    return {f"{name}_{lang}" for name in names for lang in LANGUAGE_CODES}


ORGANIZATION_FIELDS = _translated("name", "description") | {
    "email",
    "phone",
    "website",
    "street_address",
    "postal_code",
    "address_municipality",
}
EVENT_FIELDS = _translated("name", "short_description", "description", "price", "image_alt") | {
    "start_time",
    "end_time",
    "location",
    "online_url",
    "is_free",
    "offer_info_url",
    "registration_url",
    "audience_min_age",
    "audience_max_age",
    "accessibility",
}
EVENT_RELATIONS = {"topics", "audiences", "in_language"}
ACTIVITY_FIELDS = _translated(
    "name", "description", "price", "skills_wanted", "time_commitment", "image_alt"
) | {
    "kind",
    "participation",
    "location",
    "is_free",
    "accessibility",
    "contact_email",
    "contact_phone",
}
ACTIVITY_RELATIONS = {"municipalities", "topics", "audiences", "in_language"}
RICH_TEXT = _translated("description")


def _assign(obj: models.Model, data: dict, allowed: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        # A programming error, not a user's: the form and the service disagree.
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        if name in RICH_TEXT:
            value = sanitize_html(value or "")
        elif isinstance(value, str):
            value = value.strip()
        setattr(obj, name, value)


def _set_relations(obj: models.Model, relations: dict, allowed: set[str]) -> None:
    for name, values in relations.items():
        if name not in allowed:
            raise ValueError(f"Relation not editable here: {name}")
        getattr(obj, name).set(values)


def _validate(obj: models.Model, exclude: Iterable[str] = ()) -> None:
    # public_id is set after the first save (sakke:<pk>); the rest is the model's own check.
    obj.full_clean(exclude=["public_id", *exclude], validate_unique=False)


# The association's profile


def organization_update(
    *,
    user,
    organization: Organization,
    data: dict,
    relations: dict | None = None,
    contacts: list[dict] | None = None,
    social_links: list[dict] | None = None,
    logo=None,
    remove_logo: bool = False,
) -> Organization:
    """Save the profile; a published association stays published, marked as changed."""
    if not can_edit_organization(user, organization):
        raise PermissionDenied(_("You may not edit this association."))
    _assign(organization, data, ORGANIZATION_FIELDS)
    if not organization.name_fi:
        raise ValidationError({"name_fi": _("Enter the name of the association in Finnish.")})
    prepared = prepare_logo(logo) if logo else None
    _validate(organization, exclude=["logo"])
    for row in contacts or []:
        if not (row.get("name") or "").strip():
            raise ValidationError({"contacts": _("Every contact person needs a name.")})
    with (
        replacing_file(organization, "logo", prepared, remove=remove_logo),
        content_write(user, _("Edited the association's profile")),
    ):
        mark_changed(organization, user)
        organization.save()
        _set_relations(organization, relations or {}, {"municipalities", "topics", "audiences"})
        if contacts is not None:
            rows = _contacts_with_consent_records(user, organization, contacts)
            organization.contacts.all().delete()
            Contact.objects.bulk_create(Contact(organization=organization, **row) for row in rows)
        if social_links is not None:
            organization.social_links.all().delete()
            SocialLink.objects.bulk_create(
                SocialLink(organization=organization, **_stripped(row)) for row in social_links
            )
    return organization


_CONSENT_RECORD = (
    "consent_date",
    "consent_text_version",
    "consent_recorded_by",
    "consent_withdrawn_at",
)


def _contacts_with_consent_records(user, organization: Organization, rows: list[dict]):
    """The contact rows with their consent record.

    The rows replace the old ones, so a person's record (matched by name and e-mail) is
    carried over: a consent in force keeps who recorded it, when and to which wording; a
    new consent is recorded to the editor and today's wording; a consent taken away gets
    the time. A row without "consent" keeps the old state.
    """
    before = {
        (c.name.strip().lower(), c.email.strip().lower()): c for c in organization.contacts.all()
    }
    now = timezone.now()
    recorded = []
    for row in rows:
        row = _stripped(row)
        old = before.get(((row.get("name") or "").lower(), (row.get("email") or "").lower()))
        had_consent = bool(old and old.consent)
        row.setdefault("consent", had_consent)
        if old is not None:
            for name in _CONSENT_RECORD:
                row.setdefault(name, getattr(old, name))
        if row["consent"] and not had_consent:
            row.update(
                consent_date=timezone.localdate(),
                consent_text_version=CONTACT_CONSENT_TEXT_VERSION,
                consent_recorded_by=user,
                consent_withdrawn_at=None,
            )
        elif had_consent and not row["consent"]:
            row["consent_withdrawn_at"] = now
        recorded.append(row)
    return recorded


def association_contact_consent_withdraw(*, user, contact: Contact, now=None) -> None:
    """The person named as an association's contact takes back their consent: their
    details are hidden at once, on the pages and in the API.

    Only the person (signed in with the contact's confirmed address) may do it here; the
    association's editors untick the consent on the profile form.
    """
    if not (
        user.is_authenticated
        and user.email_verified_at
        and contact.email
        and contact.email.lower() == user.email.lower()
    ):
        raise PermissionDenied
    with content_write(user, _("Withdrew the consent to show contact details")):
        contact.consent = False
        contact.consent_withdrawn_at = now or timezone.now()
        contact.save(update_fields=["consent", "consent_withdrawn_at"])
        add_to_revision(contact.organization)


def _stripped(row: dict) -> dict:
    return {key: value.strip() if isinstance(value, str) else value for key, value in row.items()}


def organization_submit(*, user, organization: Organization) -> Organization:
    """Send an unpublished association to the coordinator (who publishes it directly)."""
    if not can_edit_organization(user, organization):
        raise PermissionDenied(_("You may not edit this association."))
    if organization.is_published:
        raise ValidationError(
            {"publication_status": _("The association's page is already published.")}
        )
    if not organization.name_fi or not organization.description_fi:
        raise ValidationError(
            {
                "description_fi": _(
                    "Write a short description in Finnish before sending the page for approval."
                )
            }
        )
    with content_write(user, _("Sent for approval")):
        if is_coordinator(user):
            organization.publication_status = PublicationStatus.PUBLISHED
            organization.reviewed_at = timezone.now()
        else:
            organization.publication_status = PublicationStatus.PENDING
            organization.reviewed_at = None
        organization.save(update_fields=["publication_status", "reviewed_at", "updated_at"])
    return organization


# Places

PLACE_FIELDS = {
    "name_fi",
    "street_address_fi",
    "postal_code",
    "municipality",
    "accessibility_notes_fi",
}


def place_add(*, user, organization: Organization, data: dict) -> Place:
    """Add a meeting place for an association's events and activities.

    The place waits for the coordinator (pending) and only `organization` can choose it
    meanwhile; a coordinator's place is public at once. A place already in the list
    (same name in the same municipality) is not added twice.
    """
    if not can_edit_organization(user, organization):
        raise PermissionDenied(_("You may not add places for this association."))
    place = Place(proposed_by=organization)
    _assign(place, data, PLACE_FIELDS)
    if not place.name_fi:
        raise ValidationError({"name_fi": _("Enter the name of the place.")})
    existing = place_choices(organization).filter(
        name_fi__iexact=place.name_fi, municipality=place.municipality
    )
    if existing.exists():
        raise ValidationError(
            {"name_fi": _("This place is already in the list. Choose it from the list.")}
        )
    _validate(place)
    with content_write(user, _("Added the place")):
        if is_coordinator(user):
            place.publication_status = PublicationStatus.PUBLISHED
            place.reviewed_at = timezone.now()
        else:
            place.publication_status = PublicationStatus.PENDING
            place.reviewed_at = None
        save_with_public_id(place)
    return place


# Events

CONTENT_FIELDS = sorted(EVENT_FIELDS - {"start_time", "end_time"})


def _check_event_times(event: Event) -> None:
    if event.end_time and event.end_time < event.start_time:
        raise ValidationError({"end_time": _("The event cannot end before it starts.")})


def _as_its_form_writes_it(event: Event, data: dict) -> dict:
    """The event's column values as its form, saved as it was opened, writes them back:
    rich text sanitised (imported plain text becomes paragraphs), text stripped, an
    empty text for a translation that was never given (None), and a list of choices
    (accessibility) in the form's order. So an imported event opened and saved as it is
    changes nothing."""
    own = {}
    for name, sent in data.items():
        value = getattr(event, name)
        if value is None and isinstance(sent, str):
            value = ""
        elif isinstance(value, list) and isinstance(sent, list) and sorted(value) == sorted(sent):
            value = list(sent)
        own[name] = value
    _assign(event, own, EVENT_FIELDS)
    return column_values(event)


def event_save(
    *,
    user,
    organization: Organization,
    data: dict,
    relations: dict | None = None,
    publish: bool,
    event: Event | None = None,
    series: SeriesRule | None = None,
    end_series: bool = False,
    image=None,
    remove_image: bool = False,
) -> Event:
    """Add or change an event; with `series`, make it the head of a weekly series.

    Changes to the head of a series reach all its dates; `end_series` leaves only the head.
    A picture (`image`) needs its description in Finnish (`image_alt_fi` in `data`).
    A save that changes nothing writes nothing (core.changes).
    """
    if not can_edit_organization(user, organization):
        raise PermissionDenied(_("You may not add events for this association."))
    if event is not None and not can_edit_event(user, event):
        raise PermissionDenied(_("You may not edit this event."))
    is_new = event is None
    event = event or Event()
    current = event.publication_status if not is_new else PublicationStatus.DRAFT
    before = column_values(event) if is_new else _as_its_form_writes_it(event, data)
    _assign(event, data, EVENT_FIELDS)
    if not event.name_fi:
        raise ValidationError({"name_fi": _("Enter the name of the event in Finnish.")})
    _check_event_times(event)
    prepared = prepare_picture(image, prefix="event") if image else None
    keeps_picture = prepared is not None or (bool(event.image) and not remove_image)
    if keeps_picture and not (event.image_alt_fi or "").strip():
        raise ValidationError({"image_alt_fi": _("Tell in a few words what the picture shows.")})
    if event.super_event_id and series is not None:
        raise ValidationError(
            {"series_repeat": _("One date of a series cannot start a series of its own.")}
        )
    dates = series_dates(series, event.start_time) if series is not None else None
    _validate(event, exclude=["recurrence_rule"])
    event.publication_status = status_after_edit(
        user=user, organization=organization, current=current, publish=publish
    )
    if (
        not is_new
        and prepared is None
        and not (remove_image and event.image)
        # A series head's save also rewrites its dates: always the whole way.
        and series is None
        and event.super_event_type != Event.SuperEventType.RECURRING
        # The coordinator's save marks the event reviewed: a change when it was not.
        and not (is_coordinator(user) and event.reviewed_at is None)
        and changes_nothing(event, before, relations or {})
    ):
        return event
    with (
        replacing_file(event, "image", prepared, remove=remove_image),
        content_write(user, _("Saved the event")),
    ):
        mark_changed(event, user)
        if is_new:
            save_with_public_id(event)
            event.organizers.add(organization)
        _set_relations(event, relations or {}, EVENT_RELATIONS)
        if dates is not None:
            _materialise(event, series, dates)
        elif event.super_event_type == Event.SuperEventType.RECURRING:
            if end_series:
                event.sub_events.all().delete()
                event.super_event_type = ""
                event.recurrence_rule = ""
            else:
                # A rule the simple controls cannot show (e.g. imported): keep its dates.
                for sub in event.sub_events.all():
                    _copy_content(event, sub)
                    sub.save()
                    _copy_relations(event, sub)
        event.save()
        # The same event may have come from a calendar feed or Linked Events.
        for one in [event, *event.sub_events.all()]:
            link_duplicate(one)
    return event


def _copy_content(source: Event, target: Event) -> None:
    for name in CONTENT_FIELDS:
        setattr(target, name, getattr(source, name))
    target.publication_status = source.publication_status
    target.reviewed_at = source.reviewed_at


def _copy_relations(source: Event, target: Event) -> None:
    for name in ("organizers", *sorted(EVENT_RELATIONS)):
        getattr(target, name).set(getattr(source, name).all())


def _materialise(head: Event, rule: SeriesRule, dates: list[dt.datetime]) -> None:
    """Make `head` the first date and one sub-event per further date; keep matching ones."""
    duration = head.end_time - head.start_time if head.end_time else None
    head.start_time = dates[0]
    head.end_time = dates[0] + duration if duration else None
    head.super_event_type = Event.SuperEventType.RECURRING
    head.recurrence_rule = rule.to_rrule()
    head.save()
    existing = {timezone.localdate(sub.start_time): sub for sub in head.sub_events.all()}
    for when in dates[1:]:
        sub = existing.pop(when.date(), None) or Event(super_event=head)
        _copy_content(head, sub)
        sub.start_time = when
        sub.end_time = when + duration if duration else None
        save_new_or_changed(sub)
        _copy_relations(head, sub)
    Event.objects.filter(pk__in=[sub.pk for sub in existing.values()]).delete()


def event_copy(*, user, event: Event, start_date: dt.date) -> Event:
    """A new draft with the event's content on another day, at the same time of day."""
    if not can_edit_event(user, event):
        raise PermissionDenied(_("You may not copy this event."))
    if start_date is None:
        raise ValidationError({"start_date": _("Choose the date of the new event.")})
    start = timezone.localtime(event.start_time)
    new_start = timezone.make_aware(dt.datetime.combine(start_date, start.time()))
    copy = Event()
    _copy_content(event, copy)
    copy.start_time = new_start
    copy.end_time = new_start + (event.end_time - event.start_time) if event.end_time else None
    copy.publication_status = PublicationStatus.DRAFT
    copy.reviewed_at = None
    with content_write(user, _("Copied the event")):
        save_with_public_id(copy)
        _copy_relations(event, copy)
    return copy


def event_cancel(*, user, event: Event, note: str = "") -> Event:
    """Mark the event (and the later dates of its series) cancelled; it stays listed."""
    if not can_edit_event(user, event):
        raise PermissionDenied(_("You may not cancel this event."))
    if event.is_cancelled:
        raise ValidationError({"event_status": _("The event is already cancelled.")})
    note = note.strip()
    if len(note) > 500:
        raise ValidationError({"note": _("Keep the note under 500 characters, please.")})
    events = [event]
    if event.super_event_type == Event.SuperEventType.RECURRING:
        events += list(event.sub_events.filter(start_time__gte=timezone.now()))
    with content_write(user, _("Cancelled the event")):
        for item in events:
            item.event_status = Event.Status.CANCELLED
            if note:
                _prepend_note(item, note)
            mark_changed(item, user)
            item.save()
            release_duplicates(item)  # the same event from another source is listed again
    return event


def _prepend_note(event: Event, note: str) -> None:
    # Event has no field of its own for the note, so it leads the description, in the
    # language of each description that the event has.
    for lang in LANGUAGE_CODES:
        field = f"description_{lang}"
        if lang != "fi" and not getattr(event, field):
            continue
        with translation.override(lang):
            label = _("Cancelled")
        lead = f"<p><strong>{escape(label)}:</strong> {escape(note)}</p>"
        setattr(event, field, sanitize_html(lead + (getattr(event, field) or "")))


# Ongoing activities and volunteering tasks


def activity_save(
    *,
    user,
    organization: Organization,
    data: dict,
    relations: dict | None = None,
    schedule: list[dict] | None = None,
    publish: bool,
    activity: Activity | None = None,
    image=None,
    remove_image: bool = False,
) -> Activity:
    """Add or change an activity or volunteering task, with its weekly times.

    A picture (`image`) needs its description in Finnish (`image_alt_fi` in `data`).
    """
    if not can_edit_organization(user, organization):
        raise PermissionDenied(_("You may not add activities for this association."))
    if activity is not None and not can_edit_activity(user, activity):
        raise PermissionDenied(_("You may not edit this activity."))
    is_new = activity is None
    activity = activity or Activity(organizer=organization)
    current = activity.publication_status if not is_new else PublicationStatus.DRAFT
    _assign(activity, data, ACTIVITY_FIELDS)
    if not activity.name_fi:
        raise ValidationError({"name_fi": _("Enter the name in Finnish.")})
    for slot in schedule or []:
        if slot.get("end") and slot["end"] <= slot["start"]:
            raise ValidationError({"schedule": _("A weekly time must end after it starts.")})
    prepared = prepare_picture(image, prefix="activity") if image else None
    keeps_picture = prepared is not None or (bool(activity.image) and not remove_image)
    if keeps_picture and not (activity.image_alt_fi or "").strip():
        raise ValidationError({"image_alt_fi": _("Tell in a few words what the picture shows.")})
    _validate(activity)
    with (
        replacing_file(activity, "image", prepared, remove=remove_image),
        content_write(user, _("Saved the activity")),
    ):
        activity.publication_status = status_after_edit(
            user=user, organization=organization, current=current, publish=publish
        )
        mark_changed(activity, user)
        save_new_or_changed(activity)
        _set_relations(activity, relations or {}, ACTIVITY_RELATIONS)
        if schedule is not None:
            activity.schedule.all().delete()
            WeeklySlot.objects.bulk_create(
                WeeklySlot(activity=activity, **slot) for slot in schedule
            )
    return activity
