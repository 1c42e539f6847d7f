"""The Celery task that Celery beat runs daily for the confirmation reminders."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from freshness.tasks import send_confirmation_reminders_task
from organizations.tests.factories import OrganizationFactory

from .factories import OrganizationEditorFactory

pytestmark = pytest.mark.django_db

HELSINKI = dt.timezone(dt.timedelta(hours=2))
START = dt.datetime(2026, 1, 15, 9, 0, tzinfo=HELSINKI)
PERIOD = dt.timedelta(days=182)  # SAKKE_CONFIRM_REMINDER_DAYS


def test_the_task_reminds_the_editors_of_an_unchecked_association_once():
    with time_machine.travel(START, tick=False) as clock:
        OrganizationEditorFactory(
            organization=OrganizationFactory(name_fi="Kuopion Eläkeläiset ry"),
            user__email="maija@example.org",
        )
        assert send_confirmation_reminders_task() == 0  # just checked
        clock.move_to(START + PERIOD + dt.timedelta(days=1))
        assert send_confirmation_reminders_task() == 1
        assert send_confirmation_reminders_task() == 0  # once per period

    assert [m.to for m in mail.outbox] == [["maija@example.org"]]
    assert "Kuopion Eläkeläiset ry" in mail.outbox[0].body
