from django.db.models import Q, QuerySet

from core.models import PublicationStatus

from .models import Place


def place_list() -> QuerySet[Place]:
    """The public places: imported ones and those the coordinator has approved."""
    return Place.objects.filter(publication_status=PublicationStatus.PUBLISHED).select_related(
        "municipality"
    )


def place_choices(organization, *, current_id: int | None = None) -> QuerySet[Place]:
    """The places an association's editor may choose for an event or activity.

    Public places, the association's own places still waiting for approval, and the
    place the item already has (so that saving it again never fails on its place).
    """
    allowed = Q(publication_status=PublicationStatus.PUBLISHED) | Q(
        proposed_by=organization, publication_status=PublicationStatus.PENDING
    )
    if current_id is not None:
        allowed |= Q(pk=current_id)
    return Place.objects.filter(allowed).select_related("municipality")
