"""Which listings need their owners' check, and which have gone stale."""

import datetime as dt

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import OrganizationEditor
from activities.models import Activity
from core.models import PublicationStatus
from organizations.models import Organization

#: The coordinator sees listings this long before they go stale, to act in time.
SOON_STALE = dt.timedelta(days=90)


def reminder_after() -> dt.timedelta:
    return dt.timedelta(days=settings.SAKKE_CONFIRM_REMINDER_DAYS)


def stale_after() -> dt.timedelta:
    return dt.timedelta(days=settings.SAKKE_STALE_AFTER_DAYS)


def organization_activities(organization) -> QuerySet[Activity]:
    """The published activities an organization's editors confirm along with it."""
    return Activity.objects.filter(
        organizer=organization, publication_status=PublicationStatus.PUBLISHED
    ).order_by("name", "pk")


def reminder_due_organizations(*, now: dt.datetime | None = None) -> QuerySet[Organization]:
    """Active, published organizations with editors whose listing or activity needs a check.

    An organization is reminded at most once per reminder period.
    """
    now = now or timezone.now()
    cutoff = now - reminder_after()
    old_activity = Activity.objects.filter(
        organizer=OuterRef("pk"),
        publication_status=PublicationStatus.PUBLISHED,
        confirmed_at__lte=cutoff,
    )
    has_editor = OrganizationEditor.objects.filter(organization=OuterRef("pk"))
    return (
        Organization.objects.filter(
            publication_status=PublicationStatus.PUBLISHED,
            status=Organization.Status.ACTIVE,
        )
        .filter(Q(confirmed_at__lte=cutoff) | Exists(old_activity))
        .filter(
            Q(confirmation_reminder_sent_at__isnull=True)
            | Q(confirmation_reminder_sent_at__lte=cutoff)
        )
        .filter(Exists(has_editor))
        .order_by("pk")
    )


def stale_organizations(*, now: dt.datetime | None = None) -> QuerySet[Organization]:
    """Active, published organizations stale now or within SOON_STALE, oldest first."""
    now = now or timezone.now()
    return (
        Organization.objects.filter(
            publication_status=PublicationStatus.PUBLISHED,
            status=Organization.Status.ACTIVE,
            confirmed_at__lt=now - stale_after() + SOON_STALE,
        )
        .annotate(editor_count=Count("editor_roles"))
        .order_by("confirmed_at", "pk")
    )


def stale_activities(*, now: dt.datetime | None = None) -> QuerySet[Activity]:
    """Published activities that are stale or go stale within SOON_STALE, oldest first."""
    now = now or timezone.now()
    return (
        Activity.objects.filter(
            publication_status=PublicationStatus.PUBLISHED,
            confirmed_at__lt=now - stale_after() + SOON_STALE,
        )
        .select_related("organizer")
        .annotate(editor_count=Count("organizer__editor_roles"))
        .order_by("confirmed_at", "pk")
    )
