"""Places in the API: where events and activities happen."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.rest.fields import (
    TRANSLATED_SCHEMA,
    BlankAsNullField,
    PositionField,
    TranslatedField,
    detail_url,
    position,
    translations,
)
from core.rest.parameters import documented_list
from core.rest.serializers import SCHEMA_ORG, LinkedDataSerializer
from core.rest.viewsets import PublicReadOnlyViewSet
from municipalities.divisions import municipality_ocd_id

from .filters import PlaceFilter
from .models import Place
from .selectors import place_list

DIVISIONS_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "type": {"type": "string"},
            "ocd_id": {"type": "string"},
            "municipality": {"type": "string", "nullable": True},
            "name": TRANSLATED_SCHEMA,
        },
    },
}


class PlaceSerializer(LinkedDataSerializer):
    view_name = "api:place-detail"
    type_name = "Place"
    context_url = SCHEMA_ORG

    name = TranslatedField()
    street_address = TranslatedField()
    postal_code = BlankAsNullField()
    municipality = serializers.CharField(
        source="municipality.code", read_only=True, allow_null=True
    )
    position = PositionField()
    address_locality = serializers.SerializerMethodField()
    divisions = serializers.SerializerMethodField()
    accessibility_notes = TranslatedField()
    last_modified_time = serializers.DateTimeField(source="updated_at", read_only=True)

    @extend_schema_field({**TRANSLATED_SCHEMA, "nullable": True})
    def get_address_locality(self, place):
        return address_locality(place)

    @extend_schema_field(DIVISIONS_SCHEMA)
    def get_divisions(self, place):
        return divisions(place)

    class Meta:
        model = Place
        fields = [
            "data_source",
            "name",
            "street_address",
            "postal_code",
            "municipality",
            "position",
            "address_locality",
            "divisions",
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
        fields = [
            "name",
            "street_address",
            "postal_code",
            "municipality",
            "position",
            "address_locality",
            "divisions",
        ]

    def to_representation(self, place):
        return embedded_place(place, self.context.get("request"))


def embedded_place(place: Place, request) -> dict:
    """What EmbeddedPlaceSerializer gives for `place`, without a serializer."""
    municipality = place.municipality
    return {
        "id": place.public_id,
        "@id": detail_url(EmbeddedPlaceSerializer.view_name, place.public_id, request),
        "@context": SCHEMA_ORG,
        "@type": EmbeddedPlaceSerializer.type_name,
        "name": translations(place, "name"),
        "street_address": translations(place, "street_address"),
        "postal_code": place.postal_code or None,
        "municipality": municipality.code if municipality is not None else None,
        "position": position(place),
        "address_locality": address_locality(place),
        "divisions": divisions(place),
    }


def address_locality(place: Place) -> dict | None:
    """The municipality's name in each language: Linked Events' `address_locality`."""
    municipality = place.municipality
    return None if municipality is None else translations(municipality, "name")


def divisions(place: Place) -> list[dict]:
    """Linked Events' `divisions`: the municipality with its Open Civic Data id."""
    municipality = place.municipality
    if municipality is None:
        return []
    return [
        {
            "type": "muni",
            "ocd_id": municipality_ocd_id(municipality),
            "municipality": None,
            "name": translations(municipality, "name"),
        }
    ]


@documented_list("q", "municipality")
class PlaceViewSet(PublicReadOnlyViewSet):
    """Places: where events and activities happen. Filter by text and municipality."""

    queryset = place_list()
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilter
