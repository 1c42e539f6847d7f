"""The bulk paths (an import's index_objects, the rebuild) write exactly the rows that
saving the objects one by one does: entries, postings, full-text rows, vocabulary and
autocomplete names."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from datasets.services import dataset_import
from datasets.tests.small_dataset import small_dataset
from events.models import Event
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from search.documents import SOURCES
from search.index import index_objects, rebuild_search_index, remove_objects
from search.models import SearchEntry, SearchSuggestion, SearchTerm
from taxonomy.tests.factories import AudienceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Everything the index holds, with database ids replaced by (kind, object id)."""
    columns = [f.attname for f in SearchEntry._meta.concrete_fields if f.attname != "id"]
    keys, entries = {}, {}
    for row in SearchEntry.objects.values("id", *columns):
        keys[row.pop("id")] = key = (row["kind"], row["object_id"])
        entries[key] = row
    found = {
        "entries": entries,
        "terms": sorted(SearchTerm.objects.values_list("term", flat=True)),
        "suggestions": sorted(
            SearchSuggestion.objects.values_list(
                "kind", "title_key", "title", "public_id", "count", "is_current"
            )
        ),
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT term, points, state, kind, end_ts, places, entry_id FROM search_posting"
            )
            found["postings"] = sorted(
                (*r[:5], tuple(r[5] or ()), keys[r[6]]) for r in cursor.fetchall()
            )
            cursor.execute(
                "SELECT id, document::text, name_document::text, part_document::text, "
                "head_document::text FROM search_searchentry"
            )
            found["documents"] = sorted((keys[r[0]], *r[1:]) for r in cursor.fetchall())
        else:
            cursor.execute("SELECT rowid, name, head, parts, body, tags, facets FROM search_fts")
            found["fts"] = sorted((keys[r[0]], *r[1:]) for r in cursor.fetchall())
            cursor.execute("SELECT term FROM search_term_trgm")
            found["trigram_terms"] = sorted(r[0] for r in cursor.fetchall())
    return found


def _empty_index() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "TRUNCATE search_searchentry, search_searchterm, search_searchsuggestion, "
                "search_posting"
            )
        else:
            for table in ("search_searchentry", "search_searchterm", "search_searchsuggestion"):
                cursor.execute(f"DELETE FROM {table}")
    assert not any(snapshot()[k] for k in ("entries", "terms", "suggestions"))


def _index_in_bulk() -> None:
    for source in SOURCES.values():
        index_objects(source.model, source.model.objects.values_list("pk", flat=True))


def _index_one_by_one() -> None:
    for source in SOURCES.values():
        for pk in source.model.objects.order_by("-pk").values_list("pk", flat=True):
            index_objects(source.model, [pk])


def _varied_objects() -> None:
    """Saved through the ORM, so the signals index each object as it changes."""
    kuopio = MunicipalityFactory(code="297", name_fi="Kuopio", name_sv="Kuopio")
    varkaus = MunicipalityFactory(code="915", name_fi="Varkaus", name_sv="Varkaus")
    topic = TopicFactory(name_fi="Liikunta ja urheilu", name_sv="Motion", name_en="Sports")
    seniors = AudienceFactory(name_fi="Ikäihmiset", name_sv="Äldre")
    choir = OrganizationFactory(
        name_fi="Varkauden Naiskuoro ry",
        name_en="Varkaus Women's Choir",
        description_fi="Laulamme kuorolauluja ja järjestämme konsertteja.",
        municipalities=[varkaus],
        topics=[topic],
    )
    OrganizationFactory(name_fi="Kuopion Eläkeläiset ry", municipalities=[kuopio])
    OrganizationFactory(name_fi="Kuopion Eläkeläiset ry", audiences=[seniors])
    OrganizationFactory(name_fi="Lentopalloseura ry", status=Organization.Status.DISSOLVED)
    OrganizationFactory(name_fi="Luonnosyhdistys ry", publication_status="draft")
    hall = PlaceFactory(name_fi="Kuopion kaupungintalo", municipality=kuopio)
    now = timezone.now()
    for days, status in ((3, Event.Status.SCHEDULED), (-40, Event.Status.SCHEDULED),
                         (10, Event.Status.CANCELLED)):  # fmt: skip
        EventFactory(
            name_fi="Kevätkonsertti",
            name_sv="Vårkonsert",
            start_time=now + dt.timedelta(days=days),
            location=hall,
            event_status=status,
            organizers=[choir],
            audiences=[seniors],
        )
    EventFactory(
        name_fi="Tuolijumppaa senioreille", start_time=now + dt.timedelta(days=1), end_time=None
    )
    data = small_dataset()
    data["data_source"] = "other"  # the factories' public ids are "test:..."
    dataset_import(data=data)


def test_bulk_indexing_and_the_rebuild_write_what_saving_one_by_one_does():
    _varied_objects()
    by_signals = snapshot()
    assert len(by_signals["entries"]) > 15
    assert any(s[4] > 1 for s in by_signals["suggestions"])  # a name with several objects

    _empty_index()
    _index_one_by_one()
    assert snapshot() == by_signals

    _empty_index()
    _index_in_bulk()
    assert snapshot() == by_signals

    _index_in_bulk()  # again, over itself: every name is counted anew
    assert snapshot() == by_signals

    rebuild_search_index()
    assert snapshot() == by_signals


def _without_terms(found: dict) -> dict:
    return {k: v for k, v in found.items() if k not in ("terms", "trigram_terms")}


def test_renames_and_deletes_keep_the_name_counts_as_a_rebuild_makes_them():
    _varied_objects()
    first, second = Organization.objects.filter(name_fi="Kuopion Eläkeläiset ry")
    first.name_fi = "Kuopion Seniorit ry"
    first.save()
    second.delete()
    Event.objects.filter(event_status=Event.Status.CANCELLED).first().delete()
    remove_objects(Event, [-1])  # not indexed: nothing happens
    later = snapshot()
    assert ("organization", "kuopion eläkeläiset ry") not in {s[:2] for s in later["suggestions"]}

    rebuild_search_index()
    rebuilt = snapshot()
    assert _without_terms(later) == _without_terms(rebuilt)
    # The old words of renamed objects stay in the vocabulary until a rebuild.
    assert set(rebuilt["terms"]) <= set(later["terms"])
