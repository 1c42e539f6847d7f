import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import (
    CommaSeparatedFilter,
    FreshnessFilterMixin,
    SearchQueryFilter,
    StrictBooleanFilter,
    audience_filter,
    language_filter,
    municipalities_filter,
    search_filter,
    split_values,
    topic_filter,
)

from .models import Activity


class ActivityFilter(FreshnessFilterMixin):
    q = SearchQueryFilter(label=_("Search"), method="filter_text")
    municipality = municipalities_filter()
    topic = topic_filter()
    audience = audience_filter()
    language = language_filter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Activity.Kind.choices, field_name="kind"
    )
    participation = django_filters.ChoiceFilter(
        label=_("How to take part"),
        choices=Activity.Participation.choices,
        method="filter_participation",
    )
    is_free = StrictBooleanFilter(label=_("Free only"), field_name="is_free")
    organization = CommaSeparatedFilter(
        label=_("Organizer"), field_name="organizer__public_id", lookup_expr="in"
    )

    class Meta:
        model = Activity
        fields = []

    def filter_text(self, queryset, name, value):
        return search_filter(queryset, value)

    def filter_participation(self, queryset, name, value):
        # The list is stored as JSON text on both databases; quotes make the match exact.
        codes = split_values(value)
        for code in codes:
            queryset = queryset.filter(participation__icontains=f'"{code}"')
        return queryset
