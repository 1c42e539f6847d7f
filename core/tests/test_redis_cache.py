"""With Redis stopped, the shared cache misses instead of failing: pages, sign-in and the
public forms go on (issue 20's Redis drill, bench/drills.py)."""

import json
import os
import socket
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory
from accounts.tests.links import url
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A port on this machine where nothing listens (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_stopped():
    caches = {
        "default": {
            "BACKEND": "core.redis_cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/1",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=caches, PAGE_CACHE_SECONDS=30):
        yield


@pytest.mark.usefixtures("redis_stopped")
def test_the_cache_without_redis_misses_and_forgets_without_an_error():
    cache.set("avain", "arvo", 30)

    assert cache.get("avain") is None
    assert cache.get("avain", "oletus") == "oletus"
    assert cache.get_many(["avain"]) == {}
    assert cache.get_or_set("laskuri", 7, 30) == 7
    assert cache.add("uusi", 1, 30) is True
    assert cache.incr("uusi") == 1
    assert cache.delete("avain") is False


@pytest.mark.usefixtures("redis_stopped")
def test_an_anonymous_reader_gets_the_page_without_redis(client):
    OrganizationFactory(name_fi="Kuopion Kävelijät ry")

    first = client.get(reverse("organizations:list"))
    second = client.get(reverse("organizations:list"))

    assert first.status_code == second.status_code == 200
    assert "Kuopion Kävelijät ry" in second.text
    assert second["X-Page-Cache"] == "miss"  # rendered again: nothing was kept


@pytest.mark.usefixtures("redis_stopped")
def test_signing_in_works_without_redis(client):
    user = UserFactory(email="maija@example.org")

    client.get(url("accounts:login"))
    response = client.post(
        url("accounts:login"), {"username": "maija@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(url("accounts:account")).status_code == 200


def test_a_redis_cache_url_configures_the_cache_that_carries_on():
    # Settings are read once per process: read them in a fresh one with CACHE_URL set.
    program = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.CACHES['default']))"
    )
    env = dict(os.environ, CACHE_URL="redis://127.0.0.1:6390/1", SECRET_KEY="x")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True
    )
    configured = json.loads(done.stdout.strip().splitlines()[-1])

    assert configured["BACKEND"] == "core.redis_cache.FailSoftRedisCache"
    assert configured["OPTIONS"]["socket_connect_timeout"] == 1
