"""Events in the API, in the shape of Linked Events."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.rest.fields import (
    BlankAsNullField,
    CodeListField,
    TranslatedField,
    code_list,
    datetime_text,
    detail_url,
    translations,
)
from core.rest.parameters import documented_list
from core.rest.serializers import SCHEMA_ORG, LinkedDataSerializer, reference
from core.rest.viewsets import PublicReadOnlyViewSet
from organizations.api import OrganizationReferenceSerializer
from places.api import EmbeddedPlaceSerializer, embedded_place
from taxonomy.api import AudienceReferenceSerializer, LanguageSerializer, TopicReferenceSerializer

from .filters import EventFilter
from .models import Event
from .selectors import organizer_names, published_events

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
        return super_event_link(event, self.context.get("request"))


@extend_schema_field({"type": "array", "items": LINK_SCHEMA})
class SubEventsField(serializers.Field):
    """Links to the sub-events; the list needs them prefetched (see EventViewSet)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, event):
        return sub_event_links(event, self.context.get("request"))


def event_url(public_id: str, request) -> str:
    return detail_url("api:event-detail", public_id, request)


def super_event_link(event, request) -> dict | None:
    if event.super_event_id is None:
        return None
    # Lists annotate the umbrella's public id (events.selectors.event_list).
    public_id = getattr(event, "super_event_public_id", None) or event.super_event.public_id
    return {"@id": event_url(public_id, request)}


def sub_event_links(event, request) -> list[dict]:
    """Links to the sub-events; the list needs them prefetched (event_api_list)."""
    return [{"@id": event_url(sub.public_id, request)} for sub in event.sub_event_list]


class EventSerializer(LinkedDataSerializer):
    view_name = "api:event-detail"
    type_name = "Event"
    context_url = SCHEMA_ORG

    name = TranslatedField()
    short_description = TranslatedField()
    description = TranslatedField()
    location = EmbeddedPlaceSerializer(read_only=True, allow_null=True)
    online_url = BlankAsNullField()
    # The lists come from event_api_list(); see there.
    organizers = OrganizationReferenceSerializer(source="organizer_list", many=True, read_only=True)
    publisher = serializers.SerializerMethodField()
    keywords = TopicReferenceSerializer(source="topic_list", many=True, read_only=True)
    audience = AudienceReferenceSerializer(source="audience_list", many=True, read_only=True)
    in_language = LanguageSerializer(source="language_list", many=True, read_only=True)
    offers = serializers.SerializerMethodField()
    registration_url = BlankAsNullField()
    accessibility = CodeListField()
    super_event = SuperEventField()
    super_event_type = BlankAsNullField()
    sub_events = SubEventsField()
    recurrence_rule = BlankAsNullField()
    created_time = serializers.DateTimeField(source="created_at", read_only=True)
    last_modified_time = serializers.DateTimeField(source="updated_at", read_only=True)
    deleted = serializers.SerializerMethodField()

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
            "publisher",
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
            "deleted",
        ]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_publisher(self, event) -> str | None:
        return publisher(event)

    def get_deleted(self, event) -> bool:
        return False

    @extend_schema_field(OfferSerializer(many=True))
    def get_offers(self, event):
        return offers(event)

    def to_representation(self, event):
        """The event as one dict, built directly.

        Field by field, DRF spends most of a 20-event list's time copying and calling its
        field objects. The declared fields above still describe the shape to OpenAPI, and
        tests compare this with DRF's own output (api/tests/test_fast_representations.py).
        """
        request = self.context.get("request")
        public_id = event.public_id
        location = event.location
        return {
            "id": public_id,
            "@id": detail_url(self.view_name, public_id, request),
            "@context": self.context_url,
            "@type": self.type_name,
            "data_source": event.data_source,
            "name": translations(event, "name"),
            "short_description": translations(event, "short_description"),
            "description": translations(event, "description"),
            "start_time": datetime_text(event.start_time),
            "end_time": datetime_text(event.end_time),
            "location": None if location is None else embedded_place(location, request),
            "online_url": event.online_url or None,
            "organizers": [
                reference(o, OrganizationReferenceSerializer, request) for o in event.organizer_list
            ],
            "publisher": publisher(event),
            "keywords": [reference(t, TopicReferenceSerializer, request) for t in event.topic_list],
            "audience": [
                reference(a, AudienceReferenceSerializer, request) for a in event.audience_list
            ],
            "audience_min_age": event.audience_min_age,
            "audience_max_age": event.audience_max_age,
            "in_language": [
                reference(lang, LanguageSerializer, request) for lang in event.language_list
            ],
            "offers": offers(event),
            "registration_url": event.registration_url or None,
            "event_status": event.event_status,
            "accessibility": code_list(event.accessibility),
            "super_event": super_event_link(event, request),
            "super_event_type": event.super_event_type or None,
            "sub_events": sub_event_links(event, request),
            "recurrence_rule": event.recurrence_rule or None,
            "created_time": datetime_text(event.created_at),
            "last_modified_time": datetime_text(event.updated_at),
            "deleted": False,
        }


def publisher(event) -> str | None:
    """Linked Events' `publisher`: the id of the (first) organizing association."""
    organizers = event.organizer_list
    return organizers[0].public_id if organizers else None


def offers(event) -> list[dict]:
    """One offer per event, as the exchange format has it; a list as in Linked Events."""
    return [
        {
            "is_free": event.is_free,
            "price": translations(event, "price"),
            "info_url": event.offer_info_url or None,
        }
    ]


def event_api_list():
    """The API's events in a fixed number of queries, related objects as plain lists.

    Lists (to_attr) rather than related managers: on a page of 20 events the managers
    and their querysets cost more than the data.
    """
    return published_events().prefetch_related(
        Prefetch("organizers", queryset=organizer_names(), to_attr="organizer_list"),
        Prefetch("topics", to_attr="topic_list"),
        Prefetch("audiences", to_attr="audience_list"),
        Prefetch("in_language", to_attr="language_list"),
        Prefetch(
            "sub_events",
            queryset=Event.objects.only("id", "public_id", "super_event_id"),
            to_attr="sub_event_list",
        ),
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
