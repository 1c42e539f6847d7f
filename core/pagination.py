"""Pagination for the public list pages: exact counts when small, "more than N" when large."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet

# Counted exactly up to this many rows; a larger result says "more than 1,000".
COUNT_CAP = 1000
# How many pages past the one asked for the count looks, so "next" works deep in a list.
LOOKAHEAD_PAGES = 5


def requested_page(value) -> int:
    """The page number a visitor asked for, 1 for anything that is not a positive integer."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


class LateRowLookupPaginator(Paginator):
    """A paginator that finds a page's rows by their ids first ("late row lookup").

    Deep in a list the database skips hundreds of rows; asking for the ids only lets it
    skip them in a covering index (organizations' listed_by_name, events'
    published_start), and only the rows shown are then read whole, with their related
    objects.
    """

    def page(self, number):
        if not isinstance(self.object_list, QuerySet) or self.object_list.query.distinct:
            return super().page(number)  # not a queryset, or ids DISTINCT could not order
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class CappedCountPaginator(LateRowLookupPaginator):
    """A paginator that stops counting once it knows there are more rows than it shows.

    Counting 50,000 matching associations to print "50,000" costs more than the rest of
    the page. A person narrows a long list with its filters rather than paging through
    it, so the count stops at COUNT_CAP (or a few pages past the page asked for, so that
    "next" keeps working at any depth) and the page says "more than 1,000".
    """

    def __init__(
        self, object_list, per_page, *, requested_page: int = 1, more_rows=False, **kwargs
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.requested_page = requested_page
        #: The rows are a part of more (a text search kept its first matches only).
        self.more_rows = more_rows

    @cached_property
    def count_limit(self) -> int:
        return max(COUNT_CAP, (self.requested_page + LOOKAHEAD_PAGES) * self.per_page)

    @cached_property
    def _bounded_count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return len(self.object_list)  # rows already known (a text search's)
        # The order does not change how many rows there are; dropping it lets the
        # database stop at the limit without sorting.
        return self.object_list.order_by()[: self.count_limit + 1].count()

    @cached_property
    def count_is_capped(self) -> bool:
        return self.more_rows or self._bounded_count > self.count_limit

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.count_limit)
