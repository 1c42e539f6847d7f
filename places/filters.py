import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import CommaSeparatedFilter, SearchQueryFilter, search_filter, split_values

from .models import Place


class PlaceFilter(django_filters.FilterSet):
    q = SearchQueryFilter(label=_("Search"), method="filter_text")
    municipality = CommaSeparatedFilter(label=_("Municipality"), method="filter_municipality")

    class Meta:
        model = Place
        fields = []

    def filter_text(self, queryset, name, value):
        return search_filter(queryset, value)

    def filter_municipality(self, queryset, name, value):
        codes = split_values(value)
        return queryset.filter(municipality__code__in=codes) if codes else queryset
