import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import (
    CommaSeparatedFilter,
    SearchQueryFilter,
    municipalities_filter,
    search_filter,
    split_values,
    topic_filter,
)

from .models import NewsPost


class NewsFilter(django_filters.FilterSet):
    """One filter of the news list page, its feeds and /api/v1/news/."""

    q = SearchQueryFilter(label=_("Search"), method="filter_text")
    topic = topic_filter()
    municipality = municipalities_filter()
    organization = CommaSeparatedFilter(label=_("Author"), method="filter_organization")

    class Meta:
        model = NewsPost
        fields = []

    def filter_text(self, queryset, name, value):
        # The site search's matches (lemmas, compounds, typos), best first.
        return search_filter(queryset, value)

    def filter_organization(self, queryset, name, value):
        ids = split_values(value)
        return queryset.filter(organization__public_id__in=ids) if ids else queryset
