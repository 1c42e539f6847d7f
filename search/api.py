"""/api/v1/search/: one search over every kind, in the Linked Events envelope."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers

from core.pagination import requested_page
from core.rest.fields import detail_url

from .models import Kind
from .services import KINDS, SearchHit, search

_API_VIEWS = {
    Kind.ORGANIZATION: "api:organization-detail",
    Kind.EVENT: "api:event-detail",
    Kind.ACTIVITY: "api:activity-detail",
    Kind.PLACE: "api:place-detail",
    Kind.NEWS: "api:news-detail",
    Kind.MEASURE: "api:programme_measure-detail",
    Kind.BODY: "api:cooperation_body-detail",
    Kind.CONSULTATION: "api:consultation-detail",
    Kind.STATEMENT: "api:joint_statement-detail",
    Kind.MATERIAL: "api:material-detail",
}


class SearchHitSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    type = serializers.ChoiceField(source="kind", choices=KINDS)
    name = serializers.SerializerMethodField()
    score = serializers.FloatField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    page = serializers.IntegerField(
        allow_null=True, help_text=_("Documents: the page of the file that matched best.")
    )
    snippet = serializers.CharField(
        help_text=_("Documents: text of that page, the matched words in <mark> elements.")
    )

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_name(self, hit: SearchHit) -> dict:
        return {language: text for language, text in hit.titles.items() if text}

    def get_url(self, hit: SearchHit) -> str:
        return self.context["request"].build_absolute_uri(hit.url)

    def get_api_url(self, hit: SearchHit) -> str:
        return detail_url(_API_VIEWS[hit.kind], hit.public_id, self.context["request"])


class SearchSequence:
    """The hits of one search as Django's Paginator wants them: a count and slices."""

    def __init__(
        self,
        query: str,
        types: list[str] | None,
        municipality: str | None,
        *,
        window: tuple[int, int] = (0, 20),
    ):
        self.arguments = {"types": types, "municipality": municipality}
        self.query = query
        # The page the request asks for (offset, limit): the search that counts the hits
        # also fetches that page, so one request searches once, not twice.
        self.window = window
        self._total = None
        self._window_hits = None

    def count(self) -> int:
        if self._total is None:
            offset, limit = self.window
            results = search(self.query, limit=limit, offset=offset, **self.arguments)
            self._total, self._window_hits = results.total, results.hits
            if results.total_is_capped:
                # More match than were counted: one more than this page, so "next" is given.
                self._total = max(self._total, offset + limit + 1)
        return self._total

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        offset = item.start or 0
        stop = item.stop if item.stop is not None else offset + 20
        window_offset, window_limit = self.window
        if (
            self._window_hits is not None
            and window_offset <= offset
            and stop <= window_offset + window_limit
        ):
            return self._window_hits[offset - window_offset : stop - window_offset]
        return search(self.query, limit=stop - offset, offset=offset, **self.arguments).hits


@extend_schema(
    parameters=[
        OpenApiParameter(
            "q", OpenApiTypes.STR, description=_("Words to search for, in any inflected form.")
        ),
        OpenApiParameter(
            "type",
            {"type": "array", "items": {"type": "string", "enum": KINDS}},
            style="form",
            explode=False,
            description=_("Kinds, comma-separated: organization, event, activity, place, news."),
        ),
        OpenApiParameter(
            "municipality",
            OpenApiTypes.STR,
            description=_("Statistics Finland municipality code, e.g. 297."),
        ),
    ]
)
class SearchView(generics.ListAPIView):
    """Associations, events, activities, places and news posts matching `q`, best first.

    `meta.count` is exact up to 100 matches. Beyond that it is a lower bound (100, or one
    past the page asked for), and `meta.next` is given as long as more matches exist.
    """

    serializer_class = SearchHitSerializer
    filter_backends = []

    def get_queryset(self):
        params = self.request.query_params
        types = [t.strip() for t in params.get("type", "").split(",") if t.strip()] or None
        page_size = self.paginator.get_page_size(self.request) or 20
        offset = (requested_page(params.get("page")) - 1) * page_size
        return SearchSequence(
            params.get("q", ""),
            types,
            params.get("municipality") or None,
            window=(offset, page_size),
        )
