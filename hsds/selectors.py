"""What the HSDS API reads: published activities as services, published associations."""

from django.db.models import QuerySet

from activities.selectors import activity_list
from organizations.selectors import organization_list


def hsds_services() -> QuerySet:
    """Published activities with everything a full service shows, in fixed queries."""
    return (
        activity_list()
        .select_related("location__municipality__region", "organizer__parent")
        .order_by("name_fi", "pk")
    )


def hsds_organizations() -> QuerySet:
    return organization_list().order_by("name_fi", "pk")


def hsds_services_at_locations() -> QuerySet:
    return hsds_services().filter(location__isnull=False)
