import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.filtering import (
    CommaSeparatedFilter,
    SearchLastFilterSet,
    SearchQueryFilter,
    StrictBooleanFilter,
    TimeBoundFilter,
    TimeWindowForm,
    audience_filter,
    ids_of,
    language_filter,
    related_exists,
    search_filter,
    split_values,
    topic_filter,
)
from municipalities.divisions import municipality_ids_for_divisions
from municipalities.models import Municipality
from places.geo import DEFAULT_DISTANCE_KM, PointField, places_in_bbox, places_within
from places.models import Place
from taxonomy.models import Audience, Topic

from .models import Event

#: Linked Events' `sort` values Sakke serves, each with its ordering.
SORTS = {
    "start_time": ("start_time", "id"),
    "end_time": ("end_time", "id"),
    "days_left": ("end_time", "id"),
    "last_modified_time": ("updated_at", "id"),
    "name": ("name", "id"),
    "duration": ("duration", "id"),
}


class LinkedEventsForm(TimeWindowForm):
    """The event filter's form: Linked Events' parameters that only make sense together."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("days") and (self.data.get("start") or self.data.get("end")):
            self.add_error("days", _("Use either days or start and end, not both."))
        if bool(cleaned.get("dwithin_origin")) != bool(cleaned.get("dwithin_metres")):
            self.add_error("dwithin_metres", _("Give dwithin_origin and dwithin_metres together."))
        return cleaned


class CoordinatesField(forms.CharField):
    """Comma-separated numbers, e.g. a bounding box "27.5,62.8,27.8,63.0"."""

    def __init__(self, *args, count: int, **kwargs):
        self.count = count
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            numbers = [float(part) for part in value.split(",")]
        except ValueError:
            numbers = []
        if len(numbers) != self.count:
            raise forms.ValidationError(
                _("Enter %(count)s comma-separated numbers.") % {"count": self.count},
                code="invalid",
            )
        return numbers


# Comma-separated numbers in the query string ("lon,lat" or "west,south,east,north"): a
# string in the API schema, which cannot guess it from a model field of that name.
@extend_schema_field(OpenApiTypes.STR)
class CoordinatesFilter(django_filters.Filter):
    field_class = CoordinatesField


@extend_schema_field(OpenApiTypes.STR)
class PointFilter(django_filters.Filter):
    field_class = PointField


class EventFilter(SearchLastFilterSet):
    q = SearchQueryFilter(label=_("Search"), method="filter_text")
    municipality = CommaSeparatedFilter(label=_("Municipality"), method="filter_municipality")
    topic = topic_filter()
    audience = audience_filter()
    language = language_filter()
    start = TimeBoundFilter(label=_("From"), method="filter_start")
    end = TimeBoundFilter(label=_("To"), method="filter_end", end_of_day=True)
    is_free = StrictBooleanFilter(label=_("Free only"), field_name="is_free")
    organization = CommaSeparatedFilter(label=_("Organizer"), method="filter_organization")
    # "Near me": the browser's position, sent only when the person asks (js/near_me.js).
    near = PointFilter(label=_("Near"), method="filter_near")
    distance = django_filters.NumberFilter(
        label=_("Distance in kilometres"), method="keep", min_value=1, max_value=200
    )

    class Meta:
        model = Event
        fields = []
        form = LinkedEventsForm

    # Linked Events' own parameters, with the same meaning
    # (https://api.hel.fi/linkedevents/v1/event/ documents them).
    days = django_filters.NumberFilter(
        label=_("Days from today"), method="filter_days", min_value=1, max_value=3660
    )
    text = SearchQueryFilter(label=_("Search"), method="filter_text")
    division = CommaSeparatedFilter(label=_("Municipality or region"), method="filter_division")
    keyword = CommaSeparatedFilter(label=_("Keywords, any of"), method="filter_keyword_or")
    keyword_OR = CommaSeparatedFilter(label=_("Keywords, any of"), method="filter_keyword_or")
    keyword_AND = CommaSeparatedFilter(label=_("Keywords, all of"), method="filter_keyword_and")
    location = CommaSeparatedFilter(label=_("Place"), method="filter_location")
    publisher = CommaSeparatedFilter(label=_("Organizer"), method="filter_organization")
    super_event = CommaSeparatedFilter(label=_("Part of"), method="filter_super_event")
    hide_recurring_children = django_filters.BooleanFilter(
        label=_("Hide the events of recurring series"), method="filter_hide_recurring"
    )
    bbox = CoordinatesFilter(label=_("Area"), method="filter_bbox", count=4)
    dwithin_origin = CoordinatesFilter(label=_("Near"), method="filter_dwithin", count=2)
    dwithin_metres = django_filters.NumberFilter(
        label=_("Distance in metres"), method="filter_nothing", min_value=0
    )
    include = CommaSeparatedFilter(label=_("Include"), method="filter_nothing")
    sort = django_filters.ChoiceFilter(
        label=_("Order"),
        method="filter_sort",
        choices=[(key, key) for name in SORTS for key in (name, f"-{name}")],
    )

    def filter_nothing(self, queryset, name, value):
        # dwithin_metres is read by filter_dwithin; `include` asks to embed what Sakke
        # always embeds (location, keywords, audience, in_language).
        return queryset

    def filter_days(self, queryset, name, value):
        today = timezone.localdate()
        start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
        end = timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=int(value) - 1), dt.time.max)
        )
        return self.filter_end(self.filter_start(queryset, name, start), name, end)

    def filter_division(self, queryset, name, value):
        values = split_values(value)
        if not values:
            return queryset
        return queryset.filter(location__municipality_id__in=municipality_ids_for_divisions(values))

    def filter_keyword_or(self, queryset, name, value):
        values = split_values(value)
        return queryset.filter(keyword_condition(values)) if values else queryset

    def filter_keyword_and(self, queryset, name, value):
        for keyword in split_values(value):
            queryset = queryset.filter(keyword_condition([keyword]))
        return queryset

    def filter_location(self, queryset, name, value):
        values = split_values(value)
        if not values:
            return queryset
        return queryset.filter(location_id__in=ids_of(Place, "public_id", values))

    def filter_super_event(self, queryset, name, value):
        values = split_values(value)
        if "none" in values:
            return queryset.filter(super_event__isnull=True)
        if not values:
            return queryset
        return queryset.filter(super_event_id__in=ids_of(Event, "public_id", values))

    def filter_hide_recurring(self, queryset, name, value):
        if not value:
            return queryset
        recurring = Event.objects.filter(
            pk=OuterRef("super_event_id"), super_event_type=Event.SuperEventType.RECURRING
        )
        return queryset.exclude(Exists(recurring))

    def filter_bbox(self, queryset, name, value):
        west, south, east, north = value
        return queryset.filter(location__in=places_in_bbox(west, south, east, north).values("pk"))

    def filter_dwithin(self, queryset, name, value):
        metres = self.form.cleaned_data.get("dwithin_metres")
        lon, lat = value
        return queryset.filter(location__in=places_within(lon, lat, float(metres)).values("pk"))

    def filter_sort(self, queryset, name, value):
        descending = value.startswith("-")
        fields = SORTS[value.lstrip("-")]
        if fields[0] == "duration":
            queryset = queryset.annotate(duration=F("end_time") - F("start_time"))
        return queryset.order_by(*[f"-{field}" if descending else field for field in fields])

    def filter_text(self, queryset, name, value):
        return search_filter(queryset, value)

    def filter_municipality(self, queryset, name, value):
        codes = split_values(value)
        if not codes:
            return queryset
        return queryset.filter(location__municipality_id__in=ids_of(Municipality, "code", codes))

    def filter_near(self, queryset, name, value):
        lat, lon = value
        km = self.form.cleaned_data.get("distance") or DEFAULT_DISTANCE_KM
        nearby = places_within(lon, lat, float(km) * 1000)
        return queryset.filter(location__in=nearby.values("pk"))

    def keep(self, queryset, name, value):
        return queryset  # read by filter_near

    def filter_organization(self, queryset, name, value):
        return related_exists(queryset, "organizers", "public_id", value)

    def filter_start(self, queryset, name, value):
        # An event that is still going on at `start` is included, as in Linked Events.
        queryset = queryset.filter(
            Q(end_time__gte=value) | Q(end_time__isnull=True, start_time__gte=value)
        )
        # Same rows, but a lower bound on start_time lets the database read the start-time
        # index from `start` on instead of from the oldest event (docs/benchmarks.md).
        longest = Event.longest_duration()
        if longest is not None:
            queryset = queryset.filter(start_time__gte=value - max(longest, dt.timedelta(0)))
        return queryset

    def filter_end(self, queryset, name, value):
        return queryset.filter(start_time__lte=value)


def keyword_condition(keywords: list[str]) -> Q:
    """Events with any of `keywords`: topics or audiences by id (slug) or YSO id."""
    topics = list(
        Topic.objects.filter(Q(slug__in=keywords) | Q(yso__in=keywords)).values_list(
            "pk", flat=True
        )
    )
    audiences = list(
        Audience.objects.filter(Q(slug__in=keywords) | Q(yso__in=keywords)).values_list(
            "pk", flat=True
        )
    )
    topic_links = Event.topics.through.objects.filter(event=OuterRef("pk"), topic_id__in=topics)
    audience_links = Event.audiences.through.objects.filter(
        event=OuterRef("pk"), audience_id__in=audiences
    )
    return Q(Exists(topic_links)) | Q(Exists(audience_links))
