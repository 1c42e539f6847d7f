"""The PTV export (api/ptv.py): JSON for the Suomi.fi service register, for anyone to read."""

import json

from django.http import HttpResponse
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
