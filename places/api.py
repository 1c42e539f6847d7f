"""Places in the API: where events and activities happen."""

from rest_framework import serializers

from core.rest.fields import (
    BlankAsNullField,
    PositionField,
    TranslatedField,
    detail_url,
    position,
    translations,
)
from core.rest.parameters import documented_list
from core.rest.serializers import LinkedDataSerializer
from core.rest.viewsets import PublicReadOnlyViewSet

from .filters import PlaceFilter
from .models import Place
from .selectors import place_list


class PlaceSerializer(LinkedDataSerializer):
    view_name = "api:place-detail"
    type_name = "Place"

    name = TranslatedField()
    street_address = TranslatedField()
    postal_code = BlankAsNullField()
    municipality = serializers.CharField(
        source="municipality.code", read_only=True, allow_null=True
    )
    position = PositionField()
    accessibility_notes = TranslatedField()
    last_modified_time = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Place
        fields = [
            "data_source",
            "name",
            "street_address",
            "postal_code",
            "municipality",
            "position",
            "accessibility_notes",
            "last_modified_time",
        ]


class EmbeddedPlaceSerializer(PlaceSerializer):
    """The location embedded in an event or activity.

    Built as one dict (as core.rest.serializers.ReferenceSerializer does): every event of a list
    embeds one. The declared fields describe the shape to OpenAPI; tests compare both.
    """

    class Meta:
        model = Place
        fields = ["name", "street_address", "postal_code", "municipality", "position"]

    def to_representation(self, place):
        return embedded_place(place, self.context.get("request"))


def embedded_place(place: Place, request) -> dict:
    """What EmbeddedPlaceSerializer gives for `place`, without a serializer."""
    municipality = place.municipality
    return {
        "id": place.public_id,
        "@id": detail_url(EmbeddedPlaceSerializer.view_name, place.public_id, request),
        "@type": EmbeddedPlaceSerializer.type_name,
        "name": translations(place, "name"),
        "street_address": translations(place, "street_address"),
        "postal_code": place.postal_code or None,
        "municipality": municipality.code if municipality is not None else None,
        "position": position(place),
    }


@documented_list("q", "municipality")
class PlaceViewSet(PublicReadOnlyViewSet):
    """Places: where events and activities happen. Filter by text and municipality."""

    queryset = place_list()
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilter
