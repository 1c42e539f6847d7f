"""Places by position (WGS84): Linked Events' `bbox` and `dwithin_*` parameters and the
event list's "near me".

Without PostGIS: a bounding box on the latitude and longitude columns, and the
great-circle distance from database math functions (SQLite and PostgreSQL alike).
"""

import math

from django import forms
from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.functions import ACos, Cos, Greatest, Least, Radians, Sin
from django.utils.translation import gettext_lazy as _

from .models import Place

EARTH_RADIUS_METRES = 6_371_008.8
#: "Near me" on the event list, when the person chose no distance.
DEFAULT_DISTANCE_KM = 20


class PointField(forms.CharField):
    """ "62.89,27.68" -> (62.89, 27.68): a latitude and a longitude, as the browser gives them."""

    default_error_messages = {
        "invalid": _("Give the place as latitude,longitude, e.g. 62.89,27.68."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            lat, lon = (float(part) for part in value.split(","))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return (lat, lon)


def places_in_bbox(west: float, south: float, east: float, north: float) -> QuerySet[Place]:
    """Places inside the box of longitudes west..east and latitudes south..north."""
    return Place.objects.filter(
        longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
    )


def places_within(lon: float, lat: float, metres: float) -> QuerySet[Place]:
    """Places at most `metres` from (lon, lat) along the earth's surface."""
    # The box first, so the database computes distances for nearby places only.
    dlat = math.degrees(metres / EARTH_RADIUS_METRES)
    dlon = dlat / max(math.cos(math.radians(lat)), 1e-6)
    nearby = places_in_bbox(lon - dlon, lat - dlat, lon + dlon, lat + dlat)
    lat0, lon0 = Value(math.radians(lat)), Value(math.radians(lon))
    cosine = Sin(lat0) * Sin(Radians(F("latitude"))) + Cos(lat0) * Cos(
        Radians(F("latitude"))
    ) * Cos(Radians(F("longitude")) - lon0)
    # Rounding can push the cosine a hair past ±1, where ACOS is undefined.
    clamped = Least(Greatest(cosine, Value(-1.0)), Value(1.0), output_field=FloatField())
    return nearby.annotate(distance=ACos(clamped) * EARTH_RADIUS_METRES).filter(
        distance__lte=metres
    )
