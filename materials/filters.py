import django_filters
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.filtering import SearchQueryFilter, municipalities_filter, search_filter, topic_filter
from core.languages import LANGUAGE_CODES

from .models import Document, Kind, Language


def _title():
    """The title in the page's language, the Finnish one where it has none."""
    language = get_language() or "fi"
    if language not in LANGUAGE_CODES or language == "fi":
        return F("title_fi")
    return Coalesce(NullIf(F(f"title_{language}"), Value("")), F("title_fi"))


def _sorts():
    title = _title().asc()
    return {
        "newest": [F("year").desc(nulls_last=True), title],
        "oldest": [F("year").asc(nulls_last=True), title],
        "title": [title, F("year").desc(nulls_last=True)],
        "downloads": [F("download_count").desc(), title],
    }


class DocumentFilter(django_filters.FilterSet):
    """The filter of the library page and /api/v1/material/: one URL means the same in both."""

    q = SearchQueryFilter(label=_("Words in the document"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Type of document"), choices=Kind.choices)
    municipality = municipalities_filter()
    topic = topic_filter()
    year = django_filters.NumberFilter(label=_("Year"), field_name="year")
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Language.choices)
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="filter_sort",
        empty_label=None,
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("title", _("Title")),
            ("downloads", _("Most downloaded")),
        ],
    )

    class Meta:
        model = Document
        fields = []

    def filter_q(self, queryset, name, value):
        return search_filter(queryset, value) if value else queryset

    def filter_sort(self, queryset, name, value):
        if self.form.cleaned_data.get("q"):
            return queryset  # the best matches first, as the search ranks them
        sorts = _sorts()
        return queryset.order_by(*sorts.get(value, sorts["newest"]), "pk")
