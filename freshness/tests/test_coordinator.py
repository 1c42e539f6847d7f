"""The coordinator's page of stale and soon-stale listings, and its "send reminder now"."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

from .factories import OrganizationEditorFactory, UserFactory

pytestmark = pytest.mark.django_db

HELSINKI = dt.timezone(dt.timedelta(hours=2))
NOW = dt.datetime(2026, 9, 1, 9, 0, tzinfo=HELSINKI)
REMINDED = dt.datetime(2026, 3, 3, 9, 0, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def listings():
    def make(name, days_ago):
        organization = OrganizationFactory(name_fi=name)
        ActivityFactory(organizer=organization, name_fi=f"{name}: kerho")
        Organization.objects.filter(pk=organization.pk).update(
            confirmed_at=NOW - dt.timedelta(days=days_ago), confirmation_reminder_sent_at=REMINDED
        )
        Activity.objects.filter(organizer=organization).update(
            confirmed_at=NOW - dt.timedelta(days=days_ago)
        )
        return organization

    stale = make("Vanhentunut ry", 600)
    OrganizationEditorFactory(organization=stale, user__email="maija@example.org")
    return {
        "stale": stale,
        "soon": make("Pian vanheneva ry", 500),
        "fresh": make("Tuore ry", 100),
    }


@pytest.fixture
def coordinator(client):
    user = UserFactory(is_coordinator=True)
    client.force_login(user)
    return user


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def test_the_coordinator_sees_stale_and_soon_stale_listings_with_the_last_reminder(
    client, coordinator, listings
):
    response = client.get(url("freshness:stale"))
    assert response.status_code == 200
    text = response.text
    assert "Vanhentunut ry" in text and "Vanhentunut ry: kerho" in text
    assert "Pian vanheneva ry" in text
    assert "Tuore ry" not in text
    assert "Left out of the results" in text
    assert "Goes stale on" in text
    assert f"{REMINDED:%-d.%-m.%Y}" in text


def test_the_page_lists_organizations_in_a_fixed_number_of_queries(
    client, coordinator, listings, django_assert_max_num_queries
):
    for n in range(5):
        OrganizationFactory(name_fi=f"Lisää {n}")
    Organization.objects.update(confirmed_at=NOW - dt.timedelta(days=600))
    with django_assert_max_num_queries(12):
        client.get(url("freshness:stale"))


def test_anonymous_visitors_are_sent_to_sign_in(client, listings):
    response = client.get(url("freshness:stale"))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_an_editor_who_is_not_the_coordinator_is_refused(client, listings):
    editor = listings["stale"].editor_roles.get().user
    client.force_login(editor)
    assert client.get(url("freshness:stale")).status_code == 403
    response = client.post(url("freshness:remind", pk=listings["stale"].pk))
    assert response.status_code == 403
    assert mail.outbox == []


def test_send_reminder_now_emails_the_editors_and_records_the_time(
    client, coordinator, listings, settings
):
    settings.SAKKE_BASE_URL = "https://jarjestot.example.fi"
    response = client.post(url("freshness:remind", pk=listings["stale"].pk))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["maija@example.org"]]
    # Links to the service's address, not to the host the coordinator's request came by.
    assert "https://jarjestot.example.fi/fi/" in mail.outbox[0].body
    listings["stale"].refresh_from_db()
    assert listings["stale"].confirmation_reminder_sent_at == NOW
    follow = client.get(response["Location"])
    assert "Sent a reminder to 1 editor of Vanhentunut ry." in follow.text


def test_send_reminder_now_says_so_when_nobody_can_be_reminded(client, coordinator, listings):
    response = client.post(url("freshness:remind", pk=listings["soon"].pk), follow=True)
    assert "has no editor with an e-mail address" in response.text
    assert mail.outbox == []


def test_send_reminder_now_does_not_act_on_a_get(client, coordinator, listings):
    assert client.get(url("freshness:remind", pk=listings["stale"].pk)).status_code == 405
    assert mail.outbox == []
