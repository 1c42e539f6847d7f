"""Municipality cards, premises and grants in the API (read-only).

A card's id is its municipality's Statistics Finland code; premises and grants are
identified by their number.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from core.rest.fields import LANGUAGE_CODES, BlankAsNullField, TranslatedField
from core.rest.serializers import LinkedDataSerializer, reference_serializer
from core.rest.viewsets import PublicReadOnlyViewSet

from .models import Grant, GrantPeriod, MunicipalityCard, Premises
from .selectors import card_queryset

MUNICIPALITY_PARAMETER = OpenApiParameter(
    "municipality", str, description="Statistics Finland code of the municipality, e.g. 297"
)


def _translated(obj, base: str) -> dict:
    return {code: getattr(obj, f"{base}_{code}", None) or None for code in LANGUAGE_CODES}


PremisesReference = reference_serializer(
    Premises, view_name="api:premises-detail", type_name="Premises", id_field="pk"
)
GrantReference = reference_serializer(
    Grant, view_name="api:grant-detail", type_name="Grant", id_field="pk"
)


class MunicipalityCardSerializer(LinkedDataSerializer):
    view_name = "api:municipality_card-detail"
    type_name = "MunicipalityCard"
    id_field = "code"

    municipality = serializers.CharField(source="municipality.code", read_only=True)
    municipality_name = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField()
    practices = serializers.SerializerMethodField()
    premises = PremisesReference(many=True, read_only=True)
    grants = GrantReference(many=True, read_only=True)
    steps_taken = TranslatedField()
    steps_planned = TranslatedField()
    last_verified_time = serializers.DateTimeField(source="verified_at", read_only=True)
    last_modified_time = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = MunicipalityCard
        fields = [
            "municipality",
            "municipality_name",
            "contacts",
            "practices",
            "premises",
            "grants",
            "steps_taken",
            "steps_planned",
            "last_verified_time",
            "last_modified_time",
        ]

    def get_municipality_name(self, card) -> dict:
        return _translated(card.municipality, "name")

    def get_contacts(self, card) -> list[dict]:
        """Only the persons who agreed to be shown."""
        return [
            {
                "name": c.name,
                "title": _translated(c, "title"),
                "email": c.email or None,
                "phone": c.phone or None,
            }
            for c in card.contacts.all()
            if c.consent
        ]

    def get_practices(self, card) -> list[dict]:
        return [
            {
                "practice": a.practice.key,
                "name": _translated(a.practice, "name"),
                "status": a.status,
                "note": a.note or None,
            }
            for a in card.answers.all()
        ]


class PremisesSerializer(LinkedDataSerializer):
    view_name = "api:premises-detail"
    type_name = "Premises"
    id_field = "pk"

    municipality = serializers.CharField(source="card.municipality.code", read_only=True)
    name = TranslatedField()
    address = BlankAsNullField()
    accessibility_notes = TranslatedField()
    booking = TranslatedField()
    url = BlankAsNullField()

    class Meta:
        model = Premises
        fields = [
            "municipality",
            "name",
            "address",
            "capacity",
            "accessibility_notes",
            "price",
            "booking",
            "url",
        ]


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = GrantPeriod
        fields = ["opens_on", "deadline", "deadline_time"]


class GrantSerializer(LinkedDataSerializer):
    view_name = "api:grant-detail"
    type_name = "Grant"
    id_field = "pk"

    municipality = serializers.CharField(source="card.municipality.code", read_only=True)
    name = TranslatedField()
    purpose = TranslatedField()
    eligibility = TranslatedField()
    amounts = TranslatedField()
    decision_timing = TranslatedField()
    url = BlankAsNullField()
    periods = PeriodSerializer(many=True, read_only=True)

    class Meta:
        model = Grant
        fields = [
            "municipality",
            "name",
            "purpose",
            "eligibility",
            "amounts",
            "decision_timing",
            "url",
            "periods",
        ]


class MunicipalityFilterMixin:
    municipality_path = "card__municipality__code"

    def get_queryset(self):
        queryset = super().get_queryset()
        code = self.request.query_params.get("municipality")
        if code and self.action == "list":
            queryset = queryset.filter(**{self.municipality_path: code})
        return queryset


class MunicipalityCardViewSet(PublicReadOnlyViewSet):
    """Municipality cards: how each municipality works with associations."""

    queryset = card_queryset().order_by("municipality__code")
    serializer_class = MunicipalityCardSerializer
    lookup_field = "municipality__code"
    filter_backends = []


@extend_schema_view(list=extend_schema(parameters=[MUNICIPALITY_PARAMETER]))
class PremisesViewSet(MunicipalityFilterMixin, PublicReadOnlyViewSet):
    """Premises municipalities offer associations, with the price for associations."""

    queryset = Premises.objects.select_related("card__municipality").order_by("pk")
    serializer_class = PremisesSerializer
    lookup_field = "pk"
    filter_backends = []


@extend_schema_view(list=extend_schema(parameters=[MUNICIPALITY_PARAMETER]))
class GrantViewSet(MunicipalityFilterMixin, PublicReadOnlyViewSet):
    """Grants municipalities give associations, with their application periods."""

    queryset = (
        Grant.objects.select_related("card__municipality")
        .prefetch_related("periods")
        .order_by("pk")
    )
    serializer_class = GrantSerializer
    lookup_field = "pk"
    filter_backends = []
