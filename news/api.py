"""News posts in the API: published posts only, newest first."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.rest.fields import TranslatedField
from core.rest.parameters import documented_list
from core.rest.serializers import LinkedDataSerializer
from core.rest.viewsets import PublicReadOnlyViewSet
from organizations.api import OrganizationReferenceSerializer
from taxonomy.api import TopicReferenceSerializer

from .filters import NewsFilter
from .models import NewsPost
from .selectors import news_list


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class ImageUrlField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, post):
        if not post.image:
            return None
        request = self.context.get("request")
        url = post.image.url
        return request.build_absolute_uri(url) if request else url


class NewsSerializer(LinkedDataSerializer):
    view_name = "api:news-detail"
    type_name = "NewsArticle"

    title = TranslatedField()
    lead = TranslatedField()
    body = TranslatedField()
    image = ImageUrlField()
    image_alt = TranslatedField()
    organization = OrganizationReferenceSerializer(read_only=True, allow_null=True)
    keywords = TopicReferenceSerializer(source="topics", many=True, read_only=True)
    municipalities = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    published_time = serializers.DateTimeField(source="published_at", read_only=True)
    last_modified_time = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = NewsPost
        fields = [
            "data_source",
            "title",
            "lead",
            "body",
            "image",
            "image_alt",
            "organization",
            "keywords",
            "municipalities",
            "published_time",
            "last_modified_time",
        ]


@documented_list("q", "municipality", "topic", "organization")
class NewsViewSet(PublicReadOnlyViewSet):
    """News posts of the associations and the coordinator's office, newest first.

    `organization` is null for posts of the coordinator's office.
    """

    # news_list() reads the clock, so it runs per request (a scheduled post appears on time).
    queryset = NewsPost.objects.none()
    serializer_class = NewsSerializer
    filterset_class = NewsFilter

    def get_queryset(self):
        return news_list()
