"""Places near a point: "near me" on the event list, without a GIS database.

A box of ±distance around the point is close enough for choosing events to go to, and
the database can answer it from plain latitude and longitude columns.
"""

import math

from django import forms
from django.utils.translation import gettext_lazy as _

KM_PER_DEGREE = 111.32
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


def box_around(lat: float, lon: float, km: float, prefix: str = "") -> dict:
    """Lookups for latitude and longitude within `km` of the point (a box, not a circle)."""
    dlat = km / KM_PER_DEGREE
    dlon = km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    return {
        f"{prefix}latitude__range": (lat - dlat, lat + dlat),
        f"{prefix}longitude__range": (lon - dlon, lon + dlon),
    }
