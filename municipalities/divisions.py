"""Open Civic Data division ids of Finnish municipalities and regions, as Linked Events uses them.

`ocd-division/country:fi/kunta:kuopio` is Kuopio and `ocd-division/country:fi/maakunta:
pohjois-savo` the region; Linked Events' `division` parameter takes these ids or plain
names ("Kuopio", "Kuopio"/"Kuopion" in any of the languages we keep).
"""

from django.db.models import Q
from django.utils.text import slugify

from .models import Municipality

OCD_PREFIX = "ocd-division/country:fi"


def municipality_ocd_id(municipality: Municipality) -> str:
    return f"{OCD_PREFIX}/kunta:{municipality.slug}"


def _division_condition(value: str) -> Q:
    value = value.strip()
    last = value.rsplit("/", 1)[-1]
    kind, _, name = last.partition(":")
    if name and kind == "kunta":
        return Q(slug=slugify(name)) | Q(name_fi__iexact=name) | Q(name_sv__iexact=name)
    if name and kind == "maakunta":
        return Q(region__slug=slugify(name)) | Q(region__name_fi__iexact=name)
    if name:  # some other kind of division (a district, say): no municipality is one
        return Q(pk__in=[])
    names = Q(name_fi__iexact=value) | Q(name_sv__iexact=value) | Q(name_en__iexact=value)
    return names | Q(slug=slugify(value)) | Q(code=value)


def municipality_ids_for_divisions(values: list[str]) -> list[int]:
    """The ids of the municipalities that any of `values` (ocd ids or names) names."""
    condition = Q(pk__in=[])
    for value in values:
        condition |= _division_condition(value)
    return list(Municipality.objects.filter(condition).values_list("pk", flat=True))
