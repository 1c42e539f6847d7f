"""Forgetting accounts that were never opened and old sign-in records (periodic jobs,
accounts.tasks); each safe to run again."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, User
from .services import sign_in_records_forget


def forget_unverified_accounts(*, now: dt.datetime | None = None) -> int:
    """Delete sign-ups whose e-mail link was never opened within the period; how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.SAKKE_UNVERIFIED_ACCOUNT_DAYS)
    never_opened = User.objects.filter(
        email_verified_at__isnull=True,
        is_active=False,
        last_login__isnull=True,
        is_staff=False,
        is_coordinator=False,
        date_joined__lt=cutoff,
    )
    deleted = 0
    with transaction.atomic():
        for user in never_opened.select_for_update():
            sign_in_records_forget(user.email)
            user.delete()
            deleted += 1
    return deleted


def forget_sign_in_records(*, now: dt.datetime | None = None) -> int:
    """Delete django-axes' sign-in attempts and logs older than the period; how many."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.SAKKE_LOGIN_ATTEMPT_DAYS)
    deleted = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        deleted += model.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return deleted


def forget_audit_entries(*, now: dt.datetime | None = None) -> int:
    """Delete audit log entries older than SAKKE_AUDIT_LOG_DAYS; how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.SAKKE_AUDIT_LOG_DAYS)
    return AuditEntry.objects.filter(created_at__lt=cutoff).delete()[0]
