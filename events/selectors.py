from django.db.models import Prefetch, QuerySet

from organizations.models import Organization

from .models import Event


def event_list() -> QuerySet[Event]:
    """Events with everything a list page or API list shows, in a fixed number of queries."""
    return Event.objects.select_related("location__municipality", "super_event").prefetch_related(
        Prefetch(
            "organizers",
            queryset=Organization.objects.only(
                "id", "public_id", "name", "name_fi", "name_sv", "name_en"
            ),
        ),
        "topics",
        "audiences",
        "in_language",
    )


def event_get(public_id: str) -> Event:
    return event_list().prefetch_related("sub_events").get(public_id=public_id)
