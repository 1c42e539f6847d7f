"""A worker killed with SIGKILL while it indexes an import: the next worker finishes the
work, and what was committed is not done again.

Real Celery workers on PostgreSQL (core/tests/celery_worker.py); skipped on SQLite, whose
test database lives in the test's memory where a worker cannot reach it.
"""

import json
import os
from collections import Counter

import pytest
from django.db.models import Count

from core.tests.celery_worker import Worker, wait_until
from datasets.services import dataset_import
from datasets.tests.small_dataset import small_dataset
from organizations.models import Organization
from search.models import PendingIndex, SearchEntry, SearchSuggestion

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="needs PostgreSQL (set DATABASE_URL)",
    ),
]

ORGANIZATIONS = 150
BATCH = 40

# In both workers: batches of BATCH objects, and each batch's ids written to a file
# after it is indexed, before its transaction commits. In the first worker the second
# batch then stalls (rows locked, transaction open) until the test kills it.
PATCH = """
import functools, json, os, time
from pathlib import Path
from search import index, tasks

_index_objects = index.index_objects
_log = Path(os.environ["SAKKE_TEST_INDEX_LOG"])

def _logged(model, pks):
    _index_objects(model, pks)
    with _log.open("a") as out:
        out.write(json.dumps(sorted(pks)) + "\\n")
    if os.environ.get("SAKKE_TEST_STALL") and len(_log.read_text().splitlines()) == 2:
        time.sleep(600)

index.index_objects = _logged
batch_size = int(os.environ["SAKKE_TEST_INDEX_BATCH"])
tasks.index_pending = functools.partial(index.index_pending, batch_size=batch_size)
"""


def an_import_of(count: int) -> dict:
    data = small_dataset()
    # Ten names shared by many: the autocomplete counts are where a batch counted twice
    # would show.
    data["organizations"] = [
        {"id": f"org-{n}", "name": {"fi": f"Kyläyhdistys {n % 10}"}, "municipalities": ["297"]}
        for n in range(count)
    ]
    for other in ("places", "events", "activities"):
        data[other] = []
    return data


def batches(log) -> list[list[int]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_indexing_killed_mid_batch_resumes_on_the_next_worker_and_nothing_is_indexed_twice(
    tmp_path,
):
    dataset_import(data=an_import_of(ORGANIZATIONS), index_now=False)
    organizations = set(Organization.objects.values_list("pk", flat=True))
    assert PendingIndex.objects.count() == len(organizations) == ORGANIZATIONS
    broker = tmp_path / "broker"
    first_log, second_log = tmp_path / "first.jsonl", tmp_path / "second.jsonl"

    # The first worker picks the queue up when it starts; killed inside its second batch.
    first = Worker(
        broker_folder=broker,
        log=tmp_path / "worker-1.log",
        patch=PATCH,
        SAKKE_TEST_INDEX_LOG=str(first_log),
        SAKKE_TEST_INDEX_BATCH=str(BATCH),
        SAKKE_TEST_STALL="1",
    )
    try:
        wait_until(
            lambda: len(batches(first_log)) == 2, seconds=60, what="two batches", worker=first
        )
        first.kill()
    finally:
        first.stop()
    committed, rolled_back = (set(b) for b in batches(first_log))
    waiting = set(PendingIndex.objects.values_list("object_id", flat=True))
    assert waiting == organizations - committed and rolled_back <= waiting
    assert SearchEntry.objects.count() == BATCH

    # A worker comes back: it indexes the rest, and only the rest.
    second = Worker(
        broker_folder=broker,
        log=tmp_path / "worker-2.log",
        patch=PATCH,
        SAKKE_TEST_INDEX_LOG=str(second_log),
        SAKKE_TEST_INDEX_BATCH=str(BATCH),
    )
    try:
        wait_until(
            lambda: not PendingIndex.objects.exists(), seconds=60, what="the queue", worker=second
        )
    finally:
        second.stop()
    indexed_again = Counter(pk for batch in batches(second_log) for pk in batch)
    assert set(indexed_again) == organizations - committed
    assert set(indexed_again.values()) == {1}

    per_object = SearchEntry.objects.values("object_id").annotate(n=Count("id"))
    assert {row["object_id"] for row in per_object} == organizations
    assert {row["n"] for row in per_object} == {1}
    counts = dict(SearchSuggestion.objects.values_list("title_key", "count"))
    assert counts == {f"kyläyhdistys {n}": ORGANIZATIONS // 10 for n in range(10)}


def test_a_pool_process_killed_mid_batch_gives_the_task_back_to_the_same_worker(tmp_path):
    """The OOM killer takes the pool's child, not the worker: the worker's next child
    runs the task again at once (reject_on_worker_lost), and only what was not committed."""
    dataset_import(data=an_import_of(ORGANIZATIONS), index_now=False)
    organizations = set(Organization.objects.values_list("pk", flat=True))
    log = tmp_path / "batches.jsonl"
    worker = Worker(
        broker_folder=tmp_path / "broker",
        log=tmp_path / "worker.log",
        patch=PATCH,
        SAKKE_TEST_INDEX_LOG=str(log),
        SAKKE_TEST_INDEX_BATCH=str(BATCH),
        SAKKE_TEST_STALL="1",
    )
    try:
        wait_until(lambda: len(batches(log)) == 2, seconds=60, what="two batches", worker=worker)
        worker.kill_pool_process()
        wait_until(
            lambda: not PendingIndex.objects.exists(), seconds=60, what="the queue", worker=worker
        )
    finally:
        worker.stop()
    committed, rolled_back, *after = batches(log)
    indexed_after = Counter(pk for batch in after for pk in batch)
    assert set(indexed_after) == organizations - set(committed)
    assert set(indexed_after.values()) == {1} and set(rolled_back) <= set(indexed_after)
    per_object = SearchEntry.objects.values("object_id").annotate(n=Count("id"))
    assert {row["object_id"] for row in per_object} == organizations
    assert {row["n"] for row in per_object} == {1}
