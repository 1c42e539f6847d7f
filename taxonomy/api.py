"""Topics, audiences and languages: the vocabularies other resources refer to."""

from core.rest.fields import TranslatedField
from core.rest.serializers import SCHEMA_ORG, LinkedDataSerializer, reference_serializer
from core.rest.viewsets import PublicReadOnlyViewSet

from .models import Audience, Language, Topic


class TopicSerializer(LinkedDataSerializer):
    view_name = "api:topic-detail"
    type_name = "Topic"
    id_field = "slug"
    context_url = SCHEMA_ORG

    name = TranslatedField()

    class Meta:
        model = Topic
        fields = ["name", "yso"]


class AudienceSerializer(TopicSerializer):
    view_name = "api:audience-detail"
    type_name = "Audience"

    class Meta:
        model = Audience
        fields = ["name", "yso"]


LanguageSerializer = reference_serializer(
    Language,
    view_name="api:language-detail",
    type_name="Language",
    id_field="code",
    class_name="LanguageSerializer",
)
# Topics and audiences are the keywords of Linked Events: its keyword objects carry @context.
TopicReferenceSerializer = reference_serializer(
    Topic, view_name="api:topic-detail", type_name="Topic", id_field="slug", context_url=SCHEMA_ORG
)
AudienceReferenceSerializer = reference_serializer(
    Audience,
    view_name="api:audience-detail",
    type_name="Audience",
    id_field="slug",
    context_url=SCHEMA_ORG,
)


class TopicViewSet(PublicReadOnlyViewSet):
    """Topics (toimialat), the keywords of events, activities and associations."""

    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    lookup_field = "slug"
    filter_backends = []


class AudienceViewSet(PublicReadOnlyViewSet):
    """Audiences (kohderyhmät): who an event, activity or association is for."""

    queryset = Audience.objects.all()
    serializer_class = AudienceSerializer
    lookup_field = "slug"
    filter_backends = []


class LanguageViewSet(PublicReadOnlyViewSet):
    """Languages events and activities are held in (ISO 639; fse = Finnish Sign Language)."""

    queryset = Language.objects.all()
    serializer_class = LanguageSerializer
    lookup_field = "code"
    filter_backends = []
