"""Writes of municipality cards: editing, confirming, reminders; every change into history."""

import datetime as dt
from collections import defaultdict

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_municipality
from core.emails import default_base_url, recipient_language, send_each, templated_email
from core.history import add_to_revision
from core.languages import translated_names
from core.richtext import sanitize_html
from core.writes import content_write
from municipalities.models import Municipality
from municipalities.regions import region_name

from .models import (
    CONTACT_CONSENT_TEXT_VERSION,
    CardContact,
    Grant,
    GrantReminderSent,
    GrantReminderSubscription,
    MunicipalityCard,
    PracticeAnswer,
)
from .selectors import upcoming_deadlines

CARD_TEXT_FIELDS = set(translated_names("steps_taken", "steps_planned"))
RICH_TEXT_FIELDS = CARD_TEXT_FIELDS
CONTACT_FIELDS = {"name", "title_fi", "email", "phone", "consent", "consent_date"}
PREMISES_FIELDS = {"name_fi", "address", "capacity", "accessibility_notes_fi", "price"}
PREMISES_FIELDS |= {"booking_fi", "url"}
GRANT_FIELDS = {"name_fi", "purpose_fi", "eligibility_fi", "amounts_fi", "decision_timing_fi"}
GRANT_FIELDS |= {"url"}
PERIOD_FIELDS = {"opens_on", "deadline", "deadline_time"}


def _check_can_edit(user, card: MunicipalityCard) -> None:
    if not can_edit_municipality(user, card.municipality):
        raise PermissionDenied


def _check_fields(data: dict, allowed: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        # A programming error, not a user's: the form and the service disagree.
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")


def _check_rows(rows: list[dict], allowed: set[str], parent, related_name: str) -> None:
    """Every row names only `allowed` fields, and an "id" only of a row of `parent`."""
    ids = {row["id"] for row in rows if row.get("id") is not None}
    existing = getattr(parent, related_name).values_list("pk", flat=True) if parent.pk else []
    if ids - set(existing):
        raise PermissionDenied  # a row of another card or grant
    for row in rows:
        _check_fields(row, allowed | {"id"})


def _replace_rows(existing, rows: list[dict], **parent) -> None:
    """Make `existing` (a parent's related manager) hold `rows`: update those with an "id",
    create the others and delete the rows left out."""
    current = {obj.pk: obj for obj in existing.all()}
    kept = set()
    for row in rows:
        values = dict(row)
        obj = current.get(values.pop("id", None)) or existing.model(**parent)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
        kept.add(obj.pk)
    for pk, obj in current.items():
        if pk not in kept:
            obj.delete()


def _with_consent_records(user, card: MunicipalityCard, rows: list[dict]) -> list[dict]:
    """The contact rows with the consent record: who recorded a new consent and to which
    wording, and when a consent was taken away."""
    before = dict(card.contacts.values_list("pk", "consent")) if card.pk else {}
    now = timezone.now()
    recorded = []
    for row in rows:
        row = dict(row)
        had_consent = before.get(row.get("id"), False)
        if row.get("consent") and not had_consent:
            row["consent_recorded_by"] = user
            row["consent_text_version"] = CONTACT_CONSENT_TEXT_VERSION
            row["consent_withdrawn_at"] = None
        elif had_consent and "consent" in row and not row["consent"]:
            row["consent_withdrawn_at"] = now
        recorded.append(row)
    return recorded


def contact_consent_withdraw(*, user, contact: CardContact, now: dt.datetime | None = None):
    """The person named on a card takes back their consent: their details are hidden at once.

    Only the person (signed in with the contact's confirmed address) may do it here; the
    card's editors untick the consent on the card form.
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
        add_to_revision(contact.card)


def card_update(
    *,
    user,
    card: MunicipalityCard,
    texts: dict,
    checklist: list[tuple],
    contacts: list[dict],
    premises: list[dict],
) -> MunicipalityCard:
    """Save the card's texts, its checklist answers, its contacts and its premises.

    `checklist` is [(practice, status, note)]; an empty status removes the answer.
    `contacts` and `premises` are the rows the card keeps: a row with an "id" changes that
    row, one without is added, and rows left out are removed.
    The card is created here the first time it is saved.
    """
    _check_can_edit(user, card)
    _check_fields(texts, CARD_TEXT_FIELDS)
    _check_rows(contacts, CONTACT_FIELDS, card, "contacts")
    _check_rows(premises, PREMISES_FIELDS, card, "premises")
    statuses = set(PracticeAnswer.Status.values)
    for _practice, status, _note in checklist:
        if status and status not in statuses:
            message = forms.ChoiceField.default_error_messages["invalid_choice"]
            raise ValidationError(message, code="invalid_choice", params={"value": status})
    contacts = _with_consent_records(user, card, contacts)
    with content_write(user, _("Edited the municipality card")):
        for name, value in texts.items():
            setattr(card, name, sanitize_html(value) if name in RICH_TEXT_FIELDS else value)
        card.save()
        _replace_rows(card.contacts, contacts, card=card)
        _replace_rows(card.premises, premises, card=card)
        for practice, status, note in checklist:
            if status:
                PracticeAnswer.objects.update_or_create(
                    card=card, practice=practice, defaults={"status": status, "note": note}
                )
            else:
                PracticeAnswer.objects.filter(card=card, practice=practice).delete()
        add_to_revision(card)
    return card


def card_get_or_create(*, municipality: Municipality) -> MunicipalityCard:
    card, _created = MunicipalityCard.objects.get_or_create(municipality=municipality)
    return card


def grant_save(
    *, user, card: MunicipalityCard, grant: Grant | None, data: dict, periods: list[dict]
) -> Grant:
    """Save a new grant (`grant` None) or change one, with the application periods it keeps."""
    _check_can_edit(user, card)
    if grant is not None and grant.pk and grant.card_id != card.pk:
        raise PermissionDenied
    _check_fields(data, GRANT_FIELDS)
    _check_rows(periods, PERIOD_FIELDS, grant or Grant(), "periods")
    for period in periods:
        opens, deadline = period.get("opens_on"), period.get("deadline")
        if opens and deadline and opens > deadline:
            raise ValidationError({"opens_on": _("The period must open before its deadline.")})
    with content_write(user, _("Edited a grant")):
        if card.pk is None:
            card.save()
        grant = grant or Grant()
        for name, value in data.items():
            setattr(grant, name, value)
        grant.card = card
        grant.save()
        _replace_rows(grant.periods, periods, grant=grant)
        add_to_revision(card)
    return grant


def grant_delete(*, user, grant: Grant) -> None:
    card = grant.card
    _check_can_edit(user, card)
    with content_write(user, _("Removed the grant %(name)s") % {"name": grant.name}):
        grant.delete()
        add_to_revision(card)


def card_confirm(*, user, card: MunicipalityCard, now: dt.datetime | None = None):
    """Mark the card as checked and up to date by `user`."""
    _check_can_edit(user, card)
    now = now or timezone.now()
    with content_write(user, _("Confirmed the card is up to date")):
        card.verified_at = now
        card.verified_by = user
        card.reminder_sent_at = None
        card.save()
    return card


def send_card_reminder(
    *, municipality: Municipality, base_url: str | None = None, now: dt.datetime | None = None
) -> int:
    """E-mail the municipality's editors a request to check its card; the number sent."""
    now = now or timezone.now()
    base_url = (base_url or default_base_url()).rstrip("/")
    editors = [
        role.user
        for role in municipality.editor_roles.select_related("user")
        if role.user.is_active and role.user.email
    ]
    messages = []
    for user in editors:
        with translation.override(recipient_language(user)):
            context = {
                "user": user,
                "municipality": municipality,
                "edit_url": base_url + reverse("cards:edit", kwargs={"slug": municipality.slug}),
                "card_url": base_url + reverse("cards:detail", kwargs={"slug": municipality.slug}),
                "SITE_NAME": settings.SAKKE_SITE_NAME,
                "REGION_NAME": region_name(),
            }
            messages.append(templated_email("cards/email/card_reminder", context, to=user.email))
    sent = send_each(messages, "a card reminder")
    if sent:
        MunicipalityCard.objects.update_or_create(
            municipality=municipality, defaults={"reminder_sent_at": now}
        )
    return sent


def subscription_save(*, user, days_before: int, municipalities) -> GrantReminderSubscription:
    """Start or change the user's grant reminders: `days_before` each deadline, of the grants
    of `municipalities` (none: of every municipality)."""
    if not user.is_authenticated:
        raise PermissionDenied
    if not 1 <= days_before <= 90:
        raise ValidationError({"days_before": _("Choose a number of days between 1 and 90.")})
    with transaction.atomic():
        subscription, _created = GrantReminderSubscription.objects.update_or_create(
            user=user, defaults={"days_before": days_before}
        )
        subscription.municipalities.set(municipalities)
    return subscription


def subscription_delete(*, user) -> None:
    GrantReminderSubscription.objects.filter(user=user).delete()


def due_reminders(*, today: dt.date | None = None) -> dict:
    """{subscription: [periods]} of deadlines within each person's days, not yet reminded of."""
    today = today or timezone.localdate()
    subscriptions = (
        GrantReminderSubscription.objects.filter(user__is_active=True)
        .select_related("user")
        .prefetch_related("municipalities")
    )
    subscriptions = [s for s in subscriptions if s.user.email]
    if not subscriptions:
        return {}
    longest = max(s.days_before for s in subscriptions)
    periods = list(upcoming_deadlines(today=today, until=today + dt.timedelta(days=longest)))
    already = set(
        GrantReminderSent.objects.filter(period__in=periods).values_list("user_id", "period_id")
    )
    due = defaultdict(list)
    for subscription in subscriptions:
        chosen = {m.pk for m in subscription.municipalities.all()}
        for period in periods:
            if (subscription.user_id, period.pk) in already:
                continue
            if period.deadline > today + dt.timedelta(days=subscription.days_before):
                continue
            if chosen and period.grant.card.municipality_id not in chosen:
                continue
            due[subscription].append(period)
    return due


def send_grant_reminders(*, today: dt.date | None = None, base_url: str | None = None) -> int:
    """E-mail each subscriber the deadlines coming up within their days; the number of e-mails.

    Each person hears of each deadline once, however often this runs. Run daily.
    """
    today = today or timezone.localdate()
    base_url = (base_url or default_base_url()).rstrip("/")
    sent = 0
    for subscription, periods in due_reminders(today=today).items():
        user = subscription.user
        with translation.override(recipient_language(user)):
            context = {
                "user": user,
                "periods": [
                    (period, base_url + period.grant.card.get_absolute_url()) for period in periods
                ],
                "calendar_url": base_url + reverse("cards:grant_calendar"),
                "settings_url": base_url + reverse("cards:grant_reminders"),
                "SITE_NAME": settings.SAKKE_SITE_NAME,
                "REGION_NAME": region_name(),
            }
            message = templated_email("cards/email/grant_reminder", context, to=user.email)
        if not send_each([message], "a grant reminder"):
            continue
        sent += 1
        for period in periods:
            try:
                with transaction.atomic():
                    GrantReminderSent.objects.create(user=user, period=period)
            except IntegrityError:  # a parallel run got there first
                pass
    return sent
