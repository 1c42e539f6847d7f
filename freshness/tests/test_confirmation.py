"""The one-click link of the reminder: GET asks, POST confirms, bad links change nothing."""

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import translation

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from freshness.tokens import SALT, make_confirmation_token
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

HELSINKI = dt.timezone(dt.timedelta(hours=2))
CONFIRMED = dt.datetime(2025, 6, 1, 9, 0, tzinfo=HELSINKI)
REMINDED = dt.datetime(2026, 1, 10, 9, 0, tzinfo=HELSINKI)
NOW = dt.datetime(2026, 1, 20, 12, 0, tzinfo=HELSINKI)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def reminded(clock):
    """An association and its activity, last checked long ago and reminded ten days ago."""
    organization = OrganizationFactory(name_fi="Kuopion Eläkeläiset ry")
    ActivityFactory(organizer=organization, name_fi="Senioritanssi")
    Organization.objects.update(confirmed_at=CONFIRMED, confirmation_reminder_sent_at=REMINDED)
    Activity.objects.update(confirmed_at=CONFIRMED, confirmation_reminder_sent_at=REMINDED)
    return organization


def confirm_url(token, language="en"):
    with translation.override(language):
        return reverse("freshness:confirm", kwargs={"token": token})


def unchanged(organization):
    organization.refresh_from_db()
    activity = organization.activities.get()
    return (
        organization.confirmed_at == CONFIRMED
        and organization.confirmation_reminder_sent_at == REMINDED
        and activity.confirmed_at == CONFIRMED
        and activity.confirmation_reminder_sent_at == REMINDED
    )


def test_opening_the_link_shows_what_to_check_and_a_button_but_confirms_nothing(client, reminded):
    response = client.get(confirm_url(make_confirmation_token(reminded)))
    assert response.status_code == 200
    assert "Kuopion Eläkeläiset ry" in response.text
    assert "Senioritanssi" in response.text
    assert 'method="post"' in response.text
    assert unchanged(reminded)


def test_pressing_the_button_confirms_the_organization_and_its_activities(client, reminded):
    response = client.post(confirm_url(make_confirmation_token(reminded)))
    assert response.status_code == 200
    assert "Thank you for checking" in response.text
    reminded.refresh_from_db()
    assert reminded.confirmed_at == NOW
    assert reminded.confirmation_reminder_sent_at is None
    activity = reminded.activities.get()
    assert activity.confirmed_at == NOW
    assert activity.confirmation_reminder_sent_at is None


def test_confirming_does_not_change_the_last_updated_date(client, reminded):
    updated_at = Organization.objects.get().updated_at
    client.post(confirm_url(make_confirmation_token(reminded)))
    assert Organization.objects.get().updated_at == updated_at


def test_a_forged_link_says_so_and_changes_nothing(client, reminded):
    token = make_confirmation_token(reminded)
    forged = signing.dumps({"organization": reminded.pk}, key="not-our-secret", salt=SALT)
    for bad in [forged, token[:-2] + "xx", "garbage"]:
        response = client.post(confirm_url(bad))
        assert response.status_code == 400
        assert "This confirmation link is not valid." in response.text
    assert unchanged(reminded)


def test_a_token_signed_for_another_purpose_is_not_accepted(client, reminded):
    other = signing.dumps({"organization": reminded.pk}, salt="something-else")
    response = client.post(confirm_url(other))
    assert response.status_code == 400
    assert unchanged(reminded)


def test_an_expired_link_says_so_and_changes_nothing(client, clock, reminded):
    token = make_confirmation_token(reminded)
    clock.move_to(NOW + dt.timedelta(days=61))
    response = client.post(confirm_url(token))
    assert response.status_code == 400
    assert "This confirmation link has expired." in response.text
    assert unchanged(reminded)


def test_the_link_still_works_before_it_expires(client, clock, reminded):
    token = make_confirmation_token(reminded)
    clock.move_to(NOW + dt.timedelta(days=59))
    assert client.post(confirm_url(token)).status_code == 200
    reminded.refresh_from_db()
    assert reminded.confirmed_at == NOW + dt.timedelta(days=59)


def test_the_bad_link_message_goes_through_gettext(client, reminded, monkeypatch):
    monkeypatch.setattr("freshness.views._", lambda text: f"«{text}»")
    response = client.get(confirm_url("garbage", "fi"))
    assert response.status_code == 400
    assert '<html lang="fi">' in response.text
    assert "«This confirmation link is not valid." in response.text


def test_a_link_of_a_deleted_organization_is_not_valid(client, reminded):
    token = make_confirmation_token(reminded)
    reminded.delete()
    response = client.post(confirm_url(token))
    assert response.status_code == 400
