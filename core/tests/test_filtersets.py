"""The lists' FilterSets share their filters' form fields between requests, not their state."""

import pytest
from django.http import QueryDict

from activities.filters import ActivityFilter
from events.filters import EventFilter
from events.models import Event
from organizations.filters import OrganizationFilter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("filterset_class", [EventFilter, OrganizationFilter, ActivityFilter])
def test_each_filterset_has_its_own_filters_bound_to_itself(filterset_class):
    first = filterset_class(QueryDict("q=kuoro"))
    second = filterset_class(QueryDict("q=konsertti"))

    for name in first.filters:
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name].parent is first
        assert second.filters[name].parent is second
    # A method filter calls the method of its own FilterSet, not another request's.
    assert first.filters["q"].filter.method.__self__ is first
    assert second.filters["q"].filter.method.__self__ is second


def test_a_filter_method_reads_its_own_requests_values():
    # filter_dwithin reads dwithin_metres from its FilterSet's form: with the method bound
    # to another request's FilterSet it would read that one's distance.
    near = EventFilter(
        QueryDict("dwithin_origin=27.68,62.89&dwithin_metres=1000"),
        queryset=Event.objects.all(),
    )
    far = EventFilter(
        QueryDict("dwithin_origin=27.68,62.89&dwithin_metres=50000"),
        queryset=Event.objects.all(),
    )
    assert near.is_valid() and far.is_valid()
    assert near.form.cleaned_data["dwithin_metres"] == 1000
    assert far.form.cleaned_data["dwithin_metres"] == 50000
    assert str(near.qs.query) != str(far.qs.query)


def test_the_form_class_is_made_once_per_filterset_class():
    assert type(EventFilter(QueryDict("")).form) is type(EventFilter(QueryDict("q=a")).form)
    assert type(EventFilter(QueryDict("")).form) is not type(OrganizationFilter(QueryDict("")).form)


def test_an_invalid_request_leaves_the_next_one_valid():
    invalid = EventFilter(QueryDict("start=2027-01-01&end=2026-01-01"))
    assert not invalid.is_valid()
    assert "end" in invalid.errors

    valid = EventFilter(QueryDict("start=2026-01-01&end=2027-01-01"))
    assert valid.is_valid()
    assert valid.errors == {}
