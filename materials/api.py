"""The materials library in the API: /api/v1/material/, read-only."""

from rest_framework import serializers

from core.rest.fields import TranslatedField
from core.rest.serializers import LinkedDataSerializer
from core.rest.viewsets import PublicReadOnlyViewSet
from organizations.api import OrganizationReferenceSerializer

from . import selectors
from .filters import DocumentFilter
from .models import Document, DocumentVersion


class VersionSerializer(serializers.ModelSerializer):
    file_type = serializers.CharField(read_only=True)
    content_type = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()
    uploaded_time = serializers.DateTimeField(source="uploaded_at", read_only=True)

    class Meta:
        model = DocumentVersion
        fields = ["number", "file_type", "content_type", "size", "sha256", "url"]
        fields += ["uploaded_time"]

    def get_url(self, version) -> str:
        return self.context["request"].build_absolute_uri(version.get_absolute_url())


class DocumentSerializer(LinkedDataSerializer):
    view_name = "api:material-detail"
    type_name = "Document"

    title = TranslatedField()
    description = TranslatedField()
    municipalities = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    topics = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    publisher = serializers.CharField(source="publisher_name", read_only=True)
    publisher_organization = OrganizationReferenceSerializer(read_only=True, allow_null=True)
    publisher_municipality = serializers.SlugRelatedField(read_only=True, slug_field="code")
    file_url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    versions = VersionSerializer(many=True, read_only=True)
    is_scanned = serializers.BooleanField(read_only=True)
    last_modified_time = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Document
        fields = ["title", "description", "kind", "year", "language", "licence"]
        fields += ["municipalities", "topics", "publisher", "publisher_organization"]
        fields += ["publisher_municipality", "page_count", "is_tagged", "is_scanned"]
        fields += ["has_active_content", "download_count", "file_url", "page_url"]
        fields += ["versions", "last_modified_time"]

    def get_file_url(self, document) -> str:
        return self.context["request"].build_absolute_uri(document.get_download_url())

    def get_page_url(self, document) -> str:
        return self.context["request"].build_absolute_uri(document.get_absolute_url())


class DocumentViewSet(PublicReadOnlyViewSet):
    """Documents of the materials library: workshop summaries, survey reports and more.

    `file_url` always serves the current file; `versions` lists every file it has had.
    """

    queryset = selectors.document_list().prefetch_related("versions")
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
