"""Cooperation in the API: bodies with their seats, meetings, consultations and sent
joint statements with their signatories and outcome. Read-only, public data only:
contact details only with consent, drafts never."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.rest.fields import TranslatedField
from core.rest.serializers import LinkedDataSerializer, reference_serializer
from core.rest.viewsets import PublicReadOnlyViewSet
from materials.models import Document
from organizations.api import OrganizationReferenceSerializer

from . import selectors
from .models import (
    Body,
    BodyDocument,
    Consultation,
    Meeting,
    Membership,
    Seat,
    Signature,
    Statement,
)

BodyReferenceSerializer = reference_serializer(
    Body, view_name="api:cooperation_body-detail", type_name="CooperationBody"
)
ConsultationReferenceSerializer = reference_serializer(
    Consultation, view_name="api:consultation-detail", type_name="Consultation"
)


@extend_schema_field(
    {"type": "object", "properties": {"email": {"type": "string"}, "phone": {"type": "string"}}}
)
class PublicContactField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, seat):
        return seat.public_contact


class SeatSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person_name", read_only=True)
    organization = OrganizationReferenceSerializer(read_only=True, allow_null=True)
    contact = PublicContactField()

    class Meta:
        model = Seat
        fields = ["role", "person", "organization", "nominated_by", "term_start", "term_end"]
        fields += ["contact"]


class MemberSerializer(serializers.ModelSerializer):
    organization = OrganizationReferenceSerializer(read_only=True, allow_null=True)
    municipality = serializers.SlugRelatedField(read_only=True, slug_field="code", allow_null=True)

    class Meta:
        model = Membership
        fields = ["kind", "organization", "municipality", "name"]


class BodySerializer(LinkedDataSerializer):
    view_name = "api:cooperation_body-detail"
    type_name = "CooperationBody"

    name = TranslatedField()
    purpose = TranslatedField()
    rules = TranslatedField()
    municipality = serializers.SlugRelatedField(read_only=True, slug_field="code", allow_null=True)
    topics = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    members = MemberSerializer(many=True, read_only=True, source="member_rows")
    seats = SeatSerializer(many=True, read_only=True)

    class Meta:
        model = Body
        fields = ["kind", "name", "purpose", "rules", "municipality", "topics", "members", "seats"]


class MaterialReferenceSerializer(LinkedDataSerializer):
    """A document of the materials library: its id, API and page addresses, title."""

    view_name = "api:material-detail"
    type_name = "Material"

    title = TranslatedField()
    url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["title", "url", "download_url"]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, document) -> str:
        return self._absolute(document.get_absolute_url())

    def get_download_url(self, document) -> str:
        return self._absolute(document.get_download_url())


class DocumentLinkSerializer(serializers.ModelSerializer):
    document = MaterialReferenceSerializer(read_only=True)

    class Meta:
        model = BodyDocument
        fields = ["role", "document"]


class MeetingSerializer(LinkedDataSerializer):
    view_name = "api:cooperation_meeting-detail"
    type_name = "Meeting"

    body = BodyReferenceSerializer(read_only=True)
    title = TranslatedField()
    agenda = TranslatedField()
    decisions = TranslatedField()
    start_time = serializers.DateTimeField(source="starts_at", read_only=True)
    end_time = serializers.DateTimeField(source="ends_at", read_only=True)
    documents = DocumentLinkSerializer(many=True, read_only=True, source="document_links")

    class Meta:
        model = Meeting
        fields = ["body", "title", "start_time", "end_time", "place", "online_url", "agenda"]
        fields += ["agenda_url", "minutes", "minutes_url", "decisions", "documents"]


class ConsultationSerializer(LinkedDataSerializer):
    view_name = "api:consultation-detail"
    type_name = "Consultation"

    title = TranslatedField()
    summary = TranslatedField()
    topics = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    municipalities = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Consultation
        fields = ["title", "summary", "url", "organiser", "published_on", "deadline", "topics"]
        fields += ["municipalities"]


class SignatorySerializer(serializers.ModelSerializer):
    organization = OrganizationReferenceSerializer(read_only=True)

    class Meta:
        model = Signature
        fields = ["organization", "signed_at"]


class StatementSerializer(LinkedDataSerializer):
    view_name = "api:joint_statement-detail"
    type_name = "JointStatement"

    title = TranslatedField()
    consultation = ConsultationReferenceSerializer(read_only=True)
    body = BodyReferenceSerializer(read_only=True, allow_null=True)
    text = serializers.SerializerMethodField()
    signatories = SignatorySerializer(many=True, read_only=True, source="active_signatures")

    class Meta:
        model = Statement
        fields = ["title", "consultation", "body", "sent_at", "text", "signatories"]
        fields += ["outcome_decision", "outcome_url", "effect", "effect_note"]

    def get_text(self, statement) -> str:
        versions = list(statement.versions.all())  # prefetched
        return max(versions, key=lambda v: v.number).text if versions else ""


class BodyViewSet(PublicReadOnlyViewSet):
    """Cooperation bodies: councils, thematic networks, municipal forums and participation
    bodies, with their member associations and seats (contact details only with consent)."""

    queryset = selectors.body_list().prefetch_related(
        "topics", "seats__organization", selectors.members_prefetch()
    )
    serializer_class = BodySerializer


class MeetingViewSet(PublicReadOnlyViewSet):
    """Meetings of the cooperation bodies, the newest first."""

    queryset = (
        Meeting.objects.select_related("body")
        .prefetch_related(
            Prefetch(
                "document_links",
                queryset=BodyDocument.objects.select_related("document").order_by("role", "pk"),
            )
        )
        .order_by("-starts_at", "-pk")
    )
    serializer_class = MeetingSerializer


class ConsultationViewSet(PublicReadOnlyViewSet):
    """Requests for comment and hearings the consultation radar has found, by deadline."""

    queryset = Consultation.objects.prefetch_related("topics", "municipalities").order_by(
        "deadline", "pk"
    )
    serializer_class = ConsultationSerializer


class StatementViewSet(PublicReadOnlyViewSet):
    """Sent joint statements with their signatories and outcome; drafts are not shown."""

    queryset = (
        selectors.statement_list()
        .prefetch_related(selectors.active_signatures_prefetch(), "versions")
        .order_by("-sent_at", "-pk")
    )
    serializer_class = StatementSerializer
