from django.db.models import QuerySet

from .models import Place


def place_list() -> QuerySet[Place]:
    return Place.objects.select_related("municipality")
