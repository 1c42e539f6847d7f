"""A web worker does the work of its first requests as it starts, and starts whatever fails."""

import gc
import logging
import runpy
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import warmup
from search import query

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "config" / "gunicorn.conf.py"


@pytest.mark.django_db
def test_after_warming_the_first_search_reads_no_vocabulary(caplog):
    query.forget_vocabularies()
    caplog.set_level(logging.WARNING, logger="core.warmup")

    # warm() closes its connection at the end; on PostgreSQL that would end the test's
    # transaction, which the queries below still need.
    with mock.patch.object(warmup.connections, "close_all"):
        took = warmup.warm()

    assert "search.query.warm_vocabularies" in took
    assert caplog.text == ""  # every step, every template of Sakke's own compiled
    with CaptureQueriesContext(connection) as first:
        query.parse_query("kuoro kuopiossa")
    with CaptureQueriesContext(connection) as again:
        query.parse_query("kuoro kuopiossa")
    # Only what every search asks (its words' terms), nothing first-time.
    assert [q["sql"] for q in first] == [q["sql"] for q in again]
    assert not any("search_synonym" in q["sql"] for q in first)


def test_with_the_database_down_the_worker_starts_and_says_what_it_skipped(caplog):
    # No database access here: every query raises, as with PostgreSQL down.
    query.forget_vocabularies()
    caplog.set_level(logging.WARNING, logger="core.warmup")

    took = warmup.warm()

    assert set(took) >= {"core.warmup._urls_and_translations", "search.query.warm_vocabularies"}
    assert "Warming search.query.warm_vocabularies failed" in caplog.text


def test_each_gunicorn_worker_warms_before_it_takes_requests():
    worker = mock.Mock()
    hooks = runpy.run_path(str(GUNICORN_CONF))

    with mock.patch.object(warmup, "_warmers", []):
        hooks["post_worker_init"](worker)

    assert "Warmed in" in worker.log.info.call_args.args[0]


def test_a_slow_warm_up_keeps_telling_the_arbiter_the_worker_is_alive():
    worker = mock.Mock()
    hooks = runpy.run_path(str(GUNICORN_CONF))

    with mock.patch.object(warmup, "_warmers", [lambda: time.sleep(2.5)]):
        hooks["post_worker_init"](worker)

    assert worker.notify.call_count >= 1


def test_a_warmed_worker_keeps_what_it_holds_out_of_the_collectors_full_passes():
    worker = mock.Mock()
    hooks = runpy.run_path(str(GUNICORN_CONF))

    try:
        with mock.patch.object(warmup, "_warmers", []):
            hooks["post_worker_init"](worker)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
