"""What the index holds of each organization, event, activity, place, news post,
programme measure and document of the materials library.

Rows are built from `values()` of a batch of objects and of their relations, never
from model instances, so the same code serves one save and a rebuild of a million rows.
"""

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

from activities.models import Activity
from cooperation.models import Body, Consultation, Statement, StatementStatus
from core.languages import LANGUAGE_CODES
from core.richtext import html_to_text
from events.models import Event
from materials.models import Document
from materials.selectors import page_texts
from municipalities.models import Municipality
from news.models import NewsPost
from organizations.models import Organization
from places.models import Place
from programme.models import Commitment, Measure, MeasureUpdate, ProgressReport
from programme.selectors import measure_public_texts

from .analysis import index_terms, name_head_terms, word_and_part_terms, words
from .models import Kind


def facet(code: str) -> str:
    """The filter token of a municipality, e.g. kunta297 for Kuopio."""
    return f"kunta{code}"


@dataclass(frozen=True)
class Source:
    """How one model becomes index rows."""

    kind: str
    model: type[models.Model]
    #: Translated fields whose text goes in as the body, per language.
    body_fields: tuple[str, ...]
    #: Untranslated fields (and lookups) whose text goes in as Finnish body text.
    plain_fields: tuple[str, ...] = ()
    #: M2M fields whose related names (name_fi/sv/en) are body text.
    related_names: tuple[str, ...] = ()
    #: M2M fields and FK lookups that give the municipalities of an object.
    municipality_m2m: tuple[str, ...] = ()
    municipality_fks: tuple[str, ...] = ()
    extra: tuple[str, ...] = field(default=())
    #: The translated field that is the name (ranked as one): name, or a post's title.
    name_field: str = "name"
    #: Those of `body_fields` that hold HTML: only their text is analysed.
    rich_text_fields: tuple[str, ...] = ()
    #: Filters (lookup, value) that keep what is not yet public out of the index.
    public_filter: tuple[tuple[str, object], ...] = ()
    #: Long texts kept beside the object (a document's pages): pks -> {pk: [(text, lang)]}.
    long_texts: Callable[[list[int]], dict[int, list[tuple[str, str]]]] | None = None
    #: Models whose saves change `long_texts`, each with how to find the object it is
    #: part of (a measure's progress reports): {model: instance -> the object's pk}.
    long_text_parts: tuple[
        tuple[type[models.Model], Callable[[models.Model], int | None]], ...
    ] = ()


SOURCES = {
    Kind.ORGANIZATION: Source(
        kind=Kind.ORGANIZATION,
        model=Organization,
        body_fields=("description",),
        plain_fields=("business_id",),
        related_names=("topics", "audiences"),
        municipality_m2m=("municipalities",),
        municipality_fks=("address_municipality_id",),
        extra=("status",),
    ),
    Kind.EVENT: Source(
        kind=Kind.EVENT,
        model=Event,
        body_fields=("short_description", "description"),
        plain_fields=("location__name_fi",),
        related_names=("topics", "audiences", "organizers"),
        municipality_fks=("location__municipality_id",),
        extra=("start_time", "end_time", "event_status"),
    ),
    Kind.ACTIVITY: Source(
        kind=Kind.ACTIVITY,
        model=Activity,
        body_fields=("description",),
        plain_fields=("location__name_fi", "organizer__name_fi"),
        related_names=("topics", "audiences"),
        municipality_m2m=("municipalities",),
        municipality_fks=("location__municipality_id",),
    ),
    Kind.PLACE: Source(
        kind=Kind.PLACE,
        model=Place,
        body_fields=("street_address", "accessibility_notes"),
        plain_fields=("postal_code",),
        municipality_fks=("municipality_id",),
    ),
    Kind.NEWS: Source(
        kind=Kind.NEWS,
        model=NewsPost,
        name_field="title",
        body_fields=("lead", "body"),
        rich_text_fields=("body",),
        plain_fields=("organization__name_fi",),
        related_names=("topics",),
        municipality_m2m=("municipalities",),
        extra=("published_at",),
    ),
    Kind.MEASURE: Source(
        kind=Kind.MEASURE,
        model=Measure,
        body_fields=("description",),
        plain_fields=("identifier", "goal__name_fi"),
        # The measure's public updates and the associations' published progress reports
        # are found as the measure (the search kinds are fixed; a report has no page).
        long_texts=measure_public_texts,
        long_text_parts=(
            (MeasureUpdate, lambda update: update.measure_id),
            (Commitment, lambda commitment: commitment.measure_id),
            (
                ProgressReport,
                lambda report: (
                    Commitment.objects.filter(pk=report.commitment_id)
                    .values_list("measure_id", flat=True)
                    .first()
                ),
            ),
        ),
    ),
    Kind.BODY: Source(
        kind=Kind.BODY,
        model=Body,
        body_fields=("purpose",),
        related_names=("topics",),
        municipality_fks=("municipality_id",),
        public_filter=(("is_active", True),),
    ),
    Kind.CONSULTATION: Source(
        kind=Kind.CONSULTATION,
        model=Consultation,
        name_field="title",
        body_fields=("summary",),
        plain_fields=("organiser",),
        related_names=("topics",),
        municipality_m2m=("municipalities",),
    ),
    # Drafts are for the associations preparing them: only sent statements are found.
    Kind.STATEMENT: Source(
        kind=Kind.STATEMENT,
        model=Statement,
        name_field="title",
        body_fields=(),
        plain_fields=("consultation__title_fi", "consultation__organiser"),
        public_filter=(("status", StatementStatus.SENT),),
    ),
    Kind.MATERIAL: Source(
        kind=Kind.MATERIAL,
        model=Document,
        name_field="title",
        body_fields=("description",),
        related_names=("topics",),
        municipality_m2m=("municipalities",),
        long_texts=page_texts,
    ),
}


def source_for_model(model) -> Source | None:
    for source in SOURCES.values():
        if issubclass(model, source.model):
            return source
    return None


def municipality_codes() -> dict[int, str]:
    return dict(Municipality.objects.values_list("pk", "code"))


def _translated(name: str) -> list[str]:
    return [f"{name}_{language}" for language in LANGUAGE_CODES]


def _related(model, field_name: str, pks: list[int]) -> dict[int, list[tuple]]:
    """{object pk: [(name_fi, name_sv, name_en), ...]} of one M2M field, two queries.

    The pairs come from the through table alone; the names of the related objects are
    read once each and kept for the batch (topics, audiences and organizers repeat).
    """
    relation = model._meta.get_field(field_name)
    through = relation.remote_field.through
    target_model = relation.remote_field.model
    owner, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    pairs = list(
        through.objects.filter(**{f"{owner}_id__in": pks}).values_list(
            f"{owner}_id", f"{target}_id"
        )
    )
    names = {
        pk: values
        for pk, *values in target_model.objects.filter(pk__in={t for _o, t in pairs}).values_list(
            "pk", *_translated("name")
        )
    }
    found = defaultdict(list)
    for owner_id, target_id in pairs:
        if target_id in names:
            found[owner_id].append(tuple(names[target_id]))
    return found


def _m2m_ids(model, field_name: str, pks: list[int]) -> dict[int, list[int]]:
    relation = model._meta.get_field(field_name)
    through = relation.remote_field.through
    owner, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    found = defaultdict(list)
    rows = through.objects.filter(**{f"{owner}_id__in": pks}).values_list(
        f"{owner}_id", f"{target}_id"
    )
    for owner_id, target_id in rows:
        found[owner_id].append(target_id)
    return found


def _timestamp(value: dt.datetime | None) -> int | None:
    return int(value.timestamp()) if value else None


@functools.lru_cache(maxsize=100_000)
def _text_terms(text: str, language: str) -> tuple[str, ...]:
    """The terms of one text, kept: descriptions and related names repeat a lot."""
    return tuple(dict.fromkeys(index_terms(text, language)))


def _terms(values: list[tuple[str, str]]) -> str:
    """Space-separated terms of (text, language) pairs."""
    terms = {}
    for text, language in values:
        if text:
            terms.update(dict.fromkeys(_text_terms(str(text), language)))
    return " ".join(terms)


def _long_text_terms(values: list[tuple[str, str]]) -> str:
    """Like _terms, without keeping each text: a page is read once."""
    terms = {}
    for text, language in values:
        terms.update(dict.fromkeys(index_terms(text, language)))
    return " ".join(terms)


def _name_terms(values: list[tuple[str, str]]) -> tuple[str, str]:
    """(terms of the name's words, parts of its compounds), space-separated."""
    own, parts = {}, {}
    for text, language in values:
        for word in words(text or ""):
            word_terms, part_terms = word_and_part_terms(word, language)
            own.update(dict.fromkeys(word_terms))
            parts.update(dict.fromkeys(part_terms))
    return " ".join(own), " ".join(p for p in parts if p not in own)


@functools.lru_cache(maxsize=100_000)
def _tag_terms_of(names: tuple) -> tuple[str, ...]:
    terms = {}
    for text, language in zip(names, LANGUAGE_CODES, strict=True):
        if text:
            terms.update(dict.fromkeys(_text_terms(str(text), language)))
    return tuple(terms)


def _tag_terms(related: list[tuple]) -> str:
    """Terms of topic, audience and organizer names, prefixed "_" to keep them apart."""
    terms = {}
    for names in related:
        terms.update(dict.fromkeys(_tag_terms_of(tuple(names))))
    return " ".join("_" + t for t in terms)


def public_objects(model):
    """What the public may find: drafts, content waiting for approval and news posts
    scheduled for later stay out (news.services.news_index_due adds those when due)."""
    from core.models import PublicationStatus

    objects = model.objects.all()
    fields = {f.name for f in model._meta.fields}
    if "publication_status" in fields:
        objects = objects.filter(publication_status=PublicationStatus.PUBLISHED)
    if "published_at" in fields:
        objects = objects.filter(published_at__lte=timezone.now())
    if "duplicate_of" in fields:  # the same event from another source is found as its original
        objects = objects.filter(duplicate_of__isnull=True)
    return objects


def _body_text(source: Source, name: str, text: str | None) -> str | None:
    return html_to_text(text) if text and name in source.rich_text_fields else text


def entry_rows(source: Source, pks: list[int], codes: dict[int, str]) -> list[dict]:
    """The index rows of the objects `pks` of one kind, in a fixed number of queries."""
    names = _translated(source.name_field)
    body = [f for name in source.body_fields for f in _translated(name)]
    columns = ["pk", "public_id", *names, *body, *source.plain_fields]
    columns += [*source.municipality_fks, *source.extra]
    objects = public_objects(source.model).filter(pk__in=pks, **dict(source.public_filter))
    objects = objects.values(*columns)
    related = {f: _related(source.model, f, pks) for f in source.related_names}
    m2m_municipalities = {f: _m2m_ids(source.model, f, pks) for f in source.municipality_m2m}
    long_texts = source.long_texts(pks) if source.long_texts else {}
    rows = []
    for obj in objects:
        pk = obj["pk"]
        texts = [
            (_body_text(source, n, obj[f"{n}_{lang}"]), lang)
            for n in source.body_fields
            for lang in LANGUAGE_CODES
        ]
        texts += [(obj[f], "fi") for f in source.plain_fields]
        tags = []
        for relation in related.values():
            for triple in relation.get(pk, ()):
                tags.append(triple)
        municipality_ids = {obj[f] for f in source.municipality_fks if obj[f]}
        for relation in m2m_municipalities.values():
            municipality_ids.update(relation.get(pk, ()))
        name_fi, name_sv, name_en = (obj[f"{source.name_field}_{lang}"] for lang in LANGUAGE_CODES)
        name_terms, part_terms = _name_terms([(name_fi, "fi"), (name_sv, "sv"), (name_en, "en")])
        title = name_fi or name_sv or name_en or obj["public_id"]
        row = {
            "kind": source.kind,
            "object_id": pk,
            "public_id": obj["public_id"],
            "title_fi": title[:250],
            "title_sv": (name_sv or "")[:250],
            "title_en": (name_en or "")[:250],
            "title_key": " ".join(words(title))[:250],
            "name_terms": name_terms,
            "part_terms": part_terms,
            "head_terms": " ".join(name_head_terms(name_fi or "")),
            "body_terms": " ".join(
                filter(None, (_terms(texts), _long_text_terms(long_texts.get(pk, []))))
            ),
            "tag_terms": _tag_terms(tags),
            "facets": " ".join(sorted(facet(codes[m]) for m in municipality_ids if m in codes)),
            "start_ts": None,
            "end_ts": None,
            "is_cancelled": False,
            "is_inactive": False,
        }
        if source.kind == Kind.EVENT:
            row["start_ts"] = _timestamp(obj["start_time"])
            row["end_ts"] = _timestamp(obj["end_time"] or obj["start_time"])
            row["is_cancelled"] = obj["event_status"] == Event.Status.CANCELLED
        elif source.kind == Kind.ORGANIZATION:
            row["is_inactive"] = obj["status"] == Organization.Status.DISSOLVED
        elif source.kind == Kind.NEWS:
            # A post is dated but has no end: backends.SCORE ranks newer posts first.
            row["start_ts"] = _timestamp(obj["published_at"])
        rows.append(row)
    return rows
