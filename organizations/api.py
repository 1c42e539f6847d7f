"""Associations and other NGOs in the API, with their contacts and links."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.rest.fields import (
    BlankAsNullField,
    DetailUrlField,
    TranslatedField,
    datetime_text,
    detail_url,
    translations,
)
from core.rest.parameters import documented_list
from core.rest.serializers import LinkedDataSerializer, reference, reference_serializer
from core.rest.viewsets import PublicReadOnlyViewSet
from taxonomy.api import AudienceReferenceSerializer, TopicReferenceSerializer

from .filters import OrganizationFilter
from .models import Contact, Organization, SocialLink
from .selectors import organization_list, public_contacts_prefetch

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

    def to_representation(self, organization):
        """The association as one dict, built directly (as events.api.EventSerializer).

        The declared fields describe the shape to OpenAPI; tests compare this with DRF's
        own output (api/tests/test_fast_representations.py).
        """
        request = self.context.get("request")
        public_id = organization.public_id
        municipality = organization.address_municipality
        parent = organization.parent
        return {
            "id": public_id,
            "@id": detail_url(self.view_name, public_id, request),
            "@type": self.type_name,
            "data_source": organization.data_source,
            "name": translations(organization, "name"),
            "description": translations(organization, "description"),
            "business_id": organization.business_id or None,
            "legal_form": organization.legal_form,
            "status": organization.status,
            "municipalities": [m.code for m in organization.municipality_list],
            "topics": [
                reference(t, TopicReferenceSerializer, request) for t in organization.topic_list
            ],
            "audiences": [
                reference(a, AudienceReferenceSerializer, request)
                for a in organization.audience_list
            ],
            "email": organization.email or None,
            "phone": organization.phone or None,
            "website": organization.website or None,
            "address": {
                "street": organization.street_address or None,
                "postal_code": organization.postal_code or None,
                "municipality": None if municipality is None else municipality.code,
            },
            "founded": organization.founded,
            "parent": None
            if parent is None
            else {"@id": detail_url(self.view_name, parent.public_id, request)},
            "social_links": [
                {"service": link.service, "url": link.url} for link in organization.social_link_list
            ],
            "contacts": [
                {
                    "name": contact.name,
                    "role": translations(contact, "role"),
                    "email": contact.email or None,
                    "phone": contact.phone or None,
                }
                for contact in organization.contact_list
            ],
            "last_modified_time": datetime_text(organization.updated_at),
        }


def organization_api_list():
    """The API's associations: organization_list() with related objects as plain lists.

    Lists (to_attr) rather than related managers, as events.api.event_api_list: for each
    association and relation Django would otherwise build a filtered queryset to hold
    the prefetched rows, which cost a page of 20 more than its queries (~10 ms).
    """
    contacts = public_contacts_prefetch()
    return (
        organization_list()
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("municipalities", to_attr="municipality_list"),
            Prefetch("topics", to_attr="topic_list"),
            Prefetch("audiences", to_attr="audience_list"),
            Prefetch("social_links", to_attr="social_link_list"),
            Prefetch("contacts", queryset=contacts.queryset, to_attr="contact_list"),
        )
    )


@documented_list("q", "municipality", "topic", "audience")
class OrganizationViewSet(PublicReadOnlyViewSet):
    """Associations, foundations and other NGOs of the region."""

    queryset = organization_api_list()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
