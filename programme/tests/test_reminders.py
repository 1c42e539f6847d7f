"""Reminders of tasks due, late tasks, silent measures and reports: once, and never to
someone who opted out. Each test freezes the clock."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import MunicipalityEditorFactory
from organizations.tests.factories import OrganizationFactory
from programme.models import (
    MeasureStatus,
    MeasureUpdate,
    PartyKind,
    ReminderOptOut,
    ReminderSent,
)
from programme.reminders import send_programme_reminders
from selfservice.tests.factories import UserFactory, coordinator, editor_of

from .factories import (
    CommitmentFactory,
    MeasureFactory,
    ProgressReportFactory,
    ResponsibilityFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture
def measure():
    # Runs 2026 Q2 to 2027 Q4; a fresh update keeps it from counting as silent.
    measure = MeasureFactory(
        start_year=2026, start_period=2, end_year=2027, status=MeasureStatus.IN_PROGRESS
    )
    MeasureUpdate.objects.create(
        measure=measure, date=dt.date(2026, 6, 1), status="in_progress", text="-", party="-"
    )
    return measure


@pytest.fixture
def editor(measure):
    association = OrganizationFactory()
    ResponsibilityFactory(
        measure=measure, kind=PartyKind.ASSOCIATION, organization=association, name=""
    )
    return editor_of(association, email="vastuu@example.org")


@time_machine.travel(NOW)
def test_a_task_due_soon_is_told_once_to_the_responsible_associations_editor(measure, editor):
    TaskFactory(measure=measure, name_fi="Kokoa kalenteri", due_date=dt.date(2026, 6, 20))
    TaskFactory(measure=measure, name_fi="Myöhemmin", due_date=dt.date(2026, 9, 1))
    assert send_programme_reminders() == 1
    assert mail.outbox[0].to == ["vastuu@example.org"]
    assert "Kokoa kalenteri" in mail.outbox[0].body
    assert "20.6.2026" in mail.outbox[0].body
    assert "Myöhemmin" not in mail.outbox[0].body
    assert send_programme_reminders() == 0
    assert len(mail.outbox) == 1


@time_machine.travel(NOW)
def test_a_task_that_becomes_late_is_a_new_occasion(measure, editor):
    task = TaskFactory(measure=measure, due_date=dt.date(2026, 6, 20))
    send_programme_reminders()
    with time_machine.travel(dt.datetime(2026, 6, 22, 9, tzinfo=dt.UTC)):
        assert send_programme_reminders() == 1
        assert send_programme_reminders() == 0
    assert "määräpäivä oli 20.6.2026, eikä se ole valmis" in mail.outbox[1].body
    assert set(ReminderSent.objects.values_list("occasion", flat=True)) == {
        f"task-due:{task.pk}",
        f"task-late:{task.pk}",
    }


@time_machine.travel(NOW)
def test_a_done_task_is_not_reminded_of(measure, editor):
    TaskFactory(measure=measure, due_date=dt.date(2026, 6, 10), done_on=dt.date(2026, 6, 9))
    assert send_programme_reminders() == 0


@time_machine.travel(NOW)
def test_nobody_who_opted_out_is_reminded(measure, editor):
    TaskFactory(measure=measure, due_date=dt.date(2026, 6, 16))
    ReminderOptOut.objects.create(user=editor)
    assert send_programme_reminders() == 0
    assert mail.outbox == []


@time_machine.travel(NOW)
def test_a_silent_measure_reminds_its_municipality_and_the_coordinator(settings):
    settings.SAKKE_PROGRAMME_STALE_DAYS = 90
    silent = MeasureFactory(start_year=2025, start_period=1, status=MeasureStatus.IN_PROGRESS)
    MeasureUpdate.objects.create(
        measure=silent, date=dt.date(2026, 3, 1), status="in_progress", text="-", party="-"
    )
    role = MunicipalityEditorFactory(user=UserFactory(email="kunta@example.org"))
    ResponsibilityFactory(
        measure=silent, kind=PartyKind.MUNICIPALITY, municipality=role.municipality, name=""
    )
    ResponsibilityFactory(measure=silent, kind=PartyKind.NETWORK, name="Verkosto")
    coordinator()
    UserFactory(is_coordinator=True, email="koordinaattori@example.org")
    assert send_programme_reminders() == 3
    recipients = {message.to[0] for message in mail.outbox}
    assert {"kunta@example.org", "koordinaattori@example.org"} <= recipients
    assert "ei päivityksiä 1.3.2026 jälkeen" in mail.outbox[0].body
    # A new update, and 90 days of silence after it, make a new occasion.
    MeasureUpdate.objects.create(
        measure=silent, date=dt.date(2026, 6, 10), status="in_progress", text="-", party="-"
    )
    assert send_programme_reminders() == 0
    with time_machine.travel(dt.datetime(2026, 9, 9, 9, tzinfo=dt.UTC)):
        assert send_programme_reminders() == 3


@time_machine.travel(NOW)
def test_a_measure_within_its_quiet_period_is_not_silent(measure, editor):
    assert send_programme_reminders() == 0


@time_machine.travel(NOW)
def test_an_association_is_reminded_to_report_on_a_measure_it_adopted(settings, measure):
    settings.SAKKE_PROGRAMME_REPORT_DAYS = 180
    association = OrganizationFactory()
    editor_of(association, email="yhdistys@example.org")
    with time_machine.travel(dt.datetime(2025, 10, 1, 9, tzinfo=dt.UTC)):
        commitment = CommitmentFactory(measure=measure, organization=association)
    assert send_programme_reminders() == 1
    assert mail.outbox[0].to == ["yhdistys@example.org"]
    assert "ei ole raportoinut edistymisestään 1.10.2025 jälkeen" in mail.outbox[0].body
    ProgressReportFactory(commitment=commitment, date=dt.date(2026, 6, 1))
    assert send_programme_reminders() == 0


def test_the_reminder_setting_page_turns_reminders_off_and_on(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("programme:reminders")
    assert client.get(url).status_code == 200
    client.post(url, {})
    assert ReminderOptOut.objects.filter(user=user).exists()
    client.post(url, {"reminders": "on"})
    assert not ReminderOptOut.objects.filter(user=user).exists()


def test_the_reminder_setting_page_asks_to_sign_in(client):
    response = client.get(reverse("programme:reminders"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_retention_forgets_old_records_of_occasions_that_are_over_and_keeps_open_ones(
    measure, editor, settings
):
    from programme.reminders import forget_past_reminders

    settings.SAKKE_PROGRAMME_REMINDER_RECORD_DAYS = 30
    late = TaskFactory(measure=measure, due_date=dt.date(2026, 4, 1))  # still late
    done = TaskFactory(measure=measure, due_date=dt.date(2026, 4, 1), done_on=dt.date(2026, 5, 1))
    with time_machine.travel(dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)):
        old_open = ReminderSent.objects.create(user=editor, occasion=f"task-late:{late.pk}")
        ReminderSent.objects.create(user=editor, occasion=f"task-late:{done.pk}")
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)):
        recent_over = ReminderSent.objects.create(user=editor, occasion=f"task-due:{done.pk}")

    with time_machine.travel(NOW):
        assert forget_past_reminders() == 1
        assert set(ReminderSent.objects.all()) == {old_open, recent_over}
        assert forget_past_reminders() == 0  # a second run changes nothing
        # The kept record still keeps the late task from being told again.
        assert send_programme_reminders() == 0
