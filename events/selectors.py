from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from core.filtering import start_of_today
from core.models import PublicationStatus
from organizations.models import Organization

from .models import Event, KeptApart


def published_events() -> QuerySet[Event]:
    """Published events with their place and municipality, and the umbrella event's id.

    A duplicate from another source is left out: its original lists both sources. Both
    conditions are the predicate of the partial indexes that lists are read from."""
    return (
        Event.objects.filter(
            publication_status=PublicationStatus.PUBLISHED, duplicate_of__isnull=True
        )
        .select_related("location__municipality")
        # Lists link the umbrella event by its id only; the whole row is for the detail.
        # A subquery, not a join: count() drops an unused subquery but keeps a join.
        .annotate(
            super_event_public_id=Subquery(
                Event.objects.filter(pk=OuterRef("super_event_id")).values("public_id")[:1]
            )
        )
    )


def organizer_names() -> QuerySet[Organization]:
    """What a list shows of an event's organizers: a link and the name."""
    return Organization.objects.only("id", "public_id", "name", "name_fi", "name_sv", "name_en")


def event_list() -> QuerySet[Event]:
    """Published events, with everything a list page or API list shows, in fixed queries."""
    return published_events().prefetch_related(
        Prefetch("organizers", queryset=organizer_names()), "topics", "audiences", "in_language"
    )


def upcoming_event_list() -> QuerySet[Event]:
    """Events from today onwards, soonest first, ready for a list."""
    return event_list().filter(start_time__gte=start_of_today())


def event_get(public_id: str) -> Event:
    """One listed event, with its sub-events and the duplicates that name its other sources."""
    duplicates = Event.objects.filter(
        publication_status=PublicationStatus.PUBLISHED
    ).prefetch_related(Prefetch("organizers", queryset=organizer_names()))
    return (
        event_list()
        .select_related("super_event")
        .prefetch_related("sub_events", Prefetch("duplicates", queryset=duplicates))
        .get(public_id=public_id)
    )


def duplicate_original(public_id: str) -> Event | None:
    """The listed event that a published duplicate stands for, if `public_id` is one."""
    duplicate = (
        Event.objects.filter(
            public_id=public_id,
            publication_status=PublicationStatus.PUBLISHED,
            duplicate_of__isnull=False,
        )
        .select_related("duplicate_of")
        .first()
    )
    return duplicate.duplicate_of if duplicate else None


def kept_apart_list(event: Event) -> list[tuple[KeptApart, Event]]:
    """The standing decisions that `event` is not the same as another, with that other."""
    decisions = KeptApart.objects.filter(
        Q(event=event) | Q(other=event), undone_at__isnull=True
    ).select_related("event", "other")
    return [(d, d.other if d.event_id == event.pk else d.event) for d in decisions]
