import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import CommaSeparatedFilter, FreshnessFilterMixin, related_exists, text_query

from .models import Organization

SEARCH_FIELDS = ["name_fi", "name_sv", "name_en", "description_fi", "business_id"]


class OrganizationFilter(FreshnessFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
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
        return queryset.filter(text_query(SEARCH_FIELDS, value)) if value.strip() else queryset

    def filter_municipality(self, queryset, name, value):
        return related_exists(queryset, "municipalities", "code", value)

    def filter_topic(self, queryset, name, value):
        return related_exists(queryset, "topics", "slug", value)

    def filter_audience(self, queryset, name, value):
        return related_exists(queryset, "audiences", "slug", value)
