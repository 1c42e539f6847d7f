"""Linked Events–style envelopes: {"meta": {"count", "next", "previous"}, "data": [...]}."""

import hashlib
from functools import cached_property

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.pagination import LateRowLookupPaginator

# A list's count of at least this many rows is kept for LARGE_COUNT_SECONDS.
LARGE_COUNT = 10_000
LARGE_COUNT_SECONDS = 60


class ApiPaginator(LateRowLookupPaginator):
    """The API's paginator: exact counts (meta.count), large ones kept for a minute.

    Counting a million events costs about 40 ms on every page of an unfiltered list; a
    total that large may lag a minute behind without misleading anyone. Counts under
    LARGE_COUNT are always exact, so a filtered list shows a new event at once.
    """

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return super().count
        queryset = self.object_list.order_by()
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:  # e.g. a text filter that matched nothing: pk IN ()
            return 0
        database = connections[queryset.db].settings_dict["NAME"]
        digest = hashlib.sha256(f"{database}\n{sql}\n{params!r}".encode()).hexdigest()
        key = f"api-count:{digest}"
        count = cache.get(key)
        if count is None:
            count = super().count
            if count >= LARGE_COUNT:
                cache.set(key, count, LARGE_COUNT_SECONDS)
        return count


class LinkedEventsPagination(PageNumberPagination):
    django_paginator_class = ApiPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_paginated_response(self, data):
        return Response(
            {
                "meta": {
                    "count": self.page.paginator.count,
                    "next": self.get_next_link(),
                    "previous": self.get_previous_link(),
                },
                "data": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["meta", "data"],
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {
                        "count": {"type": "integer"},
                        "next": {"type": "string", "nullable": True, "format": "uri"},
                        "previous": {"type": "string", "nullable": True, "format": "uri"},
                    },
                },
                "data": schema,
            },
        }
