"""OpenAPI descriptions of the query parameters the resources share.

The FilterSets define what a parameter does; these say it to an API user, since a
form label ("From") is too short for the OpenAPI document.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view


def _codes(name: str, description) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"type": "array", "items": {"type": "string"}},
        style="form",
        explode=False,
        description=description,
    )


PARAMETERS = {
    "q": OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description=_("Text search: every word must occur in the name or description."),
    ),
    "municipality": _codes(
        "municipality", _("Statistics Finland municipality codes, comma-separated, e.g. 297,749.")
    ),
    "topic": _codes("topic", _("Topic ids, comma-separated, e.g. liikunta,kulttuuri.")),
    "audience": _codes("audience", _("Audience ids, comma-separated, e.g. seniorit.")),
    "language": _codes("language", _("ISO 639 language codes, comma-separated, e.g. fi,sv,fse.")),
    "organization": _codes("organization", _("Public ids of organizers, comma-separated.")),
    "start": OpenApiParameter(
        "start",
        OpenApiTypes.STR,
        description=_(
            "Events that end at or after this time: YYYY-MM-DD, an ISO 8601 time, "
            "'today' or 'now'. An event still going on is included."
        ),
    ),
    "end": OpenApiParameter(
        "end",
        OpenApiTypes.STR,
        description=_(
            "Events that start at or before this time: YYYY-MM-DD (the whole day), "
            "an ISO 8601 time, 'today' or 'now'."
        ),
    ),
    "is_free": OpenApiParameter(
        "is_free", OpenApiTypes.BOOL, description=_("true: free of charge only; false: paid only.")
    ),
}


def documented_list(*names: str, extra=()):
    """A class decorator that describes the list's query parameters `names` in OpenAPI."""
    parameters = [PARAMETERS[name] for name in names] + list(extra)
    return extend_schema_view(list=extend_schema(parameters=parameters))
