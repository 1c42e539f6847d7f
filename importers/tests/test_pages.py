"""The calendar feed pages: only an association's editors manage its sources."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import OrganizationEditor
from accounts.tests.factories import UserFactory
from importers.models import CalendarSource, ImportedEvent
from organizations.tests.factories import OrganizationFactory

from .factories import CalendarSourceFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "editor_a", "editor_b", "coordinator"]


def url(name, **kwargs):
    with translation.override("fi"):
        return reverse(f"importers:{name}", kwargs=kwargs)


@pytest.fixture
def world():
    a, b = OrganizationFactory(), OrganizationFactory()
    users = {
        "anonymous": None,
        "no_role": UserFactory(),
        "editor_a": UserFactory(),
        "editor_b": UserFactory(),
        "coordinator": UserFactory(is_coordinator=True),
    }
    OrganizationEditor.objects.create(user=users["editor_a"], organization=a)
    OrganizationEditor.objects.create(user=users["editor_b"], organization=b)
    source = CalendarSourceFactory(organization=a)
    return a, source, users


def snapshot():
    return (
        list(CalendarSource.objects.values_list("pk", "name", "url")),
        list(ImportedEvent.objects.values_list("pk", "detached")),
    )


ROWS = {
    "list": ("GET", lambda a, s: url("list", org=a.public_id), {}),
    "add": (
        "POST",
        lambda a, s: url("list", org=a.public_id),
        {"name": "Kotisivu", "url": "https://example.org/cal.ics"},
    ),
    "detail": ("GET", lambda a, s: url("detail", org=a.public_id, pk=s.pk), {}),
    "remove": ("POST", lambda a, s: url("remove", org=a.public_id, pk=s.pk), {}),
}
# Allowed: A's editors and the coordinator. Anyone else signed in: 404; anonymous: sign in.
EXPECTED = {
    "list": {"editor_a": 200, "coordinator": 200},
    "add": {"editor_a": 302, "coordinator": 302},
    "detail": {"editor_a": 200, "coordinator": 200},
    "remove": {"editor_a": 302, "coordinator": 302},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", list(ROWS))
def test_only_the_associations_editors_manage_its_calendar_feeds(client, world, row, role):
    organization, source, users = world
    method, build, data = ROWS[row]
    if users[role] is not None:
        client.force_login(users[role])
    before = snapshot()

    response = getattr(client, method.lower())(build(organization, source), data)

    expected = EXPECTED[row].get(role, 302 if role == "anonymous" else 404)
    assert response.status_code == expected
    if role == "anonymous":
        assert "/kirjaudu/" in response["Location"] or "login" in response["Location"]
    wrote = snapshot() != before
    assert wrote == (method == "POST" and expected == 302 and role != "anonymous")


def test_an_editor_connects_a_calendar_and_sees_its_page(client, world):
    organization, _source, users = world
    client.force_login(users["editor_a"])

    response = client.post(
        url("list", org=organization.public_id),
        {"name": "Google-kalenteri", "url": "webcal://calendar.example.org/basic.ics"},
        follow=True,
    )

    source = CalendarSource.objects.get(name="Google-kalenteri")
    assert source.url == "https://calendar.example.org/basic.ics"
    assert source.created_by == users["editor_a"]
    assert "Google-kalenteri" in response.content.decode()


def test_an_address_that_is_not_http_is_refused_with_a_reason(client, world):
    organization, _source, users = world
    client.force_login(users["editor_a"])

    response = client.post(
        url("list", org=organization.public_id), {"name": "X", "url": "ftp://example.org/x"}
    )

    assert response.status_code == 200
    assert not CalendarSource.objects.filter(name="X").exists()
    assert "sfield__error" in response.content.decode()
