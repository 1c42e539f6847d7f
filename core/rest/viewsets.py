"""The base of every resource's viewset: read-only, looked up by public id."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from core.filtering import LIST_RANKED, ranked_through
from core.models import Tombstone
from core.pagination import requested_page

from . import sync

SYNC_PARAMETERS = [
    OpenApiParameter(
        "last_modified_since",
        OpenApiTypes.STR,
        description=(
            "Objects changed at or after this time (ISO 8601 or YYYY-MM-DD). Lists of "
            "reference data without a modification time answer in full."
        ),
    ),
    OpenApiParameter(
        "show_deleted",
        OpenApiTypes.BOOL,
        description=(
            "true: after the objects, the deleted or unpublished ones as tombstones "
            '({"id", "@id", "@type", "deleted": true, "last_modified_time"}).'
        ),
    ),
]


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail of one resource at /api/v1/<kind>/ and /api/v1/<kind>/<id>/.

    Public ids contain a colon (sample:org-0001), so the lookup takes anything but a slash.
    Every list takes `last_modified_since` and `show_deleted` (core.rest.sync).
    """

    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[^/]+"

    def filter_queryset(self, queryset):
        # Filters narrow lists; a detail URL names one object, which is found whatever the
        # list's defaults (e.g. a listing left out of default results for not being
        # checked in 18 months is still served at its own address).
        if self.action == "retrieve":
            return queryset
        queryset = super().filter_queryset(queryset)
        return sync.modified_since(queryset, sync.last_modified_since(self.request))

    @extend_schema(parameters=SYNC_PARAMETERS)
    def list(self, request, *args, **kwargs):
        # A text search ranks the rows up to the end of the page asked for (core.filtering).
        with ranked_through(self._last_row(request)) as window:
            queryset = self.filter_queryset(self.get_queryset())
        if not (sync.show_deleted(request) and sync.has_tombstones(queryset.model)):
            # A list searched by text is paged from the search's ids (core.filtering).
            return self._respond(window.found_rows(queryset, self.get_queryset()))
        return self._respond(sync.with_tombstones(queryset, request))

    def _last_row(self, request) -> int:
        paginator = self.paginator
        if paginator is None or not hasattr(paginator, "page_query_param"):
            return LIST_RANKED
        size = paginator.get_page_size(request) or LIST_RANKED
        return requested_page(request.query_params.get(paginator.page_query_param)) * size

    def _respond(self, rows):
        page = self.paginate_queryset(rows)
        rows = page if page is not None else list(rows)
        serializer_class = self.get_serializer_class()
        live = [row for row in rows if not isinstance(row, Tombstone)]
        represented = iter(self.get_serializer(live, many=True).data)
        data = [
            sync.tombstone_representation(row, serializer_class, request=self.request)
            if isinstance(row, Tombstone)
            else next(represented)
            for row in rows
        ]
        if page is not None:
            return self.get_paginated_response(data)
        return Response(data)
