"""Importing exchange datasets (sakke-dataset/1, see docs/data-import.md)."""

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from activities.models import Activity, WeeklySlot
from core.bulk import Upsert, save_changes, sync_children, sync_m2m, upsert_rows
from events.models import Event
from municipalities.models import Municipality, Region
from organizations.models import Organization
from places.models import Place
from taxonomy.models import Audience, Language, Topic

from .content_demo import content_demo_load
from .cooperation_demo import cooperation_demo_load
from .materials_demo import materials_demo_load
from .programme_demo import programme_demo_load
from .reference import (
    language_names,
    names,
    reference_data_load,
    reference_region_code,
    reference_regions,
)
from .survey_demo import survey_demo_load
from .validation import dataset_validate, parse_aware_datetime, parse_clock

KINDS = ("organizations", "places", "events", "activities")
DEMO_FILE = Path(__file__).resolve().parent / "demo" / "pohjois-savo-demo.json"
HELSINKI = ZoneInfo("Europe/Helsinki")


@dataclass
class ImportReport:
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    #: Objects left for a worker to index (dataset_import(index_now=False)).
    queued_for_search: int = 0

    @property
    def objects(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())

    @property
    def rate(self) -> float:
        return self.objects / self.seconds if self.seconds else 0.0


@dataclass
class _Refs:
    """Database ids of everything the dataset's objects may point to."""

    source: str
    municipalities: dict[str, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)
    audiences: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    organizations: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)

    def public(self, local_id: str | None) -> str | None:
        return f"{self.source}:{local_id}" if local_id else None

    def many(self, kind: str, values: list | None) -> set[int]:
        lookup = getattr(self, kind)
        if kind in ("organizations", "places"):
            return {lookup[self.public(v)] for v in values or []}
        return {lookup[v] for v in values or []}

    def one(self, kind: str, value: str | None) -> int | None:
        if value is None:
            return None
        return getattr(self, kind)[self.public(value) if kind in KINDS else value]


def _price(value: Any) -> dict:
    return names(value if isinstance(value, dict) else {"fi": value}, "price")


def _organization(item: dict, refs: _Refs) -> dict:
    address = item.get("address") or {}
    return {
        **names(item["name"]),
        **names(item.get("description") or {}, "description"),
        "business_id": item.get("business_id") or "",
        "legal_form": item.get("legal_form") or Organization.LegalForm.ASSOCIATION,
        "email": item.get("email") or "",
        "phone": item.get("phone") or "",
        "website": item.get("website") or "",
        "street_address": address.get("street") or "",
        "postal_code": address.get("postal_code") or "",
        "address_municipality_id": refs.one("municipalities", address.get("municipality")),
        "founded": item.get("founded"),
        "parent_id": refs.public(item.get("parent")),
    }


def _place(item: dict, refs: _Refs) -> dict:
    position = item.get("position") or {}
    return {
        **names(item["name"]),
        **names(item.get("street_address") or {}, "street_address"),
        "postal_code": item.get("postal_code") or "",
        "municipality_id": refs.one("municipalities", item.get("municipality")),
        "latitude": position.get("lat"),
        "longitude": position.get("lon"),
    }


def _event(item: dict, refs: _Refs) -> dict:
    offer = (item.get("offers") or [{}])[0]
    return {
        **names(item["name"]),
        **names(item.get("short_description") or {}, "short_description"),
        **names(item.get("description") or {}, "description"),
        **_price(offer.get("price")),
        "start_time": parse_aware_datetime(item["start_time"]),
        "end_time": parse_aware_datetime(item.get("end_time")),
        "location_id": refs.one("places", item.get("location")),
        "online_url": item.get("online_url") or "",
        "is_free": offer.get("is_free", True),
        "offer_info_url": offer.get("info_url") or "",
        "registration_url": item.get("registration_url") or "",
        "event_status": item.get("event_status") or Event.Status.SCHEDULED,
        "accessibility": item.get("accessibility") or [],
        "super_event_type": item.get("super_event_type") or "",
        "super_event_id": refs.public(item.get("super_event")),
    }


def _activity(item: dict, refs: _Refs) -> dict:
    contact = item.get("contact") or {}
    return {
        **names(item["name"]),
        **names(item.get("description") or {}, "description"),
        **_price(item.get("price")),
        "kind": item["kind"],
        "participation": item.get("participation") or [],
        "organizer_id": refs.one("organizations", item.get("organizer")),
        "location_id": refs.one("places", item.get("location")),
        "is_free": item.get("is_free", True),
        "accessibility": item.get("accessibility") or [],
        "contact_email": contact.get("email") or "",
        "contact_phone": contact.get("phone") or "",
    }


def _vocabularies(data: dict, refs: _Refs) -> dict[type, dict[int, set[str]]]:
    """Create the regions, municipalities, topics, audiences and languages the file needs.

    Returns the topics and audiences it changed: {model: {pk: the fields changed}}.
    """
    renamed: dict[type, dict[int, set[str]]] = {Topic: {}, Audience: {}}
    regions = {r.code: r for r in Region.objects.all()}
    region_codes = {r.name_fi: r.code for r in regions.values()}
    codes = {m.code: m.pk for m in Municipality.objects.all()}
    new = []
    for item in data.get("municipalities") or []:
        if item["code"] in codes:
            continue
        code = region_codes.get(item["region"]) or reference_region_code(item["region"])
        if code not in regions:
            reference = next(r for r in reference_regions() if r["code"] == code)
            regions[code] = Region.objects.create(
                code=code, slug=reference["slug"], **names(reference["name"])
            )
        municipality = Municipality(
            code=item["code"], slug=slugify(item["name"]["fi"]), region=regions[code]
        )
        for name, value in names(item["name"]).items():
            setattr(municipality, name, value)
        new.append(municipality)
    Municipality.objects.bulk_create(new)
    refs.municipalities = dict(Municipality.objects.values_list("code", "pk"))
    for model, kind in ((Topic, "topics"), (Audience, "audiences")):
        terms = {
            item["id"]: {**names(item["name"]), "yso": item.get("yso") or ""}
            for item in data.get(kind) or []
        }
        existing = {t.slug: t for t in model.objects.filter(slug__in=terms)}
        model.objects.bulk_create(
            [model(slug=s, **v) for s, v in terms.items() if s not in existing]
        )
        changed = []
        for slug, term in existing.items():
            fields = {k for k, v in terms[slug].items() if getattr(term, k) != v}
            if fields:
                changed.append(model(pk=term.pk, slug=slug, **terms[slug]))
                renamed[model][term.pk] = fields
        model.objects.bulk_update(changed, list(names({})) + ["yso"])
        setattr(refs, kind, dict(model.objects.values_list("slug", "pk")))
    codes = {
        c
        for kind in ("events", "activities")
        for item in data.get(kind) or []
        for c in item.get("in_language") or []
    }
    have = set(Language.objects.values_list("code", flat=True))
    Language.objects.bulk_create(
        [Language(code=c, **names(language_names(c))) for c in sorted(codes - have)]
    )
    refs.languages = dict(Language.objects.values_list("code", "pk"))
    return renamed


def _import_kind(kind, model, mapper, data, refs, deferred=None) -> Upsert:
    rows = {refs.public(item["id"]): mapper(item, refs) for item in data.get(kind) or []}
    return upsert_rows(model=model, source=refs.source, rows=rows, deferred=deferred)


def _m2m(upsert: Upsert, data_items: list, refs: _Refs, fields: dict[str, str]) -> None:
    for field_name, (key, kind) in fields.items():
        wanted = {
            upsert.ids[refs.public(item["id"])]: refs.many(kind, item.get(key))
            for item in data_items
        }
        sync_m2m(upsert=upsert, field_name=field_name, wanted=wanted)


_TERMS = {"topics": ("topics", "topics"), "audiences": ("audiences", "audiences")}


def _write(data: dict, refs: _Refs, progress) -> dict[str, Upsert]:
    done = {}
    orgs = _import_kind("organizations", Organization, _organization, data, refs, "parent_id")
    refs.organizations = orgs.ids
    _m2m(
        orgs,
        data.get("organizations") or [],
        refs,
        {"municipalities": ("municipalities", "municipalities"), **_TERMS},
    )
    done["organizations"] = orgs
    progress(len(orgs.desired))
    places = _import_kind("places", Place, _place, data, refs)
    refs.places = places.ids
    done["places"] = places
    progress(len(places.desired))
    events = _import_kind("events", Event, _event, data, refs, "super_event_id")
    _m2m(
        events,
        data.get("events") or [],
        refs,
        {
            "organizers": ("organizers", "organizations"),
            **_TERMS,
            "in_language": ("in_language", "languages"),
        },
    )
    done["events"] = events
    progress(len(events.desired))
    activities = _import_kind("activities", Activity, _activity, data, refs)
    items = data.get("activities") or []
    _m2m(
        activities,
        items,
        refs,
        {
            "municipalities": ("municipalities", "municipalities"),
            **_TERMS,
            "in_language": ("in_language", "languages"),
        },
    )
    slots = {
        activities.ids[refs.public(item["id"])]: {
            (s["weekday"], parse_clock(s["start"]), parse_clock(s.get("end")))
            for s in item.get("schedule") or []
        }
        for item in items
    }
    sync_children(
        upsert=activities,
        child=WeeklySlot,
        fk="activity",
        fields=["weekday", "start", "end"],
        wanted=slots,
    )
    done["activities"] = activities
    progress(len(activities.desired))
    for upsert in done.values():
        save_changes(upsert)
    return done


def dataset_import(
    *, data: Any, progress: Callable[[int], Any] | None = None, index_now: bool = True
) -> ImportReport:
    """Validate a parsed dataset, then create or update its objects in one transaction.

    The objects it changed are queued for the search index in the same transaction.
    With `index_now` they are indexed here, after the commit; otherwise a Celery worker
    indexes them (search.tasks.index_pending_task, queued once the import commits).
    """
    started = time.perf_counter()
    dataset_validate(data=data)
    refs = _Refs(source=data["data_source"])
    with transaction.atomic(), translation.override("fi"):
        renamed_terms = _vocabularies(data, refs)
        done = _write(data, refs, progress or (lambda n: None))
        queued = _queue_for_search_index(done, renamed_terms)
    _forget_search_vocabularies()  # municipalities and audiences may be new or renamed
    report = ImportReport(seconds=time.perf_counter() - started, queued_for_search=queued)
    if index_now:
        from search.index import index_pending

        index_pending()
        report.seconds = time.perf_counter() - started
        report.queued_for_search = 0
    elif queued:
        from search.tasks import index_pending_after_commit

        index_pending_after_commit()
    for kind, upsert in done.items():
        created, updated = len(upsert.created), len(upsert.updated)
        report.counts[kind] = {
            "created": created,
            "updated": updated,
            "unchanged": len(upsert.desired) - created - updated,
        }
    return report


def _queue_for_search_index(done: dict[str, Upsert], renamed_terms: dict) -> int:
    """The importer writes with raw SQL, so no save signal reaches the search index.

    Queued: the objects it created or changed, and those whose index rows show a changed
    name of another (a renamed place, organizer, topic or audience: search.dependents).
    """
    from search.dependents import queue_objects_showing_changes
    from search.index import queue_for_index

    changes = {upsert.model: upsert.changed for upsert in done.values()} | renamed_terms
    return sum(
        queue_for_index(upsert.model, upsert.created | upsert.updated) for upsert in done.values()
    ) + sum(queue_objects_showing_changes(model, changed) for model, changed in changes.items())


def _forget_search_vocabularies() -> None:
    from search.query import forget_vocabularies

    forget_vocabularies()


def dataset_total(data: dict) -> int:
    """How many objects a (validated) dataset holds, for progress bars."""
    return sum(len(data.get(kind) or []) for kind in KINDS)


def _shift_weeks(value: str | None, weeks: int) -> str | None:
    """Move an ISO 8601 time by whole weeks, keeping its local wall-clock time across DST."""
    if not value:
        return value
    local = dt.datetime.fromisoformat(value).astimezone(HELSINKI).replace(tzinfo=None)
    return (local + dt.timedelta(weeks=weeks)).replace(tzinfo=HELSINKI).isoformat()


def demo_shift_to_week(data: dict, today: dt.date) -> int:
    """Move the demo's events by whole weeks so that the first one falls in `today`'s week."""
    starts = [dt.datetime.fromisoformat(e["start_time"]) for e in data.get("events") or []]
    if not starts:
        return 0
    first = min(starts).astimezone(HELSINKI).date()
    monday = today - dt.timedelta(days=today.weekday())
    weeks = (monday - (first - dt.timedelta(days=first.weekday()))).days // 7
    for event in data["events"]:
        event["start_time"] = _shift_weeks(event["start_time"], weeks)
        event["end_time"] = _shift_weeks(event.get("end_time"), weeks)
    return weeks


def demo_load(
    *, today: dt.date | None = None, progress: Callable[[int], Any] | None = None
) -> ImportReport:
    """Load the reference data and the demo dataset, its events moved to start this week."""
    reference_data_load()
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    demo_shift_to_week(data, today or timezone.localdate())
    report = dataset_import(data=data, progress=progress)
    programme_demo_load()
    cooperation_demo_load(today=today)
    materials_demo_load()
    survey_demo_load()
    content_demo_load()
    return report
