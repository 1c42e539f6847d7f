"""Writes of municipality cards: editing, confirming, reminders; every change into history."""

import datetime as dt
from collections import defaultdict

import reversion
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.emails import default_base_url, recipient_language, send_each, templated_email
from core.richtext import sanitize_html
from moderation.history import record
from municipalities.models import Municipality

from .models import (
    Grant,
    GrantReminderSent,
    GrantReminderSubscription,
    MunicipalityCard,
    PracticeAnswer,
)
from .selectors import upcoming_deadlines

RICH_TEXT_FIELDS = [
    f"{name}_{code}"
    for name in ("steps_taken", "steps_planned")
    for code, _name in settings.LANGUAGES
]


def card_update(
    *, user, card: MunicipalityCard, texts: dict, checklist: list, formsets: list
) -> MunicipalityCard:
    """Save the card's texts, its checklist answers and the rows of its (valid) formsets.

    `checklist` is [(practice, status, note)]; an empty status removes the answer.
    The card is created here the first time it is saved.
    """
    with record(user, _("Edited the municipality card")):
        for name, value in texts.items():
            setattr(card, name, sanitize_html(value) if name in RICH_TEXT_FIELDS else value)
        card.save()
        for formset in formsets:
            formset.instance = card
            formset.save()
        for practice, status, note in checklist:
            if status:
                PracticeAnswer.objects.update_or_create(
                    card=card, practice=practice, defaults={"status": status, "note": note}
                )
            else:
                PracticeAnswer.objects.filter(card=card, practice=practice).delete()
        reversion.add_to_revision(card)
    return card


def card_get_or_create(*, municipality: Municipality) -> MunicipalityCard:
    card, _created = MunicipalityCard.objects.get_or_create(municipality=municipality)
    return card


def grant_save(*, user, card: MunicipalityCard, form, periods) -> Grant:
    """Save a grant from its (valid) form and the formset of its application periods."""
    with record(user, _("Edited a grant")):
        if card.pk is None:
            card.save()
        grant = form.save(commit=False)
        grant.card = card
        grant.save()
        periods.instance = grant
        periods.save()
        reversion.add_to_revision(card)
    return grant


def grant_delete(*, user, grant: Grant) -> None:
    card = grant.card
    with record(user, _("Removed the grant %(name)s") % {"name": grant.name}):
        grant.delete()
        reversion.add_to_revision(card)


def card_confirm(*, user, card: MunicipalityCard, now: dt.datetime | None = None):
    """Mark the card as checked and up to date by `user`."""
    now = now or timezone.now()
    with record(user, _("Confirmed the card is up to date")):
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
                "REGION_NAME": settings.SAKKE_REGION_NAME,
            }
            messages.append(templated_email("cards/email/card_reminder", context, to=user.email))
    sent = send_each(messages, "a card reminder")
    if sent:
        MunicipalityCard.objects.update_or_create(
            municipality=municipality, defaults={"reminder_sent_at": now}
        )
    return sent


def subscription_save(*, user, form) -> GrantReminderSubscription:
    """Start or change the user's grant reminders from a valid SubscriptionForm."""
    with transaction.atomic():
        subscription = form.save(commit=False)
        subscription.user = user
        subscription.save()
        form.save_m2m()
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
                "REGION_NAME": settings.SAKKE_REGION_NAME,
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
