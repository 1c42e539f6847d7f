"""The Open Referral HSDS 3.0 API under /hsds/ (read only, JSON, no cookies).

The parameters are the standard's: search, taxonomy_term_id, organization_id,
modified_after, page and per_page. A bad value is a 400 naming the parameter.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.filtering import parse_time_bound, search_filter
from taxonomy.models import Audience, Topic

from . import representations as shape
from .identifiers import pk_of
from .selectors import hsds_organizations, hsds_services, hsds_services_at_locations

OPENAPI = Path(__file__).resolve().parent / "standard" / "openapi.json"
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


class BadParameter(Exception):
    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name, self.message = name, message


def _positive(request, name: str, default: int, maximum: int | None = None) -> int:
    value = request.GET.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise BadParameter(name, _("Enter a whole number of 1 or more."))
    return min(number, maximum) if maximum else number


def _paged(request, queryset, represent) -> JsonResponse:
    number = _positive(request, "page", 1)
    per_page = _positive(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    total = queryset.count()
    rows = list(queryset[(number - 1) * per_page : number * per_page])
    data = shape.page(
        [represent(row) for row in rows], total=total, number=number, per_page=per_page
    )
    return JsonResponse(data)


def _errors_as_json(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadParameter as error:
            return JsonResponse({error.name: [error.message]}, status=400)
        except Http404:
            return JsonResponse({"detail": _("Not found.")}, status=404)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return require_GET(wrapped)


def _term_filter(queryset, value: str):
    for kind, model, field in (("topic", Topic, "topics"), ("audience", Audience, "audiences")):
        pk = pk_of(kind, value)
        if pk is not None and model.objects.filter(pk=pk).exists():
            return queryset.filter(**{field: pk})
    raise BadParameter("taxonomy_term_id", _("Unknown taxonomy term."))


def _filtered_services(request, queryset):
    text = request.GET.get("search")
    if text:
        queryset = search_filter(queryset, text)
    term = request.GET.get("taxonomy_term_id")
    if term:
        queryset = _term_filter(queryset, term)
    organization = request.GET.get("organization_id")
    if organization:
        pk = pk_of("organization", organization)
        if pk is None:
            raise BadParameter("organization_id", _("Unknown organization."))
        queryset = queryset.filter(organizer_id=pk)
    after = request.GET.get("modified_after")
    if after:
        try:
            moment = parse_time_bound(after)
        except ValidationError as error:
            raise BadParameter("modified_after", error.messages[0]) from error
        queryset = queryset.filter(updated_at__gt=moment)
    return queryset


def _one(queryset, kind: str, value: str):
    pk = pk_of(kind, value)
    row = None if pk is None else queryset.filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


@_errors_as_json
def root(request):
    """The API's version, the profile it follows and its OpenAPI document."""
    return JsonResponse(shape.root(request))


@_errors_as_json
def services(request):
    queryset = _filtered_services(request, hsds_services())
    return _paged(request, queryset, lambda activity: shape.service_full(activity, request))


@_errors_as_json
def service(request, id):
    return JsonResponse(shape.service_full(_one(hsds_services(), "service", id), request))


@_errors_as_json
def service_at_locations(request):
    queryset = _filtered_services(request, hsds_services_at_locations())
    return _paged(
        request,
        queryset,
        lambda activity: shape.service_at_location(activity, request, with_service=True),
    )


@_errors_as_json
def service_at_location(request, id):
    activity = _one(hsds_services_at_locations(), "service_at_location", id)
    return JsonResponse(shape.service_at_location(activity, request, with_service=True))


@_errors_as_json
def organizations(request):
    queryset = hsds_organizations()
    text = request.GET.get("search")
    if text:
        queryset = search_filter(queryset, text)
    return _paged(request, queryset, lambda org: shape.organization_summary(org, request))


@_errors_as_json
def organization(request, id):
    org = _one(hsds_organizations(), "organization", id)
    services = hsds_services().filter(organizer=org)
    return JsonResponse(shape.organization_full(org, request, services))


@_errors_as_json
def taxonomies(request):
    rows = [shape.taxonomy("topic"), shape.taxonomy("audience")]
    return JsonResponse(shape.page(rows, total=len(rows), number=1, per_page=len(rows)))


@_errors_as_json
def taxonomy_detail(request, id):
    for kind in ("topic", "audience"):
        if shape.taxonomy(kind)["id"] == id:
            return JsonResponse(shape.taxonomy(kind))
    raise Http404


class _Terms:
    """Topics, then audiences, as one sliceable sequence of (kind, term)."""

    def __init__(self, text: str):
        self.parts = [
            ("topic", _matching(Topic.objects.order_by("slug"), text)),
            ("audience", _matching(Audience.objects.order_by("slug"), text)),
        ]

    def count(self):
        return sum(queryset.count() for _kind, queryset in self.parts)

    def __getitem__(self, index: slice):
        rows = [(kind, term) for kind, queryset in self.parts for term in queryset]
        return rows[index]


def _matching(queryset, text: str):
    return queryset.filter(name__icontains=text) if text else queryset


@_errors_as_json
def taxonomy_terms(request):
    terms = _Terms(request.GET.get("search", ""))
    return _paged(request, terms, lambda row: shape.taxonomy_term(row[1], row[0]))


@_errors_as_json
def taxonomy_term(request, id):
    for kind, model in (("topic", Topic), ("audience", Audience)):
        pk = pk_of(kind, id)
        if pk is not None:
            term = model.objects.filter(pk=pk).first()
            if term is not None:
                return JsonResponse(shape.taxonomy_term(term, kind))
    raise Http404


@require_GET
def openapi(request):
    """The standard's own OpenAPI document (hsds/standard/, CC BY-SA 4.0)."""
    return FileResponse(OPENAPI.open("rb"), content_type="application/json")
