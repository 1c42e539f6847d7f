"""The base of every resource's viewset: read-only, looked up by public id."""

from rest_framework import viewsets


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail of one resource at /api/v1/<kind>/ and /api/v1/<kind>/<id>/.

    Public ids contain a colon (sample:org-0001), so the lookup takes anything but a slash.
    """

    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[^/]+"
