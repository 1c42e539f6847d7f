"""The sample dataset read straight from its file, as flat documents to judge.

Judging reads the exchange file rather than the database, so that the judgments do
not depend on the importer or on the search engine's indexing.
"""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

KINDS = {
    "organizations": "organization",
    "events": "event",
    "activities": "activity",
    "places": "place",
}


def sample_path() -> Path:
    """The shared sample file beside the checkout (SAKKE_SAMPLE_DATASET overrides it)."""
    configured = os.environ.get("SAKKE_SAMPLE_DATASET")
    if configured:
        return Path(configured)
    # The checkout is <root>/main and the shared data <root>/shared, as in datasets' tests.
    return Path(__file__).resolve().parents[3] / "shared/data/pohjois-savo-sample.json"


@dataclass
class Document:
    public_id: str
    kind: str
    title: str  # the Finnish name, for people reading reviews
    names: str  # every language's name, lower case
    text: str  # names, descriptions and short descriptions in every language, lower case
    municipalities: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    audiences: set[str] = field(default_factory=set)


def _languages(value) -> list[str]:
    return [v for v in (value or {}).values() if v]


def load_documents(path: Path | None = None) -> list[Document]:
    data = json.loads((path or sample_path()).read_text(encoding="utf-8"))
    source = data["data_source"]
    places = {p["id"]: p for p in data["places"]}
    orgs = {o["id"]: o for o in data["organizations"]}

    def org_municipalities(org: dict) -> set[str]:
        codes = set(org.get("municipalities") or [])
        if (org.get("address") or {}).get("municipality"):
            codes.add(org["address"]["municipality"])
        return codes

    documents = []
    for key, kind in KINDS.items():
        for item in data[key]:
            names = _languages(item["name"])
            texts = names + _languages(item.get("short_description"))
            texts += _languages(item.get("description"))
            if kind == "organization":
                municipalities = org_municipalities(item)
            elif kind == "place":
                municipalities = {item["municipality"]} if item.get("municipality") else set()
            else:
                municipalities = set(item.get("municipalities") or [])
                location = places.get(item.get("location"))
                if location and location.get("municipality"):
                    municipalities.add(location["municipality"])
                if not municipalities:  # an online event: where its organizers are
                    organizers = item.get("organizers") or [item.get("organizer")]
                    for org_id in organizers:
                        if org_id in orgs:
                            municipalities |= org_municipalities(orgs[org_id])
            documents.append(
                Document(
                    public_id=f"{source}:{item['id']}",
                    kind=kind,
                    title=item["name"]["fi"],
                    names=" | ".join(names).lower(),
                    text=" | ".join(texts).lower(),
                    municipalities=municipalities,
                    topics=set(item.get("topics") or []),
                    audiences=set(item.get("audiences") or []),
                )
            )
    return documents
