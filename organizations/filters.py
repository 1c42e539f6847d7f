import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import (
    CommaSeparatedFilter,
    FreshnessFilterMixin,
    SearchQueryFilter,
    related_exists,
    search_filter,
)

from .models import Organization


class OrganizationFilter(FreshnessFilterMixin, django_filters.FilterSet):
    q = SearchQueryFilter(label=_("Search"), method="filter_text")
    municipality = CommaSeparatedFilter(label=_("Municipality"), method="filter_municipality")
    topic = CommaSeparatedFilter(label=_("Topic"), method="filter_topic")
    audience = CommaSeparatedFilter(label=_("Audience"), method="filter_audience")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Organization.Status.choices, field_name="status"
    )

    class Meta:
        model = Organization
        fields = []

    def filter_text(self, queryset, name, value):
        return search_filter(queryset, value)

    def filter_municipality(self, queryset, name, value):
        return related_exists(queryset, "municipalities", "code", value)

    def filter_topic(self, queryset, name, value):
        return related_exists(queryset, "topics", "slug", value)

    def filter_audience(self, queryset, name, value):
        return related_exists(queryset, "audiences", "slug", value)
