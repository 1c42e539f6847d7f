"""Events in the API, in the shape of Linked Events."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import BlankAsNullField, CodeListField, TranslatedField, detail_url
from api.parameters import documented_list
from api.serializers import LinkedDataSerializer
from api.viewsets import PublicReadOnlyViewSet
from organizations.api import OrganizationReferenceSerializer
from places.api import EmbeddedPlaceSerializer
from taxonomy.api import AudienceReferenceSerializer, LanguageSerializer, TopicReferenceSerializer

from .filters import EventFilter
from .models import Event
from .selectors import event_list

LINK_SCHEMA = {"type": "object", "properties": {"@id": {"type": "string", "format": "uri"}}}


class OfferSerializer(serializers.Serializer):
    is_free = serializers.BooleanField()
    price = TranslatedField()
    info_url = BlankAsNullField(source="offer_info_url")


@extend_schema_field({**LINK_SCHEMA, "nullable": True})
class SuperEventField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, event):
        if event.super_event_id is None:
            return None
        return {"@id": event_url(event.super_event.public_id, self.context)}


@extend_schema_field({"type": "array", "items": LINK_SCHEMA})
class SubEventsField(serializers.Field):
    """Links to the sub-events; the list needs them prefetched (see EventViewSet)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, event):
        return [{"@id": event_url(sub.public_id, self.context)} for sub in event.sub_events.all()]


def event_url(public_id: str, context) -> str:
    return detail_url("api:event-detail", public_id, context.get("request"))


class EventSerializer(LinkedDataSerializer):
    view_name = "api:event-detail"
    type_name = "Event"

    name = TranslatedField()
    short_description = TranslatedField()
    description = TranslatedField()
    location = EmbeddedPlaceSerializer(read_only=True, allow_null=True)
    online_url = BlankAsNullField()
    organizers = OrganizationReferenceSerializer(many=True, read_only=True)
    keywords = TopicReferenceSerializer(source="topics", many=True, read_only=True)
    audience = AudienceReferenceSerializer(source="audiences", many=True, read_only=True)
    in_language = LanguageSerializer(many=True, read_only=True)
    offers = serializers.SerializerMethodField()
    registration_url = BlankAsNullField()
    accessibility = CodeListField()
    super_event = SuperEventField()
    super_event_type = BlankAsNullField()
    sub_events = SubEventsField()
    recurrence_rule = BlankAsNullField()
    created_time = serializers.DateTimeField(source="created_at", read_only=True)
    last_modified_time = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Event
        fields = [
            "data_source",
            "name",
            "short_description",
            "description",
            "start_time",
            "end_time",
            "location",
            "online_url",
            "organizers",
            "keywords",
            "audience",
            "audience_min_age",
            "audience_max_age",
            "in_language",
            "offers",
            "registration_url",
            "event_status",
            "accessibility",
            "super_event",
            "super_event_type",
            "sub_events",
            "recurrence_rule",
            "created_time",
            "last_modified_time",
        ]

    @extend_schema_field(OfferSerializer(many=True))
    def get_offers(self, event):
        # One offer per event, as the exchange format has it; a list as in Linked Events.
        return [OfferSerializer(event).data]


def event_api_list():
    """The event list with the sub-event links the API shows, in a fixed number of queries."""
    return event_list().prefetch_related(
        Prefetch("sub_events", queryset=Event.objects.only("id", "public_id", "super_event_id"))
    )


@documented_list(
    "q", "municipality", "topic", "audience", "language", "organization", "start", "end", "is_free"
)
class EventViewSet(PublicReadOnlyViewSet):
    """Events in the shape of Linked Events, in order of start time.

    Cancelled events stay listed, marked by `event_status: "EventCancelled"`.
    """

    queryset = event_api_list()
    serializer_class = EventSerializer
    filterset_class = EventFilter
