from django.db.models import Prefetch, QuerySet

from core.models import PublicationStatus

from .models import Contact, Organization


def organization_list() -> QuerySet[Organization]:
    """Published organizations, with what a list page or API list shows, in fixed queries."""
    return (
        Organization.objects.filter(publication_status=PublicationStatus.PUBLISHED)
        .select_related("address_municipality", "parent")
        .prefetch_related(
            "municipalities", "topics", "audiences", "social_links", public_contacts_prefetch()
        )
    )


def public_contacts_prefetch() -> Prefetch:
    """The contact persons whose consent is in force: a withdrawn one is hidden at once."""
    return Prefetch("contacts", queryset=Contact.objects.filter(consent=True).order_by("pk"))


def organization_cards() -> QuerySet[Organization]:
    """Published organizations with what a list card shows: its municipalities and topics.

    A list page of 20 cards needs neither contacts nor links; leaving them out saves three
    queries and most of the objects the full list builds.
    """
    return Organization.objects.filter(
        publication_status=PublicationStatus.PUBLISHED
    ).prefetch_related("municipalities", "topics")


def organization_get(public_id: str) -> Organization:
    return organization_list().get(public_id=public_id)
