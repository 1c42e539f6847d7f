import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import CommaSeparatedFilter, split_values, text_query

from .models import Place

SEARCH_FIELDS = ["name_fi", "name_sv", "name_en", "street_address_fi", "postal_code"]


class PlaceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    municipality = CommaSeparatedFilter(label=_("Municipality"), method="filter_municipality")

    class Meta:
        model = Place
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(text_query(SEARCH_FIELDS, value)) if value.strip() else queryset

    def filter_municipality(self, queryset, name, value):
        codes = split_values(value)
        return queryset.filter(municipality__code__in=codes) if codes else queryset
