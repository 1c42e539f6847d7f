"""Filter pieces shared by the pages and the API of every listing.

One FilterSet per resource serves both: the page view renders its form, the API
applies it through django-filter's backend, so `?municipality=297&topic=liikunta`
means the same on /fi/tapahtumat/ and on /api/v1/event/.
"""

import contextvars
import copy
import datetime as dt
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


class CommaSeparatedFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """`?topic=liikunta,kulttuuri` matches either."""


def split_values(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [v.strip() for v in value if v and v.strip()]


def related_exists(queryset, m2m_field: str, lookup: str, values):
    """Keep rows linked through `m2m_field` to any of `values`, without DISTINCT.

    E.g. related_exists(events, "topics", "slug", ["liikunta"]); an EXISTS subquery
    keeps the row count and the ordering index usable on a million events.
    """
    values = split_values(values)
    if not values:
        return queryset
    field = queryset.model._meta.get_field(m2m_field)
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    target_ids = ids_of(field.related_model, lookup, values)
    if not target_ids:
        return queryset.none()
    subquery = through.objects.filter(**{source: OuterRef("pk"), f"{target}_id__in": target_ids})
    return queryset.filter(Exists(subquery))


def ids_of(model, lookup: str, values) -> list[int]:
    """The ids of `model` rows whose `lookup` is one of `values` (codes, slugs).

    Filtering by ids rather than joining the code in lets PostgreSQL use its statistics
    for the very value: Kuopio's half of all associations and a small municipality's few
    get different plans, where a join estimated both alike and picked badly for one.
    """
    rows = model.objects.filter(**{f"{lookup}__in": values}).order_by()
    return list(rows.values_list("pk", flat=True))


class SearchQueryField(forms.CharField):
    """Search text; a NUL byte separates words like a space instead of failing the form."""

    def to_python(self, value):
        return super().to_python(value.replace("\x00", " ") if isinstance(value, str) else value)


class SearchQueryFilter(django_filters.CharFilter):
    field_class = SearchQueryField


#: The text matcher behind every list's `q` filter: `matcher(model, text, within=queryset,
#: ranked=n, counted=m, every_match=b)` returns (the primary keys of the objects of
#: `within` that match, the first `n` (or all, when fewer) in order of relevance and the
#: rest after them, at most `m` in all; how many are ranked; whether more than `m`
#: match), or None when `text` has no word to look for; `every_match` as ListWindow's.
#: The search app sets it in its ready() (search/apps.py), as core must not import search.
text_matcher: Callable[..., tuple[list[int], int, bool] | None] | None = None

#: How many rows of a list the page asked for shows at most (offset + page size): so
#: many are ranked by relevance, the rest of the matches only counted (see
#: `ranked_through`). A list read without it ranks LIST_RANKED.
LIST_RANKED = 100
#: A list searched by text counts its matches this far, or to twice the end of the page
#: asked for (so `next` is right on every page), but never past LIST_MATCHES: with more
#: matches the count reads "more than N". Finding a match that the list's other filters
#: keep may cost a read of the table per match (a common word in a year's events), so a
#: count of 1000 cost a second where 100 cost a few milliseconds (docs/search.md).
LIST_COUNTED = 100
#: The most matches a list searched by text keeps (its last page ends there).
LIST_MATCHES = 1000


@dataclass
class ListWindow:
    """What a list shows of a text search: its rows up to `rows`, and what it learned."""

    rows: int
    #: Keep every match up to LIST_MATCHES (a list ordered by something else than
    #: relevance shows the first of all the matches, not of the best ones).
    every_match: bool = False
    #: Set by search_filter: more objects matched than the list keeps (`counted`).
    more_matches: bool = False
    #: Set by search_filter: the queryset it returned and the primary keys it holds,
    #: in its order (see `found_rows`).
    searched: tuple | None = None

    @property
    def counted(self) -> int:
        if self.every_match:
            return LIST_MATCHES
        return min(LIST_MATCHES, max(LIST_COUNTED, 2 * self.rows))

    def found_rows(self, queryset, base):
        """`queryset` as FoundRows when it is the very queryset a text search returned
        (nothing filtered or ordered it since), else `queryset` itself.

        The search already knows those rows and their order: its ids. Counting them
        and reading a page's ids again would apply the list's filters twice more and
        compile a CASE of every ranked id twice (docs/search.md, "`q` on the lists").
        """
        if self.searched is None or self.searched[0] is not queryset:
            return queryset
        return FoundRows(base, self.searched[1])


class FoundRows:
    """The rows of a text search as a sequence a Paginator can page: its count is the
    number of ids, and a page reads its own rows only, by id, from `base` (a queryset
    that holds them all, with the list's related objects)."""

    def __init__(self, base, ids: list[int]):
        self.base = base
        self.ids = ids
        self.model = base.model

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        ids = self.ids[index]
        if not ids:
            return []
        rows = {row.pk: row for row in self.base.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]


_window: contextvars.ContextVar[ListWindow | None] = contextvars.ContextVar(
    "list_window", default=None
)


@contextmanager
def ranked_through(rows: int):
    """Filter lists knowing that no more than their first `rows` rows are shown; yields
    the ListWindow, whose `more_matches` tells a paginator that the count is a floor."""
    window = ListWindow(rows=max(1, int(rows)))
    token = _window.set(window)
    try:
        yield window
    finally:
        _window.reset(token)


def register_text_matcher(matcher) -> None:
    """Make `matcher` the one search_filter asks (see `text_matcher`)."""
    global text_matcher
    text_matcher = matcher


def search_filter(queryset, text: str):
    """Keep the objects the search finds for `text`, best match first (search app).

    The search looks among the rows of `queryset` only, so a list filters first and
    searches last (SearchLastFilterSet). Text without any word (only punctuation, say)
    filters nothing, like an empty box. The matches are counted as far as the list's
    window says (ListWindow.counted); beyond that the window learns that there are more.
    """
    if text_matcher is None:
        raise RuntimeError("No text matcher registered: is the search app installed?")
    window = _window.get() or ListWindow(rows=LIST_RANKED)
    found = text_matcher(
        queryset.model,
        text or "",
        within=queryset,
        ranked=window.rows,
        counted=window.counted,
        every_match=window.every_match,
    )
    if found is None:
        return queryset
    ids, ranked, more = found
    window.more_matches = window.more_matches or more
    if not ids:
        window.searched = (queryset.none(), [])
        return window.searched[0]
    # Only the rows a page can show are ordered by relevance: a CASE of thousands of
    # ids costs more than the search (the rest are never shown by this request).
    rank = Case(
        *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids[:ranked])],
        default=Value(len(ids)),
        output_field=IntegerField(),
    )
    # Sorted by position, then pk, as that CASE (equal positions past `ranked`).
    order = list(dict.fromkeys(ids[:ranked] + sorted(ids[ranked:])))
    window.searched = (queryset.filter(pk__in=ids).order_by(rank, "pk"), order)
    return window.searched[0]


class SearchLastFilterSet(django_filters.FilterSet):
    """A FilterSet whose text filters (`q`, `text`) run after the others, so that the
    search ranks the filtered rows only, and before `sort`, which orders them."""

    text_filters = ("q", "text")
    ordering_filters = ("sort",)

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # As django-filter's, but each request's filters are shallow copies of the
        # class's, which built their form fields once: a deep copy of every filter and
        # a new form class per request cost a list 1–3 ms (docs/benchmarks.md). Only
        # `parent` and the method bound to it differ between requests; the form still
        # copies its fields for each request, as every Django form does.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, prototype in self._prototypes().items():
            own = copy.copy(prototype)
            own.model = queryset.model
            own.parent = self
            if own.method is not None:
                own.method = own.method  # a FilterMethod of this copy, not the prototype's
            self.filters[name] = own

    @classmethod
    def _prototypes(cls) -> dict:
        """The class's filters with their form fields built, made once per class."""
        found = cls.__dict__.get("_prototype_filters")
        if found is None:
            # A field that depends on the request (django-filter's QuerySetRequestMixin:
            # choices read per request) could not be shared; no list has one.
            assert not any(
                isinstance(f, django_filters.filters.QuerySetRequestMixin)
                for f in cls.base_filters.values()
            ), f"{cls.__name__} has a filter whose form field depends on the request"
            found = copy.deepcopy(cls.base_filters)
            for prototype in found.values():
                prototype.model = cls._meta.model
                prototype.field  # noqa: B018 (built and kept by the filter)
            cls._prototype_filters = found
        return found

    def get_form_class(self):
        # One form class per FilterSet class: its fields are the prototypes' (above).
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            fields = {name: f.field for name, f in self._prototypes().items()}
            form_class = type(f"{cls.__name__}Form", (self._meta.form,), fields)
            cls._form_class = form_class
        return form_class

    def filter_queryset(self, queryset):
        cleaned = self.form.cleaned_data
        last = (*self.text_filters, *self.ordering_filters)
        window = _window.get()
        if window is not None and any(cleaned.get(n) for n in self.ordering_filters):
            window.every_match = True  # sorted otherwise than by relevance
        for name in [n for n in cleaned if n not in last]:
            queryset = self.filters[name].filter(queryset, cleaned[name])
        queryset = self.narrow(queryset)
        for name in [n for n in last if n in cleaned]:
            queryset = self.filters[name].filter(queryset, cleaned[name])
        return queryset

    def narrow(self, queryset):
        """What the list keeps whatever the filters say (before the search)."""
        return queryset


def parse_time_bound(value: str, *, end_of_day: bool = False) -> dt.datetime:
    """Parse `today`, `now`, a date (YYYY-MM-DD) or an ISO 8601 datetime as an aware time."""
    value = (value or "").strip()
    now = timezone.localtime()
    if value == "now":
        return now
    if value == "today":
        day = now.date()
    else:
        # A bare date first: Python 3.11 also reads "2027-03-01" as a datetime at
        # midnight, which would lose the end of the day.
        try:
            day = parse_date(value)
        except ValueError:
            day = None
        if day is None:
            try:
                moment = parse_datetime(value)
            except ValueError:
                moment = None
            if moment is not None:
                return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
            raise ValidationError(
                _("Enter a date as YYYY-MM-DD, a time in ISO 8601, 'today' or 'now'."),
                code="invalid_time",
            )
    moment = dt.datetime.combine(day, dt.time.max if end_of_day else dt.time.min)
    return timezone.make_aware(moment)


class TimeBoundField(django_filters.fields.forms.CharField):
    def __init__(self, *args, end_of_day=False, **kwargs):
        self.end_of_day = end_of_day
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return parse_time_bound(value, end_of_day=self.end_of_day)


def start_of_today() -> dt.datetime:
    """Midnight at the start of today, in TIME_ZONE (Europe/Helsinki)."""
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))


@extend_schema_field(OpenApiTypes.STR)
class TimeBoundFilter(django_filters.Filter):
    field_class = TimeBoundField


class TimeWindowForm(forms.Form):
    """The form of a filter with `start` and `end`: an end before the start is an error
    on `end` (the list then ignores it and says why; the API answers 400)."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end is before the start."))
        return cleaned


# "on" is what an HTML checkbox sends.
BOOLEAN_VALUES = {
    "true": True,
    "True": True,
    "1": True,
    "on": True,
    "false": False,
    "False": False,
    "0": False,
}


class StrictNullBooleanSelect(forms.NullBooleanSelect):
    """Passes an unknown value on to the field instead of reading it as "not set"."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value in (None, "", "unknown"):
            return None
        return BOOLEAN_VALUES.get(value, value)


class StrictNullBooleanField(forms.NullBooleanField):
    widget = StrictNullBooleanSelect

    def to_python(self, value):
        if value in (None, "", "unknown") or isinstance(value, bool):
            return super().to_python(value)
        if value in BOOLEAN_VALUES:
            return BOOLEAN_VALUES[value]
        raise ValidationError(_("Enter true or false."), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    """`?is_free=true|false`; `?is_free=maybe` is an error, not silently all rows."""

    field_class = StrictNullBooleanField


def stale_before():
    """Listings confirmed before this moment have gone stale (18 months by default).

    To the minute, so that a minute's queries are the same SQL (core.counting keeps
    large counts by their SQL).
    """
    from django.conf import settings

    now = timezone.now().replace(second=0, microsecond=0)
    return now - dt.timedelta(days=settings.SAKKE_STALE_AFTER_DAYS)


class FreshnessFilterMixin(SearchLastFilterSet):
    """Listings unconfirmed for too long leave the default results; ?include_stale=true keeps them.

    Nothing is deleted: the detail pages, the API detail and the coordinator still see them.
    """

    include_stale = django_filters.BooleanFilter(
        label=_("Include listings not checked for a long time"), method="filter_include_stale"
    )

    def filter_include_stale(self, queryset, name, value):
        return queryset  # applied in filter_queryset, which also runs when the value is absent

    def narrow(self, queryset):
        queryset = super().narrow(queryset)
        if not self.form.cleaned_data.get("include_stale"):
            queryset = queryset.filter(confirmed_at__gte=stale_before())
        return queryset


# Filters by the codes of linked reference data: ?topic=liikunta,kulttuuri&language=sv


class RelatedCodesFilter(CommaSeparatedFilter):
    """Rows linked through the many-to-many `field_name` to a row whose `code_field` is one of
    the comma-separated values (related_exists: an EXISTS subquery, no DISTINCT)."""

    def __init__(self, *args, code_field: str, **kwargs):
        self.code_field = code_field
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return related_exists(qs, self.field_name, self.code_field, value)


def topic_filter() -> RelatedCodesFilter:
    return RelatedCodesFilter(field_name="topics", code_field="slug", label=_("Topic"))


def audience_filter() -> RelatedCodesFilter:
    return RelatedCodesFilter(field_name="audiences", code_field="slug", label=_("Audience"))


def language_filter() -> RelatedCodesFilter:
    return RelatedCodesFilter(field_name="in_language", code_field="code", label=_("Language"))


def municipalities_filter() -> RelatedCodesFilter:
    """For listings linked to many municipalities; a place's single one is a plain filter."""
    return RelatedCodesFilter(
        field_name="municipalities", code_field="code", label=_("Municipality")
    )
