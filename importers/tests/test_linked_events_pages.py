"""The Linked Events source pages: only an association's editors manage its sources."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import OrganizationEditor
from accounts.tests.factories import UserFactory
from events.tests.factories import EventFactory
from importers.fetching import FetchResult
from importers.models import LinkedEventsEvent, LinkedEventsSource
from organizations.tests.factories import OrganizationFactory

from .linked_events_factories import LinkedEventsSourceFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "editor_a", "editor_b", "coordinator"]
NEW = {"name": "Kaupungin kalenteri", "api_root": "https://api.hel.fi/linkedevents/v1/"}


def url(name, **kwargs):
    with translation.override("fi"):
        return reverse(f"importers:{name}", kwargs=kwargs)


@pytest.fixture
def world(monkeypatch):
    # "Check now" would fetch: here it answers an empty list, and no test touches the network.
    empty = FetchResult(status=200, body=b'{"meta": {"count": 0, "next": null}, "data": []}')
    monkeypatch.setattr("importers.linked_events_services.fetch", lambda url, **kw: empty)
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
    source = LinkedEventsSourceFactory(organization=a)
    event = EventFactory(organizers=[a])
    link = LinkedEventsEvent.objects.create(source=source, upstream_id="helsinki:1", event=event)
    return a, source, link, users


def snapshot():
    return (
        list(LinkedEventsSource.objects.values_list("pk", "name", "division", "last_run_at")),
        list(LinkedEventsEvent.objects.values_list("pk", "detached")),
    )


ROWS = {
    "list": ("GET", lambda a, s, link: url("le_list", org=a.public_id), {}),
    "add": ("POST", lambda a, s, link: url("le_list", org=a.public_id), {**NEW, "division": "x"}),
    "detail": ("GET", lambda a, s, link: url("le_detail", org=a.public_id, pk=s.pk), {}),
    "edit": (
        "POST",
        lambda a, s, link: url("le_detail", org=a.public_id, pk=s.pk),
        {**NEW, "division": "malmi"},
    ),
    "check": ("POST", lambda a, s, link: url("le_poll", org=a.public_id, pk=s.pk), {}),
    "detach": (
        "POST",
        lambda a, s, link: url("le_detach", org=a.public_id, pk=s.pk, link=link.pk),
        {},
    ),
    "remove": ("POST", lambda a, s, link: url("le_remove", org=a.public_id, pk=s.pk), {}),
}
ALLOWED = {"GET": 200, "POST": 302}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", list(ROWS))
def test_only_the_associations_editors_manage_its_linked_events_sources(client, world, row, role):
    organization, source, link, users = world
    method, build, data = ROWS[row]
    if users[role] is not None:
        client.force_login(users[role])
    before = snapshot()

    response = getattr(client, method.lower())(build(organization, source, link), data)

    if role in ("editor_a", "coordinator"):
        expected = ALLOWED[method]
    else:
        expected = 302 if role == "anonymous" else 404
    assert response.status_code == expected
    if role == "anonymous":
        assert "/kirjaudu/" in response["Location"] or "login" in response["Location"]
    wrote = snapshot() != before
    assert wrote == (method == "POST" and role in ("editor_a", "coordinator"))


def test_an_editor_connects_a_source_by_pasting_the_event_lists_address(client, world):
    organization, _source, _link, users = world
    client.force_login(users["editor_a"])

    response = client.post(
        url("le_list", org=organization.public_id),
        {
            "name": "Turun tapahtumat",
            "api_root": "https://api.turku.fi/linkedevents/v1/event/?publisher=x",
            "publisher": "turku:853",
        },
        follow=True,
    )

    source = LinkedEventsSource.objects.get(name="Turun tapahtumat")
    assert source.api_root == "https://api.turku.fi/linkedevents/v1/"
    assert (source.publisher, source.created_by) == ("turku:853", users["editor_a"])
    assert "Turun tapahtumat" in response.content.decode()


def test_a_source_without_any_filter_is_refused_with_a_reason(client, world):
    organization, _source, _link, users = world
    client.force_login(users["editor_a"])

    response = client.post(url("le_list", org=organization.public_id), NEW)

    assert response.status_code == 200
    assert not LinkedEventsSource.objects.filter(name=NEW["name"]).exists()
    content = response.content.decode()
    assert "sfield__error" in content and 'id="id_publisher_error"' in content


def test_an_address_that_is_not_http_is_refused(client, world):
    organization, _source, _link, users = world
    client.force_login(users["editor_a"])

    response = client.post(
        url("le_list", org=organization.public_id),
        {**NEW, "api_root": "ftp://example.org/v1/", "division": "kallio"},
    )

    assert response.status_code == 200
    assert 'id="id_api_root_error"' in response.content.decode()
    assert not LinkedEventsSource.objects.filter(name=NEW["name"]).exists()


def test_new_filters_start_again_with_a_full_sync(client, world):
    organization, source, _link, users = world
    source.last_modified_since = dt.datetime(2027, 3, 1, tzinfo=dt.UTC)
    source.save()
    client.force_login(users["editor_a"])

    client.post(
        url("le_detail", org=organization.public_id, pk=source.pk),
        {"name": source.name, "api_root": source.api_root, "division": "malmi"},
    )

    source.refresh_from_db()
    assert source.division == "malmi"
    assert source.last_modified_since is None


def test_renaming_keeps_the_cursor(client, world):
    organization, source, _link, users = world
    source.last_modified_since = dt.datetime(2027, 3, 1, tzinfo=dt.UTC)
    source.save()
    client.force_login(users["editor_a"])

    client.post(
        url("le_detail", org=organization.public_id, pk=source.pk),
        {"name": "Uusi nimi", "api_root": source.api_root, "division": source.division},
    )

    source.refresh_from_db()
    assert source.name == "Uusi nimi"
    assert source.last_modified_since == dt.datetime(2027, 3, 1, tzinfo=dt.UTC)


def test_removing_a_source_keeps_its_events(client, world):
    organization, source, link, users = world
    client.force_login(users["editor_a"])

    client.post(url("le_remove", org=organization.public_id, pk=source.pk))

    assert not LinkedEventsSource.objects.exists()
    link.event.refresh_from_db()


def test_the_calendar_feeds_page_links_to_the_linked_events_sources(client, world):
    organization, _source, _link, users = world
    client.force_login(users["editor_a"])

    response = client.get(url("list", org=organization.public_id))

    assert url("le_list", org=organization.public_id) in response.content.decode()
