"""Owners confirm their listings ("tiedot tarkistettu"); the service reminds them to."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from activities.models import Activity
from core.emails import default_base_url, recipient_language, send_each, templated_email
from municipalities.regions import region_name
from organizations.models import Organization

from .selectors import organization_activities, reminder_due_organizations, stale_after
from .tokens import link_max_age, make_confirmation_token


def organization_confirm(*, organization: Organization, now: dt.datetime | None = None) -> None:
    """Mark the organization and all its activities as checked now, and clear their reminders."""
    now = now or timezone.now()
    # update() rather than save(): a check is not an edit, so "last updated" stays put.
    with transaction.atomic():
        Organization.objects.filter(pk=organization.pk).update(
            confirmed_at=now, confirmation_reminder_sent_at=None
        )
        Activity.objects.filter(organizer=organization).update(
            confirmed_at=now, confirmation_reminder_sent_at=None
        )
    organization.confirmed_at = now
    organization.confirmation_reminder_sent_at = None


def reminder_message(
    *, organization: Organization, activities, user, base_url: str, now: dt.datetime
) -> EmailMultiAlternatives:
    """The reminder e-mail to one editor, in plain text and HTML, in the editor's language."""
    base_url = base_url.rstrip("/")
    language = recipient_language(user)
    with translation.override(language):
        token = make_confirmation_token(organization)
        context = {
            "user": user,
            "language": language,
            "organization": organization,
            "organization_url": base_url + organization.get_absolute_url(),
            "activities": [(a, base_url + a.get_absolute_url()) for a in activities],
            "confirm_url": base_url + reverse("freshness:confirm", kwargs={"token": token}),
            "valid_until": now + link_max_age(),
            "stale_months": round(stale_after().days / 30.44),
            "SITE_NAME": settings.SAKKE_SITE_NAME,
            "REGION_NAME": region_name(),
        }
        return templated_email("freshness/email/reminder", context, to=user.email, html=True)


def send_confirmation_reminder(
    *, organization: Organization, now: dt.datetime | None = None, base_url: str | None = None
) -> int:
    """E-mail every editor of the organization a confirmation link; the number of e-mails sent.

    The organization and its activities remember when they were last reminded.
    """
    now = now or timezone.now()
    editors = [
        role.user
        for role in organization.editor_roles.select_related("user")
        if role.user.is_active and role.user.email
    ]
    if not editors:
        return 0
    activities = list(organization_activities(organization))
    messages = [
        reminder_message(
            organization=organization,
            activities=activities,
            user=user,
            base_url=base_url or default_base_url(),
            now=now,
        )
        for user in editors
    ]
    sent = send_each(messages, f"a confirmation reminder of {organization.pk}")
    if sent:
        with transaction.atomic():
            Organization.objects.filter(pk=organization.pk).update(
                confirmation_reminder_sent_at=now
            )
            Activity.objects.filter(organizer=organization).update(
                confirmation_reminder_sent_at=now
            )
        organization.confirmation_reminder_sent_at = now
    return sent


def send_confirmation_reminders(
    *, now: dt.datetime | None = None, base_url: str | None = None
) -> int:
    """Remind the editors of every organization whose check is due; the number of e-mails sent.

    Run daily; an organization gets at most one reminder per SAKKE_CONFIRM_REMINDER_DAYS.
    """
    now = now or timezone.now()
    sent = 0
    for organization in reminder_due_organizations(now=now):
        sent += send_confirmation_reminder(organization=organization, now=now, base_url=base_url)
    return sent
