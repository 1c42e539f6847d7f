"""The service's region by name, in the active language, from the reference data of regions.

Read from municipalities/reference/regions.json (the file the Region rows are loaded from)
rather than the database, so that naming the region on every page costs no query.
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

REGIONS_FILE = Path(__file__).resolve().parent / "reference" / "regions.json"


@cache
def _names_of(region: str) -> dict[str, str]:
    for row in json.loads(REGIONS_FILE.read_text(encoding="utf-8")):
        if region in row["name"].values() or region == row["code"]:
            return row["name"]
    return {}


def region_name(language: str | None = None) -> str:
    """SAKKE_REGION_NAME (a name in any language, or a code) in `language` or the active one."""
    region = settings.SAKKE_REGION_NAME
    names = _names_of(region)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return names.get(language) or names.get(settings.LANGUAGE_CODE) or region


def region(request) -> dict:
    """Context processor: REGION_NAME in the language of the page."""
    return {"REGION_NAME": region_name()}
