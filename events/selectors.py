from django.db.models import Prefetch, QuerySet

from core.models import PublicationStatus
from organizations.models import Organization

from .models import Event


def event_list() -> QuerySet[Event]:
    """Published events, with everything a list page or API list shows, in fixed queries."""
    organizers = Organization.objects.only(
        "id", "public_id", "name", "name_fi", "name_sv", "name_en"
    )
    return (
        Event.objects.filter(publication_status=PublicationStatus.PUBLISHED)
        .select_related("location__municipality", "super_event")
        .prefetch_related(
            Prefetch("organizers", queryset=organizers), "topics", "audiences", "in_language"
        )
    )


def event_get(public_id: str) -> Event:
    return event_list().prefetch_related("sub_events").get(public_id=public_id)
