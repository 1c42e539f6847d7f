"""Imports queue their objects for the search index; a worker (or a command) indexes them."""

import json

import pytest
from django.core.management import call_command

from datasets.services import dataset_import
from datasets.tests.small_dataset import small_dataset
from organizations.models import Organization
from search.index import index_pending, queue_for_index, rebuild_search_index
from search.models import PendingIndex, SearchEntry
from search.services import search

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return [hit.public_id for hit in search(text).hits]


def write(tmp_path, data) -> str:
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_the_import_command_leaves_indexing_to_a_worker(tmp_path, capsys):
    call_command("import_dataset", write(tmp_path, small_dataset()), verbosity=0)

    objects = PendingIndex.objects.count()
    assert objects > 0 and not SearchEntry.objects.exists()
    assert found("eläkeläiset") == []
    assert f"{objects} objects wait for the search index" in capsys.readouterr().out

    assert index_pending() == objects
    assert not PendingIndex.objects.exists()
    assert "test:org-1" in found("eläkeläisten")
    assert SearchEntry.objects.count() == objects


def test_the_worker_task_is_queued_once_the_import_commits(
    monkeypatch, django_capture_on_commit_callbacks
):
    from search import tasks

    queued = []
    monkeypatch.setattr(tasks.index_pending_task, "delay", lambda: queued.append(1))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = dataset_import(data=small_dataset(), index_now=False)
        assert queued == []  # not before the commit
    assert len(callbacks) == 1 and queued == [1]
    assert report.queued_for_search == PendingIndex.objects.count() > 0


def test_a_broker_that_cannot_be_reached_leaves_the_work_queued(
    monkeypatch, django_capture_on_commit_callbacks
):
    from search import tasks

    def refuse():
        raise ConnectionRefusedError("no broker")

    monkeypatch.setattr(tasks.index_pending_task, "delay", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        dataset_import(data=small_dataset(), index_now=False)
    assert Organization.objects.count() == 2
    assert PendingIndex.objects.count() > 0


def test_index_now_indexes_in_the_import_and_leaves_nothing_queued(tmp_path, capsys):
    call_command("import_dataset", write(tmp_path, small_dataset()), "--index-now", verbosity=0)

    assert not PendingIndex.objects.exists()
    assert "test:org-1" in found("eläkeläisten")
    assert "wait for the search index" not in capsys.readouterr().out


def test_an_unchanged_import_queues_nothing():
    dataset_import(data=small_dataset())
    report = dataset_import(data=small_dataset(), index_now=False)
    assert report.queued_for_search == 0 and not PendingIndex.objects.exists()


def test_a_changed_object_is_indexed_again():
    data = small_dataset()
    dataset_import(data=data)
    data["organizations"][0]["name"]["fi"] = "Pohjois-Savon Kuorolaiset ry"
    report = dataset_import(data=data, index_now=False)

    def title():
        return SearchEntry.objects.get(kind="organization", public_id="test:org-1").title_fi

    # The association, and the event and activity whose rows show its name.
    queued = set(PendingIndex.objects.values_list("kind", flat=True))
    assert report.queued_for_search == 3 and queued == {"organization", "event", "activity"}
    assert title() == "Pohjois-Savon Eläkeläiset ry"  # until the worker runs
    assert index_pending() == 3
    assert title() == "Pohjois-Savon Kuorolaiset ry"
    assert "test:org-1" in found("kuorolaisten")


def test_an_object_is_queued_once_however_often_it_changes():
    dataset_import(data=small_dataset(), index_now=False)
    before = PendingIndex.objects.count()
    organization = Organization.objects.get(public_id="test:org-1")
    assert queue_for_index(Organization, [organization.pk, organization.pk]) == 0  # waiting
    assert PendingIndex.objects.count() == before

    index_pending()
    assert queue_for_index(Organization, [organization.pk, organization.pk]) == 1
    assert queue_for_index(Organization, [organization.pk]) == 0
    assert PendingIndex.objects.count() == 1


def test_the_command_indexes_the_queue_and_a_second_run_finds_nothing(capsys):
    dataset_import(data=small_dataset(), index_now=False)
    objects = PendingIndex.objects.count()

    call_command("index_pending")
    assert f"Search index updated: {objects} objects." in capsys.readouterr().out
    call_command("index_pending")
    assert "Search index updated: 0 objects." in capsys.readouterr().out


def test_a_rebuild_empties_the_queue():
    dataset_import(data=small_dataset(), index_now=False)
    total = rebuild_search_index()
    assert total == SearchEntry.objects.count() > 0
    assert not PendingIndex.objects.exists()
    assert "test:org-1" in found("eläkeläisten")


def test_a_new_audience_reaches_the_query_parser_of_this_process_at_once():
    from search.query import _audience_terms
    from taxonomy.tests.factories import AudienceFactory

    assert "maahanmuuttaja" not in _audience_terms()
    AudienceFactory(name_fi="Maahanmuuttajat")
    assert "maahanmuuttaja" in _audience_terms()


def test_an_import_refreshes_the_query_parsers_municipalities():
    from search.query import municipality_match

    assert municipality_match("Iisalmessa") is None  # an empty database
    dataset_import(data=small_dataset(), index_now=False)  # writes with SQL, no signals
    assert municipality_match("Iisalmessa")[0] == "140"
