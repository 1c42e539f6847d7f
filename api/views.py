"""The API's front door and the PTV export (api/ptv.py), for anyone to read."""

import json

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from .ptv import exportable_activities, ptv_export


@require_GET
def ptv_services(request):
    """Every exportable activity as a PTV service with its channels; `?download` saves it."""
    with translation.override("fi"):  # the links point to the Finnish pages
        document = ptv_export(exportable_activities(), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json"
    )
    if "download" in request.GET:
        response["Content-Disposition"] = 'attachment; filename="sakke-ptv-services.json"'
    return response


@require_GET
def api_root(request, resources):
    """/api/v1/: every list of the API by name, with the OpenAPI document and its docs
    page, as Linked Events' root lists its endpoints."""
    links = {name: request.build_absolute_uri(reverse(f"api:{name}-list")) for name in resources}
    links["search"] = request.build_absolute_uri(reverse("api:search"))
    links["openapi"] = request.build_absolute_uri(reverse("api:schema"))
    links["docs"] = request.build_absolute_uri(reverse("api:docs"))
    return JsonResponse(links)
