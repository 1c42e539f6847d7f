"""Reference data every installation needs: regions, municipalities and vocabularies.

The data lives as JSON in municipalities/reference/; another region's municipalities
are one more file in municipalities/reference/municipalities/.
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction

from municipalities.models import Municipality, Region
from taxonomy.models import Audience, Language, Topic

REFERENCE_DIR = Path(settings.BASE_DIR) / "municipalities" / "reference"


@cache
def _read(relative: str):
    return json.loads((REFERENCE_DIR / relative).read_text(encoding="utf-8"))


def reference_regions() -> list[dict]:
    return _read("regions.json")


def reference_region_code(name: str) -> str | None:
    """The Statistics Finland code of a region called `name` in any language."""
    for region in reference_regions():
        if name in region["name"].values():
            return region["code"]
    return None


def language_names(code: str) -> dict[str, str]:
    """The names of a language by ISO 639 code, or the code itself when unknown."""
    for language in _read("languages.json"):
        if language["code"] == code:
            return language["name"]
    return {"fi": code}


def names(names_by_language: dict, field: str = "name") -> dict:
    """`{"fi": "Kuopio"}` as model fields `name_fi`, `name_sv`, `name_en` (missing ones None)."""
    return {
        f"{field}_{lang}": names_by_language.get(lang) or None for lang, _name in settings.LANGUAGES
    }


def _municipality_files() -> list[Path]:
    return sorted((REFERENCE_DIR / "municipalities").glob("*.json"))


@transaction.atomic
def reference_data_load() -> dict[str, int]:
    """Create or update the reference rows; return how many of each the files hold."""
    regions = {}
    for row in reference_regions():
        regions[row["code"]], _created = Region.objects.update_or_create(
            code=row["code"], defaults={"slug": row["slug"], **names(row["name"])}
        )
    municipalities = 0
    for path in _municipality_files():
        content = json.loads(path.read_text(encoding="utf-8"))
        for row in content["municipalities"]:
            Municipality.objects.update_or_create(
                code=row["code"],
                defaults={
                    "slug": row["slug"],
                    "region": regions[content["region"]],
                    "population": row.get("population"),
                    **names(row["name"]),
                },
            )
            municipalities += 1
    counts = {"regions": len(regions), "municipalities": municipalities}
    for model, filename in ((Topic, "topics.json"), (Audience, "audiences.json")):
        rows = _read(filename)
        for row in rows:
            model.objects.update_or_create(
                slug=row["slug"], defaults={"yso": row.get("yso") or "", **names(row["name"])}
            )
        counts[filename.removesuffix(".json")] = len(rows)
    languages = _read("languages.json")
    for row in languages:
        Language.objects.update_or_create(code=row["code"], defaults=names(row["name"]))
    counts["languages"] = len(languages)
    return counts
