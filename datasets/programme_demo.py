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
    for programme, successor in programmes.values():
        if not successor:  # the current programme
            indicators_demo_load(programme)
    return measures


# The demo's indicators: the programme's own computed ones, with two years of history, and
# three typed in by the coordinator. The history before this month is made up (a steady
# climb to today's value) so that a newcomer sees charts; this month's values are real.
DEMO_COMPUTED = [
    ("programme.commitments", "Sitoumukset toimenpiteisiin", "Commitments to measures", 60),
    (
        "programme.adopting_associations",
        "Mukana olevat yhdistykset",
        "Associations taking part",
        40,
    ),
    ("programme.progress_reports", "Edistymisraportit", "Progress reports", None),
    ("programme.measures_done", "Valmiit toimenpiteet", "Measures done", None),
    (
        "programme.measures_in_progress",
        "Käynnissä olevat toimenpiteet",
        "Measures in progress",
        None,
    ),
    ("programme.measures_late", "Myöhässä olevat toimenpiteet", "Late measures", 0),
    (
        "programme.measures_not_started",
        "Aloittamattomat toimenpiteet",
        "Measures not started",
        None,
    ),
    (
        "programme.associations_per_1000",
        "Aktiiviset yhdistykset tuhatta asukasta kohden",
        "Active associations per 1,000 inhabitants",
        None,
    ),
    (
        "freshness.confirmed_share",
        "Vuoden sisällä vahvistetut tiedot (%)",
        "Listings confirmed within 12 months (%)",
        90,
    ),
    (
        "cards.complete",
        "Kunnat, joiden kortilla yhteyshenkilö, maksuttomat tilat ja avustusten määräajat",
        "Municipalities whose card names a contact person, free premises and grant deadlines",
        19,
    ),
    ("events.per_month", "Tapahtumat kuukaudessa", "Events per month", None),
    ("newsletter.subscribers", "Uutiskirjeen tilaajat", "Newsletter subscribers", None),
]
DEMO_MANUAL = [
    (
        "members",
        "Yhdistysten jäsenet yhteensä",
        "Members of the associations",
        [41200, 40650, 40900],
        43000,
    ),
    (
        "volunteer-hours",
        "Vapaaehtoistyön tunnit (tuhatta)",
        "Volunteer hours (thousands)",
        [820, 845, 890],
        950,
    ),
    (
        "cooperation",
        "Kuntayhteistyön toimivuus (1–5)",
        "How well municipal cooperation works (1–5)",
        [2.9, 3.1, 3.3],
        4,
    ),
]


def indicators_demo_load(programme: Programme, today: dt.date | None = None) -> int:
    """The demo indicators of `programme` and their values; returns how many indicators."""
    from django.utils import timezone

    from programme.indicators import indicator_source, reading_by_municipality
    from programme.models import Indicator, IndicatorValue
    from programme.snapshots import indicator_snapshots_take

    today = today or timezone.localdate()
    month = today.replace(day=1)
    for order, (key, fi, en, target) in enumerate(DEMO_COMPUTED):
        indicator = _upsert(
            Indicator,
            f"{programme.public_id}-indicator-{key}",
            programme=programme,
            kind="computed",
            source_key=key,
            order=order,
            target=target,
            target_year=programme.end_year if target is not None else None,
            **_translated("name", {"fi": fi, "en": en}),
        )
        now = reading_by_municipality(indicator_source(key).function(programme, today))[None]
        for back in range(24, 0, -1):
            months = month.year * 12 + month.month - 1 - back
            date = dt.date(months // 12, months % 12 + 1, 1)
            IndicatorValue.objects.update_or_create(
                indicator=indicator,
                date=date,
                municipality=None,
                defaults={"value": round(now * (24 - back) / 24)},
            )
    for order, (key, fi, en, values, target) in enumerate(DEMO_MANUAL, start=len(DEMO_COMPUTED)):
        indicator = _upsert(
            Indicator,
            f"{programme.public_id}-indicator-{key}",
            programme=programme,
            kind="manual",
            order=order,
            baseline=values[0],
            baseline_year=today.year - 3,
            target=target,
            target_year=programme.end_year,
            **_translated("name", {"fi": fi, "en": en}),
        )
        for back, value in enumerate(reversed(values), start=1):
            IndicatorValue.objects.update_or_create(
                indicator=indicator,
                date=dt.date(today.year - back, 1, 1),
                municipality=None,
                defaults={"value": value, "source": "Järjestökysely (demo)"},
            )
    indicator_snapshots_take(today=today)
    return len(DEMO_COMPUTED) + len(DEMO_MANUAL)
