"""Ongoing activities in the API: weekly groups, peer support, volunteering."""

from rest_framework import serializers

from core.rest.fields import BlankAsNullField, CodeListField, TranslatedField
from core.rest.parameters import documented_list
from core.rest.serializers import LinkedDataSerializer
from core.rest.viewsets import PublicReadOnlyViewSet
from organizations.api import OrganizationReferenceSerializer
from places.api import EmbeddedPlaceSerializer
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


@documented_list("q", "municipality", "topic", "audience", "language", "organization", "is_free")
class ActivityViewSet(PublicReadOnlyViewSet):
    """Ongoing activities: hobby groups, peer support and volunteering, with weekly times."""

    queryset = activity_list()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
