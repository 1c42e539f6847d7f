import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import (
    CommaSeparatedFilter,
    SearchQueryFilter,
    related_exists,
    search_filter,
    split_values,
    text_query,
)

from .models import NewsPost

TEXT_FIELDS = [
    f"{name}_{lang}" for name in ("title", "lead", "body") for lang in ("fi", "sv", "en")
]


def news_text_filter(queryset, text: str):
    """The site search's matches once news is in its index; until then, words in the text."""
    from search.documents import source_for_model

    if source_for_model(NewsPost) is not None:
        return search_filter(queryset, text)
    return queryset.filter(text_query(TEXT_FIELDS, text)) if text else queryset


class NewsFilter(django_filters.FilterSet):
    """One filter of the news list page, its feeds and /api/v1/news/."""

    q = SearchQueryFilter(label=_("Search"), method="filter_text")
    topic = CommaSeparatedFilter(label=_("Topic"), method="filter_topic")
    municipality = CommaSeparatedFilter(label=_("Municipality"), method="filter_municipality")
    organization = CommaSeparatedFilter(label=_("Author"), method="filter_organization")

    class Meta:
        model = NewsPost
        fields = []

    def filter_text(self, queryset, name, value):
        return news_text_filter(queryset, value)

    def filter_topic(self, queryset, name, value):
        return related_exists(queryset, "topics", "slug", value)

    def filter_municipality(self, queryset, name, value):
        return related_exists(queryset, "municipalities", "code", value)

    def filter_organization(self, queryset, name, value):
        ids = split_values(value)
        return queryset.filter(organization__public_id__in=ids) if ids else queryset
