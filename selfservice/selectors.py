"""Reads of self-service: an editor's own associations and everything of theirs, drafts too.

Unlike the public selectors these do not filter by publication status; they are only
ever called for an organization the user may edit (accounts.permissions).
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.permissions import editable_organizations
from activities.models import Activity
from core.filtering import start_of_today
from events.models import Event
from organizations.models import Organization


def own_organization_list(user) -> QuerySet[Organization]:
    """The organizations the user may edit, with their counts for the dashboard."""
    return editable_organizations(user).annotate(
        event_count=Count("events", distinct=True),
        activity_count=Count("activities", distinct=True),
    )


def own_organization_get(user, public_id: str) -> Organization:
    """One organization the user may edit; any other is "not found", existing or not."""
    organization = (
        editable_organizations(user)
        .select_related("address_municipality")
        .prefetch_related("municipalities", "topics", "audiences", "contacts", "social_links")
        .filter(public_id=public_id)
        .first()
    )
    if organization is None:
        raise Http404
    return organization


def own_event_list(organization: Organization, *, past: bool = False) -> QuerySet[Event]:
    """The organization's events without the dates inside a series (the head stands for them)."""
    today = start_of_today()
    later_dates = Exists(Event.objects.filter(super_event=OuterRef("pk"), start_time__gte=today))
    events = (
        Event.objects.filter(organizers=organization, super_event__isnull=True)
        .select_related("location")
        .annotate(date_count=Count("sub_events"), has_later_dates=later_dates)
    )
    # A series whose head has passed stays "upcoming" while dates remain.
    upcoming = Q(start_time__gte=today) | Q(has_later_dates=True)
    return events.exclude(upcoming) if past else events.filter(upcoming)


def own_event_get(organization: Organization, public_id: str) -> Event:
    event = (
        Event.objects.filter(organizers=organization, public_id=public_id)
        .select_related("super_event", "location")
        .first()
    )
    if event is None:
        raise Http404
    return event


def own_activity_list(organization: Organization) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(organizer=organization)
        .select_related("location")
        .prefetch_related("schedule")
    )


def own_activity_get(organization: Organization, public_id: str) -> Activity:
    activity = (
        own_activity_list(organization)
        .prefetch_related("municipalities", "topics", "audiences", "in_language")
        .filter(public_id=public_id)
        .first()
    )
    if activity is None:
        raise Http404
    return activity
