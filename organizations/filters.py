import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import (
    FreshnessFilterMixin,
    SearchQueryFilter,
    audience_filter,
    municipalities_filter,
    search_filter,
    topic_filter,
)

from .models import Organization


class OrganizationFilter(FreshnessFilterMixin):
    q = SearchQueryFilter(label=_("Search"), method="filter_text")
    municipality = municipalities_filter()
    topic = topic_filter()
    audience = audience_filter()
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Organization.Status.choices, field_name="status"
    )

    class Meta:
        model = Organization
        fields = []

    def filter_text(self, queryset, name, value):
        return search_filter(queryset, value)
