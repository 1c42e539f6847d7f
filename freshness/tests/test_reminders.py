"""Owners are reminded by e-mail to check their listings, once per period."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from activities.tests.factories import ActivityFactory
from freshness.services import reminder_message, send_confirmation_reminders
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

from .factories import OrganizationEditorFactory

# Some tests give the reminders a base URL of their own, as `--base-url` does.
pytestmark = [pytest.mark.django_db, pytest.mark.mail_links_elsewhere("https://sakke.example.fi/")]

HELSINKI = dt.timezone(dt.timedelta(hours=2))
START = dt.datetime(2026, 1, 15, 9, 0, tzinfo=HELSINKI)
DAY = dt.timedelta(days=1)
PERIOD = dt.timedelta(days=182)  # SAKKE_CONFIRM_REMINDER_DAYS


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def editor(clock):
    return OrganizationEditorFactory(
        organization=OrganizationFactory(name_fi="Kuopion Eläkeläiset ry"),
        user__email="maija@example.org",
        user__name="Maija",
    )


def test_no_reminder_goes_out_before_the_period_is_over(clock, editor):
    clock.move_to(START + PERIOD - DAY)
    assert send_confirmation_reminders() == 0
    assert mail.outbox == []


def test_a_reminder_goes_out_once_the_period_is_over(clock, editor):
    clock.move_to(START + PERIOD + DAY)
    assert send_confirmation_reminders() == 1
    assert [m.to for m in mail.outbox] == [["maija@example.org"]]
    editor.organization.refresh_from_db()
    assert editor.organization.confirmation_reminder_sent_at == START + PERIOD + DAY


def test_the_reminder_is_not_sent_twice_in_one_period(clock, editor):
    clock.move_to(START + PERIOD + DAY)
    send_confirmation_reminders()
    clock.move_to(START + PERIOD + 30 * DAY)
    assert send_confirmation_reminders() == 0
    assert len(mail.outbox) == 1


def test_an_unanswered_reminder_is_repeated_after_another_period(clock, editor):
    clock.move_to(START + PERIOD + DAY)
    send_confirmation_reminders()
    clock.move_to(START + 2 * PERIOD + 2 * DAY)
    assert send_confirmation_reminders() == 1
    assert len(mail.outbox) == 2


def test_an_old_activity_alone_brings_its_organizer_a_reminder(clock, editor):
    ActivityFactory(organizer=editor.organization, name_fi="Senioritanssi")
    clock.move_to(START + PERIOD + DAY)
    Organization.objects.update(confirmed_at=START + PERIOD)  # the association itself is fresh
    assert send_confirmation_reminders() == 1
    assert "Senioritanssi" in mail.outbox[0].body


def test_every_editor_of_the_organization_gets_the_reminder(clock, editor):
    OrganizationEditorFactory(organization=editor.organization, user__email="pekka@example.org")
    clock.move_to(START + PERIOD + DAY)
    assert send_confirmation_reminders() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["maija@example.org", "pekka@example.org"]


def test_an_organization_without_editors_is_not_marked_as_reminded(clock):
    organization = OrganizationFactory()
    clock.move_to(START + PERIOD + DAY)
    assert send_confirmation_reminders() == 0
    organization.refresh_from_db()
    assert organization.confirmation_reminder_sent_at is None


def test_the_email_lists_what_to_check_and_has_a_one_click_link(clock, editor):
    ActivityFactory(organizer=editor.organization, name_fi="Senioritanssi")
    clock.move_to(START + PERIOD + DAY)
    send_confirmation_reminders(base_url="https://sakke.example.fi")
    message = mail.outbox[0]
    assert "Kuopion Eläkeläiset ry" in message.subject
    assert "Senioritanssi" in message.body
    assert re.search(r"https://sakke\.example\.fi/fi/[^/\s]+/[^/\s]+/\s", message.body)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Senioritanssi" in html
    assert 'href="https://sakke.example.fi/fi/' in html


def test_the_email_is_in_the_editors_language_when_the_account_has_one(clock, editor):
    editor.user.language = "en"  # an account field the accounts app may add
    clock.move_to(START + PERIOD + DAY)
    message = reminder_message(
        organization=editor.organization,
        activities=[],
        user=editor.user,
        base_url="https://sakke.example.fi",
        now=START + PERIOD + DAY,
    )
    assert "https://sakke.example.fi/en/" in message.body
    assert message.subject == "Is the information of Kuopion Eläkeläiset ry still right?"


def test_the_email_is_finnish_when_the_editors_language_is_unknown(clock, editor):
    clock.move_to(START + PERIOD + DAY)
    send_confirmation_reminders(base_url="https://sakke.example.fi")
    assert "https://sakke.example.fi/fi/" in mail.outbox[0].body


def test_the_management_command_sends_the_due_reminders(clock, editor):
    clock.move_to(START + PERIOD + DAY)
    call_command("send_confirmation_reminders", base_url="https://sakke.example.fi")
    assert len(mail.outbox) == 1


def test_the_plain_text_email_does_not_html_escape_names(clock):
    editor = OrganizationEditorFactory(organization__name_fi="Laulu & Soitto ry")
    clock.move_to(START + PERIOD + DAY)
    send_confirmation_reminders()
    assert "Laulu & Soitto ry" in mail.outbox[0].subject
    assert "Laulu & Soitto ry" in mail.outbox[0].body
    assert "Laulu &amp; Soitto ry" in mail.outbox[0].alternatives[0][0]
    assert editor.organization.name == "Laulu & Soitto ry"
