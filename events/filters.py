import datetime as dt

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filtering import (
    CommaSeparatedFilter,
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
from core.geo import DEFAULT_DISTANCE_KM, PointField, box_around
from municipalities.models import Municipality

from .models import Event


class PointFilter(django_filters.Filter):
    field_class = PointField


class EventFilter(django_filters.FilterSet):
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
        form = TimeWindowForm

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
        return queryset.filter(**box_around(lat, lon, float(km), prefix="location__"))

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
