"""Retention of the NGO survey's personal data (the privacy notice's periods).

An invitation holds an address only to invite and remind; once its round has been closed
for `SAKKE_SURVEY_INVITATION_DAYS`, the invitation is deleted and the responses lose the
link to the person who sent them. The answers stay the association's, for the comparison
over the years that the survey states. Safe to run twice.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Invitation, Response


def forget_closed_round_contacts(now: dt.datetime | None = None) -> int:
    """Delete the invitations of rounds closed long enough ago and unlink their senders;
    returns how many rows changed."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.SAKKE_SURVEY_INVITATION_DAYS)
    with transaction.atomic():
        deleted, _ = Invitation.objects.filter(round__closes_at__lt=cutoff).delete()
        unlinked = Response.objects.filter(
            round__closes_at__lt=cutoff, submitted_by__isnull=False
        ).update(submitted_by=None)
    return deleted + unlinked
