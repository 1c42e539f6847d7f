"""Forgetting invitations whose time has passed (a periodic job, moderation.tasks)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from .models import Invitation


def forget_expired_invitations(*, now: dt.datetime | None = None) -> int:
    """Delete invitations never accepted, SAKKE_INVITATION_KEEP_DAYS after they expired or
    were revoked; accepted ones became roles and are deleted with the account. How many."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.SAKKE_INVITATION_KEEP_DAYS)
    unused = Invitation.objects.filter(accepted_at__isnull=True)
    expired = unused.filter(expires_at__lt=cutoff)
    revoked = unused.filter(revoked_at__lt=cutoff)
    return (expired | revoked).delete()[0]
