"""/health/: what a load balancer or a monitor reads."""

import datetime as dt

import pytest
from django.db import OperationalError
from django.utils import timezone

from organizations.models import Organization
from search.index import queue_for_index
from search.models import PendingIndex

pytestmark = pytest.mark.django_db


def test_a_healthy_service_answers_ok_and_is_never_cached(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "search_queue_oldest_seconds": 0}
    assert "no-cache" in response["Cache-Control"]


def test_search_work_left_waiting_for_long_says_the_workers_are_not_running(client):
    from organizations.tests.factories import OrganizationFactory

    association = OrganizationFactory()
    queue_for_index(Organization, [association.pk])
    assert client.get("/health/").json()["status"] == "ok"  # queued just now

    PendingIndex.objects.update(queued_at=timezone.now() - dt.timedelta(minutes=15))
    report = client.get("/health/")

    assert report.status_code == 200  # the pages still work
    assert report.json()["status"] == "degraded"
    assert 15 * 60 <= report.json()["search_queue_oldest_seconds"] < 16 * 60


def test_a_database_that_does_not_answer_is_a_503(client, monkeypatch):
    from core import health

    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.background_queues, "search_queue", broken)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}


def test_a_probe_over_plain_http_is_answered_where_pages_redirect_to_https(settings):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # its middleware reads the setting

    assert client.get("/health/").status_code == 200
    assert client.get("/fi/").status_code == 301
