from django.db.models import QuerySet

from core.models import PublicationStatus

from .models import Activity


def activity_list() -> QuerySet[Activity]:
    """Published activities, with what a list page or API list shows, in fixed queries."""
    return (
        Activity.objects.filter(publication_status=PublicationStatus.PUBLISHED)
        .select_related("organizer", "location__municipality")
        .prefetch_related("municipalities", "topics", "audiences", "in_language", "schedule")
    )


def activity_get(public_id: str) -> Activity:
    return activity_list().get(public_id=public_id)
