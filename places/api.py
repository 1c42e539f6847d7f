"""Places in the API: where events and activities happen."""

from rest_framework import serializers

from api.fields import BlankAsNullField, PositionField, TranslatedField
from api.parameters import documented_list
from api.serializers import LinkedDataSerializer
from api.viewsets import PublicReadOnlyViewSet

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
    """The location embedded in an event or activity."""

    class Meta:
        model = Place
        fields = ["name", "street_address", "postal_code", "municipality", "position"]


@documented_list("q", "municipality")
class PlaceViewSet(PublicReadOnlyViewSet):
    """Places: where events and activities happen. Filter by text and municipality."""

    queryset = place_list()
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilter
