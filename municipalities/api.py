"""Municipalities in the API, identified by their Statistics Finland code."""

from rest_framework import serializers

from core.rest.fields import TranslatedField
from core.rest.serializers import LinkedDataSerializer
from core.rest.viewsets import PublicReadOnlyViewSet

from .models import Municipality


class MunicipalitySerializer(LinkedDataSerializer):
    view_name = "api:municipality-detail"
    type_name = "Municipality"
    id_field = "code"

    name = TranslatedField()
    region = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = Municipality
        fields = ["name", "region"]


class MunicipalityViewSet(PublicReadOnlyViewSet):
    """Municipalities of the region, with their Statistics Finland codes (e.g. 297 = Kuopio)."""

    queryset = Municipality.objects.select_related("region").order_by("code")
    serializer_class = MunicipalitySerializer
    lookup_field = "code"
    filter_backends = []
