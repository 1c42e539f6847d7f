"""Who sees an association's content, and when: the publication rules of every write.

An association's first publication waits for the coordinator. Once it is approved,
its editors' changes and new events, activities and news posts are public at once, and
marked unreviewed (reviewed_at = None) so that the coordinator's queue lists them as
changed. In core because self-service, news and any later content type share them.
"""

from django.db import models
from django.utils import timezone

from .models import PublicationStatus, Publishable
from .roles import is_coordinator


def status_after_edit(*, user, organization: Publishable, current: str, publish: bool) -> str:
    """The publication status of an event or activity saved with (or without) `publish`."""
    if not publish:
        return PublicationStatus.DRAFT
    if is_coordinator(user):
        return PublicationStatus.PUBLISHED
    if not organization.is_published or current == PublicationStatus.DECLINED:
        # Nothing of an association appears before the coordinator has approved it; a
        # declined item goes back to the coordinator rather than round them.
        return PublicationStatus.PENDING
    return PublicationStatus.PUBLISHED


def mark_changed(obj: models.Model, user) -> None:
    """Set reviewed_at: now when the coordinator edits, else None ("changed, please review")."""
    obj.reviewed_at = timezone.now() if is_coordinator(user) else None
