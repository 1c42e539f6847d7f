"""Ongoing activities in the API: weekly groups, peer support, volunteering."""

from django.db.models import Prefetch
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
from core.rest.serializers import LinkedDataSerializer, reference
from core.rest.viewsets import PublicReadOnlyViewSet
from organizations.api import OrganizationReferenceSerializer
from places.api import EmbeddedPlaceSerializer, embedded_place
from taxonomy.api import AudienceReferenceSerializer, LanguageSerializer, TopicReferenceSerializer

from .filters import ActivityFilter
from .models import Activity, WeeklySlot
from .selectors import activity_list


class WeeklySlotSerializer(serializers.ModelSerializer):
    start = serializers.TimeField(format="%H:%M", read_only=True)
    end = serializers.TimeField(format="%H:%M", read_only=True, allow_null=True)

    class Meta:
        model = WeeklySlot
        fields = ["weekday", "start", "end"]


class ActivityContactSerializer(serializers.Serializer):
    email = BlankAsNullField(source="contact_email")
    phone = BlankAsNullField(source="contact_phone")


class ActivitySerializer(LinkedDataSerializer):
    view_name = "api:activity-detail"
    type_name = "Activity"

    name = TranslatedField()
    description = TranslatedField()
    participation = CodeListField()
    schedule = WeeklySlotSerializer(many=True, read_only=True)
    organizer = OrganizationReferenceSerializer(read_only=True, allow_null=True)
    location = EmbeddedPlaceSerializer(read_only=True, allow_null=True)
    municipalities = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    topics = TopicReferenceSerializer(many=True, read_only=True)
    audiences = AudienceReferenceSerializer(many=True, read_only=True)
    in_language = LanguageSerializer(many=True, read_only=True)
    price = TranslatedField()
    accessibility = CodeListField()
    contact = ActivityContactSerializer(source="*", read_only=True)
    last_modified_time = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Activity
        fields = [
            "data_source",
            "name",
            "description",
            "kind",
            "participation",
            "schedule",
            "organizer",
            "location",
            "municipalities",
            "topics",
            "audiences",
            "in_language",
            "is_free",
            "price",
            "accessibility",
            "contact",
            "last_modified_time",
        ]

    def to_representation(self, activity):
        """The activity as one dict, built directly (as events.api.EventSerializer).

        The declared fields describe the shape to OpenAPI; tests compare this with DRF's
        own output (api/tests/test_fast_representations.py). Needs activity_api_list().
        """
        request = self.context.get("request")
        public_id = activity.public_id
        organizer, location = activity.organizer, activity.location
        return {
            "id": public_id,
            "@id": detail_url(self.view_name, public_id, request),
            "@type": self.type_name,
            "data_source": activity.data_source,
            "name": translations(activity, "name"),
            "description": translations(activity, "description"),
            "kind": activity.kind,
            "participation": code_list(activity.participation),
            "schedule": [weekly_slot(slot) for slot in activity.schedule_list],
            "organizer": None
            if organizer is None
            else reference(organizer, OrganizationReferenceSerializer, request),
            "location": None if location is None else embedded_place(location, request),
            "municipalities": [m.code for m in activity.municipality_list],
            "topics": [
                reference(t, TopicReferenceSerializer, request) for t in activity.topic_list
            ],
            "audiences": [
                reference(a, AudienceReferenceSerializer, request) for a in activity.audience_list
            ],
            "in_language": [
                reference(lang, LanguageSerializer, request) for lang in activity.language_list
            ],
            "is_free": activity.is_free,
            "price": translations(activity, "price"),
            "accessibility": code_list(activity.accessibility),
            "contact": {
                "email": activity.contact_email or None,
                "phone": activity.contact_phone or None,
            },
            "last_modified_time": datetime_text(activity.updated_at),
        }


def weekly_slot(slot: WeeklySlot) -> dict:
    """What WeeklySlotSerializer gives for `slot`, without a serializer."""
    end = slot.end
    return {
        "weekday": slot.weekday,
        "start": slot.start.strftime("%H:%M"),
        "end": None if end is None else end.strftime("%H:%M"),
    }


def activity_api_list():
    """The API's activities: activity_list() with related objects as plain lists (to_attr),
    as events.api.event_api_list: no queryset per activity and relation."""
    return (
        activity_list()
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("municipalities", to_attr="municipality_list"),
            Prefetch("topics", to_attr="topic_list"),
            Prefetch("audiences", to_attr="audience_list"),
            Prefetch("in_language", to_attr="language_list"),
            Prefetch("schedule", to_attr="schedule_list"),
        )
    )


@documented_list("q", "municipality", "topic", "audience", "language", "organization", "is_free")
class ActivityViewSet(PublicReadOnlyViewSet):
    """Ongoing activities: hobby groups, peer support and volunteering, with weekly times."""

    queryset = activity_api_list()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
