from django.db.models import QuerySet

from .models import Activity


def activity_list() -> QuerySet[Activity]:
    """Activities with what a list page or API list shows, in a fixed number of queries."""
    return Activity.objects.select_related("organizer", "location__municipality").prefetch_related(
        "municipalities", "topics", "audiences", "in_language", "schedule"
    )


def activity_get(public_id: str) -> Activity:
    return activity_list().get(public_id=public_id)
