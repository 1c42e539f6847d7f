"""Long lists count up to a cap and say "more than"; every row stays reachable."""

import pytest
from django.urls import reverse
from django.utils import translation

from core import pagination
from core.pagination import CappedCountPaginator, requested_page
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 5)
    monkeypatch.setattr(pagination, "LOOKAHEAD_PAGES", 1)


def test_a_short_list_is_counted_exactly(small_cap):
    OrganizationFactory.create_batch(4)
    paginator = CappedCountPaginator(Organization.objects.all(), 20)
    assert paginator.count == 4
    assert not paginator.count_is_capped


def test_a_long_list_counts_to_the_limit_and_says_so(small_cap):
    OrganizationFactory.create_batch(50)
    paginator = CappedCountPaginator(Organization.objects.order_by("name_fi"), 20)
    # Page 1 looks one page ahead: 40 rows known, more exist.
    assert paginator.count == 40
    assert paginator.count_is_capped
    assert paginator.num_pages == 2
    # Asked for page 2, the count looks past it, so page 2 links onwards.
    assert CappedCountPaginator(Organization.objects.all(), 20, requested_page=2).page(2).has_next()


def test_a_deep_page_counts_further_and_reaches_the_last_rows(small_cap):
    OrganizationFactory.create_batch(50)
    queryset = Organization.objects.order_by("name_fi", "id")
    paginator = CappedCountPaginator(queryset, 20, requested_page=3)
    assert paginator.count == 50
    assert not paginator.count_is_capped
    last = paginator.get_page(3)
    assert list(last.object_list) == list(queryset[40:])
    assert not last.has_next()


@pytest.mark.parametrize(
    ("value", "number"), [(None, 1), ("", 1), ("x", 1), ("-3", 1), ("0", 1), ("7", 7)]
)
def test_the_requested_page_is_a_positive_number(value, number):
    assert requested_page(value) == number


def test_the_list_page_says_more_than_when_capped(client, small_cap):
    OrganizationFactory.create_batch(45)
    with translation.override("en"):
        url = reverse("organizations:list")
    text = client.get(url).text
    assert "More than 40 associations found" in text
    assert "Narrow the list with the filters." in text
    deep = client.get(url, {"page": 3}).text
    assert "45 associations found" in deep
    assert "More than" not in deep


def test_a_list_that_is_not_a_queryset_is_paged_as_usual():
    from core.pagination import LateRowLookupPaginator

    page = LateRowLookupPaginator(list(range(45)), 20).page(3)
    assert list(page.object_list) == list(range(40, 45))
