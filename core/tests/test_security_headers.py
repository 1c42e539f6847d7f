import pytest
from django.test import override_settings

from accounts.tests.factories import UserFactory
from accounts.tests.links import url

pytestmark = pytest.mark.django_db


def policy_of(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize(
    "name", ["core:home", "organizations:list", "events:list", "accounts:login", "accounts:sign_up"]
)
def test_public_pages_forbid_inline_scripts_and_foreign_sources(client, name):
    policy = policy_of(client.get(url(name)))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_map_tile_host_may_serve_images(client):
    policy = policy_of(client.get(url("events:map")))
    assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]


@override_settings(SAKKE_MAP_TILE_URL="https://{s}.tiles.example.fi/{z}/{x}/{y}.png")
def test_a_map_tile_host_with_subdomains_is_allowed_by_wildcard(client):
    policy = policy_of(client.get(url("events:map")))
    assert "https://*.tiles.example.fi" in policy["img-src"]


def test_only_the_admin_and_the_api_docs_get_inline_styles(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    admin = policy_of(client.get("/fi/admin/"))
    docs = policy_of(client.get("/api/v1/docs/"))
    assert "'unsafe-inline'" in admin["style-src"]
    assert "'unsafe-inline'" not in admin["script-src"]
    assert "'unsafe-inline'" in docs["style-src"]
    assert "'unsafe-inline'" not in policy_of(client.get(url("core:home")))["style-src"]


def test_pages_send_the_other_security_headers(client):
    response = client.get(url("core:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    # Only our own pages may ask for the position ("near me" on the event list).
    assert "geolocation=(self)" in response["Permissions-Policy"]


@override_settings(SECURE_HSTS_SECONDS=31536000)
def test_https_responses_carry_hsts_when_configured(client):
    response = client.get(url("core:home"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_session_cookie_is_http_only_and_same_site_lax(client):
    user = UserFactory(email="maija@example.org")
    from accounts.tests.factories import PASSWORD

    response = client.post(url("accounts:login"), {"username": user.email, "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_forms_refuse_a_post_without_the_csrf_token():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(url("accounts:login"), {"username": "a@example.org", "password": "x"})
    assert response.status_code == 403
