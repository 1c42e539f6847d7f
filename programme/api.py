"""The association programme in the API: programmes, goals, measures, commitments, and the
indicators with their values."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.rest.fields import TranslatedField
from core.rest.serializers import LinkedDataSerializer, reference_serializer
from core.rest.viewsets import PublicReadOnlyViewSet
from organizations.api import OrganizationReferenceSerializer

from . import selectors
from .filters import MeasureFilter
from .models import (
    Commitment,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    Programme,
    Responsibility,
    Task,
    Theme,
)

ProgrammeReferenceSerializer = reference_serializer(
    Programme, view_name="api:programme-detail", type_name="Programme"
)
GoalReferenceSerializer = reference_serializer(
    Goal, view_name="api:programme_goal-detail", type_name="Goal"
)
MeasureReferenceSerializer = reference_serializer(
    Measure, view_name="api:programme_measure-detail", type_name="Measure"
)


class ThemeSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    description = TranslatedField()
    goals = GoalReferenceSerializer(many=True, read_only=True)

    class Meta:
        model = Theme
        fields = ["number", "name", "description", "goals"]


class ProgrammeSerializer(LinkedDataSerializer):
    view_name = "api:programme-detail"
    type_name = "Programme"

    name = TranslatedField()
    vision = TranslatedField()
    future_outlook = TranslatedField()
    successor = ProgrammeReferenceSerializer(read_only=True, allow_null=True)
    themes = ThemeSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = ["slug", "name", "start_year", "end_year", "vision", "future_outlook"]
        fields += ["successor", "themes"]


class GoalSerializer(LinkedDataSerializer):
    view_name = "api:programme_goal-detail"
    type_name = "Goal"

    name = TranslatedField()
    description = TranslatedField()
    theme = serializers.IntegerField(source="theme.number", read_only=True)
    programme = ProgrammeReferenceSerializer(source="theme.programme", read_only=True)
    measures = MeasureReferenceSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ["identifier", "name", "description", "theme", "programme", "measures"]


class ResponsibilitySerializer(serializers.ModelSerializer):
    organization = OrganizationReferenceSerializer(read_only=True, allow_null=True)
    municipality = serializers.SlugRelatedField(read_only=True, slug_field="code")

    class Meta:
        model = Responsibility
        fields = ["kind", "role", "organization", "municipality", "name"]


class TaskSerializer(serializers.ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Task
        fields = ["name", "due_date", "done_on"]


@extend_schema_field(
    {"type": "string", "enum": ["not_started", "in_progress", "late", "done", "cancelled"]}
)
class ShownStatusField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, measure):
        return measure.shown_status()


class MeasureSerializer(LinkedDataSerializer):
    view_name = "api:programme_measure-detail"
    type_name = "Measure"

    name = TranslatedField()
    description = TranslatedField()
    goal = GoalReferenceSerializer(read_only=True)
    status = ShownStatusField()
    responsible = ResponsibilitySerializer(source="responsibilities", many=True, read_only=True)
    tasks = TaskSerializer(many=True, read_only=True)
    last_modified_time = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Measure
        fields = ["identifier", "name", "description", "goal", "schedule_unit", "start_year"]
        fields += ["start_period", "end_year", "end_period", "starts_on", "ends_on", "status"]
        fields += ["responsible", "tasks", "last_modified_time"]


class CommitmentSerializer(LinkedDataSerializer):
    view_name = "api:programme_commitment-detail"
    type_name = "Commitment"

    measure = MeasureReferenceSerializer(read_only=True)
    organization = OrganizationReferenceSerializer(read_only=True)
    created_time = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Commitment
        fields = ["measure", "organization", "description", "created_time"]


class ProgrammeViewSet(PublicReadOnlyViewSet):
    """Association programmes (yhdistysohjelma), the newest first, with themes and goals."""

    queryset = (
        selectors.programme_list().select_related("successor").prefetch_related("themes__goals")
    )
    serializer_class = ProgrammeSerializer


class GoalViewSet(PublicReadOnlyViewSet):
    """Goals of the programmes, with their measures."""

    queryset = Goal.objects.select_related("theme__programme").prefetch_related("measures")
    serializer_class = GoalSerializer


class MeasureViewSet(PublicReadOnlyViewSet):
    """Measures of the programmes. `status` is `late` for an open measure past its schedule."""

    queryset = Measure.objects.select_related("goal").prefetch_related(
        "responsibilities__organization", "responsibilities__municipality", "tasks"
    )
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter


class CommitmentViewSet(PublicReadOnlyViewSet):
    """Measures adopted by associations: public ones of public associations."""

    queryset = selectors.commitments_published().order_by("-created_at", "-pk")
    serializer_class = CommitmentSerializer


class IndicatorValueSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(read_only=True, slug_field="code")

    class Meta:
        model = IndicatorValue
        fields = ["date", "municipality", "value", "source"]


class IndicatorSerializer(LinkedDataSerializer):
    view_name = "api:programme_indicator-detail"
    type_name = "Indicator"

    name = TranslatedField()
    description = TranslatedField()
    programme = ProgrammeReferenceSerializer(read_only=True)
    goal = GoalReferenceSerializer(read_only=True, allow_null=True)
    values = IndicatorValueSerializer(source="points", many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ["name", "description", "unit", "kind", "source_key", "programme", "goal"]
        fields += ["baseline", "baseline_year", "target", "target_year", "values"]


class IndicatorViewSet(PublicReadOnlyViewSet):
    """Indicators of the programmes with their values: a manual indicator's a year (dated
    1 January), a computed one's a month (dated the first); `municipality` is null for the
    whole region."""

    queryset = Indicator.objects.select_related("programme", "goal").prefetch_related(
        Prefetch("points", queryset=IndicatorValue.objects.select_related("municipality"))
    )
    serializer_class = IndicatorSerializer
