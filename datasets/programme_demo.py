"""The demo's association programme (datasets/demo/pohjois-savo-programme.json).

Loaded after the demo dataset, whose associations and municipalities it names. Every
row is found again by its public id or natural key, so loading twice changes nothing.
"""

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from core.languages import LANGUAGE_CODES
from municipalities.models import Municipality
from organizations.models import Organization
from programme.models import (
    Commitment,
    Goal,
    Measure,
    MeasureUpdate,
    Programme,
    ProgressReport,
    Responsibility,
    Task,
    Theme,
)

PROGRAMME_FILE = Path(__file__).parent / "demo" / "pohjois-savo-programme.json"


def _translated(name: str, value: dict | None) -> dict:
    return {f"{name}_{lang}": (value or {}).get(lang, "") for lang in LANGUAGE_CODES}


def _upsert(model, public_id: str, **fields):
    obj, _created = model.objects.update_or_create(
        public_id=public_id, defaults={"data_source": public_id.split(":")[0], **fields}
    )
    return obj


def _measure(goal: Goal, row: dict, orgs: dict, municipalities: dict) -> Measure:
    measure = _upsert(
        Measure,
        f"{goal.public_id}-measure-{row['identifier']}",
        goal=goal,
        identifier=row["identifier"],
        schedule_unit=row["schedule_unit"],
        start_year=row["start"][0],
        start_period=row["start"][1],
        end_year=row["end"][0],
        end_period=row["end"][1],
        status=row["status"],
        **_translated("name", row["name"]),
        **_translated("description", row.get("description")),
    )
    for party in row.get("responsible", []):
        Responsibility.objects.get_or_create(
            measure=measure,
            kind=party["kind"],
            organization=orgs.get(party.get("organization")),
            municipality=municipalities.get(party.get("municipality")),
            name=party.get("name", ""),
            defaults={"role": party["role"]},
        )
    for task in row.get("tasks", []):
        due = dt.date.fromisoformat(task["due"])
        Task.objects.update_or_create(
            measure=measure,
            name_fi=task["name"]["fi"],
            defaults={"due_date": due, "done_on": due if task["done"] else None},
        )
    for update in row.get("updates", []):
        MeasureUpdate.objects.get_or_create(
            measure=measure,
            date=dt.date.fromisoformat(update["date"]),
            text=update["text"],
            defaults={"status": update["status"], "party": update["party"]},
        )
    for commitment_row in row.get("commitments", []):
        organization = orgs.get(commitment_row["organization"])
        if organization is None:
            continue
        commitment = _upsert(
            Commitment,
            f"{measure.public_id}-{commitment_row['organization']}",
            measure=measure,
            organization=organization,
            description=commitment_row["description"],
        )
        for number, report in enumerate(commitment_row.get("reports", []), 1):
            _upsert(
                ProgressReport,
                f"{commitment.public_id}-report-{number}",
                commitment=commitment,
                date=dt.date.fromisoformat(report["date"]),
                text=report["text"],
            )
    return measure


@transaction.atomic
def programme_demo_load(data: dict | None = None) -> int:
    """Load the demo programmes; returns how many measures they have."""
    data = data or json.loads(PROGRAMME_FILE.read_text(encoding="utf-8"))
    source = data["data_source"]
    orgs = {
        o.public_id.split(":", 1)[1]: o
        for o in Organization.objects.filter(public_id__startswith=f"{source}:")
    }
    municipalities = {m.code: m for m in Municipality.objects.all()}
    programmes, measures = {}, 0
    for row in data["programmes"]:
        programme = _upsert(
            Programme,
            f"{source}:{row['id']}",
            slug=row["slug"],
            start_year=row["start_year"],
            end_year=row["end_year"],
            **_translated("name", row["name"]),
            **_translated("vision", row.get("vision")),
            **_translated("future_outlook", row.get("future_outlook")),
        )
        programmes[row["id"]] = (programme, row.get("successor"))
        for theme_row in row["themes"]:
            theme = _upsert(
                Theme,
                f"{programme.public_id}-theme-{theme_row['number']}",
                programme=programme,
                number=theme_row["number"],
                **_translated("name", theme_row["name"]),
            )
            for order, goal_row in enumerate(theme_row["goals"]):
                goal = _upsert(
                    Goal,
                    f"{programme.public_id}-goal-{goal_row['identifier']}",
                    theme=theme,
                    identifier=goal_row["identifier"],
                    order=order,
                    **_translated("name", goal_row["name"]),
                )
                for measure_row in goal_row["measures"]:
                    _measure(goal, measure_row, orgs, municipalities)
                    measures += 1
    for programme, successor in programmes.values():
        if successor and programme.successor_id != programmes[successor][0].pk:
            programme.successor = programmes[successor][0]
            programme.save(update_fields=["successor"])
    return measures
