"""Linked Events–style envelopes: {"meta": {"count", "next", "previous"}, "data": [...]}."""

from functools import cached_property

from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.counting import count_rows
from core.pagination import LateRowLookupPaginator


class ApiPaginator(LateRowLookupPaginator):
    """The API's paginator: exact counts (meta.count), large ones kept for a minute.

    See core.counting: an unfiltered list of a million events would otherwise count
    them on every page.
    """

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return super().count
        return count_rows(self.object_list)


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
