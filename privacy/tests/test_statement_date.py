"""The coordinator updates the accessibility statement's date on the statement's page."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from accounts.tests.factories import UserFactory
from privacy.models import AccessibilityStatementCheck

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2027, 3, 15, 10, 0, tzinfo=dt.UTC)


@override_settings(SAKKE_ACCESSIBILITY_STATEMENT_DATE=dt.date(2026, 12, 7))
def test_the_configured_date_shows_until_the_coordinator_records_a_check(client):
    page = client.get(reverse("privacy:accessibility")).content.decode()
    assert "7.12.2026" in page
    assert reverse("privacy:statement_check") not in page  # no form for the public


@time_machine.travel(TODAY)
def test_the_coordinator_records_a_check_and_the_statement_shows_its_date(client):
    client.force_login(UserFactory(is_coordinator=True))
    page = client.get(reverse("privacy:accessibility")).content.decode()
    assert reverse("privacy:statement_check") in page
    response = client.post(reverse("privacy:statement_check"), {"checked_on": "2027-03-14"})
    assert response.status_code == 302
    client.logout()
    assert "14.3.2027" in client.get(reverse("privacy:accessibility")).content.decode()


@time_machine.travel(TODAY)
def test_a_future_date_is_refused_with_a_message_tied_to_the_field(client):
    client.force_login(UserFactory(is_coordinator=True))
    response = client.post(reverse("privacy:statement_check"), {"checked_on": "2027-04-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-describedby="id_checked_on-error"' in page
    assert AccessibilityStatementCheck.objects.count() == 0


def test_only_the_coordinator_updates_the_date(client):
    client.force_login(UserFactory())
    response = client.post(reverse("privacy:statement_check"), {"checked_on": "2026-12-01"})
    assert response.status_code in (302, 403)
    assert AccessibilityStatementCheck.objects.count() == 0
