"""The NGO survey in the API: surveys, rounds, questions and the suppressed results.

The results come from surveys.results, as on the pages: a small group is null."""

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response as ApiResponse

from core.rest.fields import TranslatedField
from core.rest.viewsets import PublicReadOnlyViewSet

from .models import Choice, Question, QuestionVersion, Round, Survey
from .results import DIMENSIONS, min_group, round_results


class ChoiceSerializer(serializers.ModelSerializer):
    label = TranslatedField()

    class Meta:
        model = Choice
        fields = ["value", "label"]


# Named apart from materials' document versions, which are "Version" in the API schema.
@extend_schema_serializer(component_name="QuestionVersion")
class VersionSerializer(serializers.ModelSerializer):
    text = TranslatedField()

    class Meta:
        model = QuestionVersion
        fields = ["number", "text", "comparable_with_previous"]


class QuestionSerializer(serializers.ModelSerializer):
    survey = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    versions = VersionSerializer(many=True, read_only=True)
    choices = ChoiceSerializer(many=True, read_only=True)
    show_if_choice = serializers.SlugRelatedField(slug_field="value", read_only=True)

    class Meta:
        model = Question
        fields = ["id", "survey", "key", "kind", "required", "show_if_choice"]
        fields += ["versions", "choices"]


class RoundSerializer(serializers.ModelSerializer):
    survey = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    opens_time = serializers.DateTimeField(source="opens_at", read_only=True)
    closes_time = serializers.DateTimeField(source="closes_at", read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = ["id", "survey", "name", "opens_time", "closes_time", "status", "imported"]

    def get_status(self, round_) -> str:
        if round_.is_closed():
            return "closed"
        return "open" if round_.is_open() else "scheduled"


class SurveySerializer(serializers.ModelSerializer):
    name = TranslatedField()
    description = TranslatedField()
    rounds = RoundSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = ["slug", "name", "description", "rounds"]


class SurveyViewSet(PublicReadOnlyViewSet):
    """NGO surveys (järjestökysely) with their rounds."""

    lookup_field = "slug"
    queryset = Survey.objects.prefetch_related("rounds__survey").order_by("pk")
    serializer_class = SurveySerializer


class SurveyRoundViewSet(PublicReadOnlyViewSet):
    """Rounds of the surveys; a closed round's `results/` are its suppressed aggregates."""

    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
    queryset = Round.objects.select_related("survey").order_by("survey_id", "opens_at", "pk")
    serializer_class = RoundSerializer

    @extend_schema(responses={200: dict})
    @action(detail=True)
    def results(self, request, id=None):
        """Per question: answers, counts per answer and breakdowns by municipality, topic
        and size; a count of a group smaller than `min_group` (or revealing one) is null."""
        round_ = self.get_object()
        if not round_.is_closed():
            raise NotFound("The results are published when the round closes.")
        questions = []
        for result in round_results(round_):
            labels = [label for _value, label in result.columns]
            questions.append(
                {
                    "key": result.key,
                    "kind": result.kind,
                    "text": result.text,
                    "answered": result.total,
                    "mean": None if result.mean is None else float(result.mean),
                    "counts": dict(zip(labels, result.column_totals, strict=True)),
                    "breakdowns": {
                        dimension: [
                            {
                                "group": row.label,
                                "answered": row.total,
                                "mean": None if row.mean is None else float(row.mean),
                                "counts": dict(zip(labels, row.cells, strict=True)),
                            }
                            for row in result.breakdowns[dimension]
                        ]
                        for dimension in DIMENSIONS
                    },
                }
            )
        return ApiResponse({"round": round_.pk, "min_group": min_group(), "questions": questions})


class SurveyQuestionViewSet(PublicReadOnlyViewSet):
    """Questions of the surveys, with their wordings (versions) and choices."""

    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
    queryset = (
        Question.objects.select_related("survey", "show_if_choice")
        .prefetch_related("versions", "choices")
        .order_by("survey_id", "section__order", "order", "pk")
    )
    serializer_class = QuestionSerializer
