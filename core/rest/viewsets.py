"""The base of every resource's viewset: read-only, looked up by public id."""

from rest_framework import viewsets


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail of one resource at /api/v1/<kind>/ and /api/v1/<kind>/<id>/.

    Public ids contain a colon (sample:org-0001), so the lookup takes anything but a slash.
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
        return super().filter_queryset(queryset)
