"""Serializer fields shared by every resource of the API."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.languages import LANGUAGE_CODES
from core.urls_cache import detail_template, fill, refused_by_reverse, reverse_detail

TRANSLATED_SCHEMA = {
    "type": "object",
    "description": "The text in each language; a missing translation is null.",
    "properties": {code: {"type": "string", "nullable": True} for code in LANGUAGE_CODES},
    "required": list(LANGUAGE_CODES),
}


@extend_schema_field(TRANSLATED_SCHEMA)
class TranslatedField(serializers.Field):
    """A django-modeltranslation field as {"fi": ..., "sv": ..., "en": ...}.

    `TranslatedField()` reads `<field name>_fi` etc.; `TranslatedField(base="name")`
    serves another field under a different key. Empty translations are null.
    """

    def __init__(self, *, base: str | None = None, **kwargs):
        self.base = base
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.base = self.base or field_name

    def to_representation(self, instance):
        return translations(instance, self.base)


def translations(instance, base: str) -> dict:
    """{"fi": ..., "sv": ..., "en": ...} of a translated field; empty ones are null."""
    return {code: getattr(instance, f"{base}_{code}", None) or None for code in LANGUAGE_CODES}


@extend_schema_field(OpenApiTypes.URI)
class DetailUrlField(serializers.Field):
    """The absolute URL of an object's detail in the API ("@id" of Linked Events)."""

    def __init__(self, view_name: str, lookup_field: str = "public_id", **kwargs):
        self.view_name = view_name
        self.lookup_field = lookup_field
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, instance):
        return detail_url(
            self.view_name, getattr(instance, self.lookup_field), self.context.get("request")
        )


_DATETIME = serializers.DateTimeField(read_only=True)


def datetime_text(value):
    """A time as DRF's DateTimeField writes it: ISO 8601 in the current time zone."""
    return None if value is None else _DATETIME.to_representation(value)


def detail_url(view_name: str, lookup: str, request) -> str:
    """The absolute URL of an object's detail route, as DRF's reverse() gives it.

    A list of 20 events links about 130 objects, so the route comes from a per-route
    template (core.urls_cache) rather than a reverse() each.
    """
    lookup = str(lookup)
    if request is None or refused_by_reverse(lookup):
        return reverse_detail(view_name, "id", lookup)
    # Per request: the absolute URL with a placeholder for each route (the language and
    # host are fixed for the request), so each link is one replace.
    templates = request.__dict__.setdefault("_sakke_detail_urls", {})
    template = templates.get(view_name)
    if template is None:
        origin = request.build_absolute_uri("/")[:-1]
        template = templates[view_name] = origin + detail_template(view_name, "id")
    return fill(template, lookup)


@extend_schema_field({"type": "string", "nullable": True})
class BlankAsNullField(serializers.CharField):
    """A text or URL column whose empty value the API shows as null, as Linked Events does."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}},
    }
)
class PositionField(serializers.Field):
    """A place's coordinates as {"lat", "lon"} (WGS84), or null when unknown."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, place):
        return position(place)


def position(place) -> dict | None:
    """A place's coordinates as {"lat", "lon"}, or None when unknown."""
    if place.latitude is None or place.longitude is None:
        return None
    return {"lat": place.latitude, "lon": place.longitude}


class CodeListField(serializers.ListField):
    """A JSON list of codes (accessibility features, ways to take part) as strings."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", serializers.CharField())
        kwargs["read_only"] = True
        super().__init__(**kwargs)


def code_list(values) -> list | None:
    """A JSON list of codes as CodeListField writes it, without the field."""
    return None if values is None else [None if v is None else str(v) for v in values]
