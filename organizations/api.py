"""Associations and other NGOs in the API, with their contacts and links."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import BlankAsNullField, DetailUrlField, TranslatedField
from api.parameters import documented_list
from api.serializers import LinkedDataSerializer, reference_serializer
from api.viewsets import PublicReadOnlyViewSet
from taxonomy.api import AudienceReferenceSerializer, TopicReferenceSerializer

from .filters import OrganizationFilter
from .models import Contact, Organization, SocialLink
from .selectors import organization_list

OrganizationReferenceSerializer = reference_serializer(
    Organization, view_name="api:organization-detail", type_name="Organization"
)


class SocialLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = SocialLink
        fields = ["service", "url"]


class ContactSerializer(serializers.ModelSerializer):
    role = TranslatedField()
    email = BlankAsNullField()
    phone = BlankAsNullField()

    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone"]


class AddressSerializer(serializers.Serializer):
    street = BlankAsNullField(source="street_address")
    postal_code = BlankAsNullField()
    municipality = serializers.CharField(
        source="address_municipality.code", read_only=True, allow_null=True
    )


@extend_schema_field(
    {"type": "object", "nullable": True, "properties": {"@id": {"type": "string"}}}
)
class ParentField(DetailUrlField):
    """The umbrella organization as {"@id": ...}, or null."""

    def __init__(self, **kwargs):
        super().__init__("api:organization-detail", **kwargs)

    def to_representation(self, organization):
        if organization.parent is None:
            return None
        return {"@id": super().to_representation(organization.parent)}


class OrganizationSerializer(LinkedDataSerializer):
    view_name = "api:organization-detail"
    type_name = "Organization"

    name = TranslatedField()
    description = TranslatedField()
    business_id = BlankAsNullField()
    municipalities = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    topics = TopicReferenceSerializer(many=True, read_only=True)
    audiences = AudienceReferenceSerializer(many=True, read_only=True)
    email = BlankAsNullField()
    phone = BlankAsNullField()
    website = BlankAsNullField()
    address = AddressSerializer(source="*", read_only=True)
    parent = ParentField()
    social_links = SocialLinkSerializer(many=True, read_only=True)
    contacts = ContactSerializer(many=True, read_only=True)
    last_modified_time = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Organization
        fields = [
            "data_source",
            "name",
            "description",
            "business_id",
            "legal_form",
            "status",
            "municipalities",
            "topics",
            "audiences",
            "email",
            "phone",
            "website",
            "address",
            "founded",
            "parent",
            "social_links",
            "contacts",
            "last_modified_time",
        ]


@documented_list("q", "municipality", "topic", "audience")
class OrganizationViewSet(PublicReadOnlyViewSet):
    """Associations, foundations and other NGOs of the region."""

    queryset = organization_list()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
