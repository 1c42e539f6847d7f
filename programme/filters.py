import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import CommaSeparatedFilter, split_values

from .models import Measure, MeasureStatus


class MeasureFilter(django_filters.FilterSet):
    """The filter of /api/v1/programme_measure/."""

    programme = django_filters.CharFilter(
        label=_("Programme"), field_name="goal__theme__programme__slug"
    )
    goal = CommaSeparatedFilter(label=_("Goal"), method="filter_goal")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeasureStatus.choices)

    class Meta:
        model = Measure
        fields = []

    def filter_goal(self, queryset, name, value):
        ids = split_values(value)
        return queryset.filter(goal__public_id__in=ids) if ids else queryset
