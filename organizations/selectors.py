from django.db.models import QuerySet

from .models import Organization


def organization_list() -> QuerySet[Organization]:
    """Organizations with what a list page or API list shows, in a fixed number of queries."""
    return Organization.objects.select_related("address_municipality", "parent").prefetch_related(
        "municipalities", "topics", "audiences", "social_links", "contacts"
    )


def organization_get(public_id: str) -> Organization:
    return organization_list().get(public_id=public_id)
