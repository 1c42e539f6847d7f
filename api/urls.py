"""The read-only public API under /api/v1/, with its OpenAPI document and docs page."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from activities.api import ActivityViewSet
from cards.api import GrantViewSet, MunicipalityCardViewSet, PremisesViewSet
from cooperation.api import BodyViewSet, ConsultationViewSet, MeetingViewSet, StatementViewSet
from events.api import EventViewSet
from materials.api import DocumentViewSet
from municipalities.api import MunicipalityViewSet
from news.api import NewsViewSet
from organizations.api import OrganizationViewSet
from places.api import PlaceViewSet
from programme.api import (
    CommitmentViewSet,
    GoalViewSet,
    IndicatorViewSet,
    MeasureViewSet,
    ProgrammeViewSet,
)
from search.api import SearchView
from surveys.api import SurveyQuestionViewSet, SurveyRoundViewSet, SurveyViewSet
from taxonomy.api import AudienceViewSet, LanguageViewSet, TopicViewSet

from .views import api_root, ptv_services

app_name = "api"

# Singular paths, as in Linked Events: /api/v1/event/, /api/v1/event/<id>/.
router = SimpleRouter()
router.register("municipality", MunicipalityViewSet, basename="municipality")
router.register("topic", TopicViewSet, basename="topic")
router.register("audience", AudienceViewSet, basename="audience")
router.register("language", LanguageViewSet, basename="language")
router.register("organization", OrganizationViewSet, basename="organization")
router.register("place", PlaceViewSet, basename="place")
router.register("event", EventViewSet, basename="event")
router.register("activity", ActivityViewSet, basename="activity")
router.register("news", NewsViewSet, basename="news")
router.register("municipality_card", MunicipalityCardViewSet, basename="municipality_card")
router.register("premises", PremisesViewSet, basename="premises")
router.register("grant", GrantViewSet, basename="grant")
router.register("programme", ProgrammeViewSet, basename="programme")
router.register("programme_goal", GoalViewSet, basename="programme_goal")
router.register("programme_measure", MeasureViewSet, basename="programme_measure")
router.register("programme_commitment", CommitmentViewSet, basename="programme_commitment")
router.register("cooperation_body", BodyViewSet, basename="cooperation_body")
router.register("cooperation_meeting", MeetingViewSet, basename="cooperation_meeting")
router.register("consultation", ConsultationViewSet, basename="consultation")
router.register("joint_statement", StatementViewSet, basename="joint_statement")
router.register("material", DocumentViewSet, basename="material")
router.register("programme_indicator", IndicatorViewSet, basename="programme_indicator")
router.register("survey", SurveyViewSet, basename="survey")
router.register("survey_round", SurveyRoundViewSet, basename="survey_round")
router.register("survey_question", SurveyQuestionViewSet, basename="survey_question")

urlpatterns = [
    path(
        "", api_root, {"resources": [basename for _, _, basename in router.registry]}, name="root"
    ),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("search/", SearchView.as_view(), name="search"),
    path("ptv/services.json", ptv_services, name="ptv_services"),
    *router.urls,
]
