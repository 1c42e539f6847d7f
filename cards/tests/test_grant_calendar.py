import datetime as dt

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.tests.factories import UserFactory
from cards.models import GrantReminderSubscription
from cards.services import send_grant_reminders

from .factories import CardFactory, GrantFactory, GrantPeriodFactory, SubscriptionFactory

# A grant's own page, on the municipality's site, is linked as it is.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.mail_links_elsewhere("https://kunta.example.fi/"),
]

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def deadlines():
    kuopio = CardFactory(municipality__slug="kuopio", municipality__code="297")
    tervo = CardFactory(municipality__slug="tervo", municipality__code="844")
    culture = GrantFactory(card=kuopio, name_fi="Kulttuuriavustus")
    GrantPeriodFactory(grant=culture, deadline=TODAY + dt.timedelta(days=20))
    GrantPeriodFactory(
        grant=culture, deadline=TODAY + dt.timedelta(days=5), deadline_time=dt.time(16)
    )
    GrantPeriodFactory(grant=culture, deadline=TODAY - dt.timedelta(days=1))  # past
    village = GrantFactory(card=tervo, name_fi="Kyläavustus")
    GrantPeriodFactory(grant=village, deadline=TODAY + dt.timedelta(days=10))
    return kuopio, tervo


@time_machine.travel(dt.datetime(2026, 3, 2, 9), tick=False)
def test_the_calendar_lists_upcoming_deadlines_soonest_first(client, deadlines):
    response = client.get(reverse("cards:grant_calendar"))

    periods = list(response.context["periods"])
    assert [p.deadline for p in periods] == [
        TODAY + dt.timedelta(days=5),
        TODAY + dt.timedelta(days=10),
        TODAY + dt.timedelta(days=20),
    ]


@time_machine.travel(dt.datetime(2026, 3, 2, 9), tick=False)
def test_the_calendar_filters_by_municipality(client, deadlines):
    response = client.get(reverse("cards:grant_calendar"), {"municipality": "844"})

    assert [p.grant.name for p in response.context["periods"]] == ["Kyläavustus"]


@time_machine.travel(dt.datetime(2026, 3, 2, 9), tick=False)
def test_the_ical_feed_has_each_deadline_as_an_event(client, deadlines):
    response = client.get(reverse("cards:grant_calendar_ics"))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    starts = sorted(str(e.decoded("dtstart")) for e in events)
    assert starts[0] == "2026-03-07 16:00:00+02:00"  # timed, in Helsinki time
    all_day = [e for e in events if type(e.decoded("dtstart")) is dt.date]
    assert {e.decoded("dtstart") for e in all_day} == {dt.date(2026, 3, 12), dt.date(2026, 3, 22)}
    assert any("Kyläavustus" in str(e["summary"]) for e in events)
    assert len({str(e["uid"]) for e in events}) == 3


def test_the_ical_feed_filters_by_municipality(client, deadlines):
    response = client.get(reverse("cards:grant_calendar_ics"), {"municipality": "297"})

    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert all("Kulttuuriavustus" in str(e["summary"]) for e in events)


def test_a_subscriber_is_reminded_once_of_each_deadline_within_their_days(deadlines):
    user = UserFactory()
    SubscriptionFactory(user=user, days_before=12)

    assert send_grant_reminders(today=TODAY) == 1
    assert send_grant_reminders(today=TODAY) == 0

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Kyläavustus" in body and "Kulttuuriavustus" in body
    assert "22.3.2026" not in body  # 20 days away: not yet
    assert send_grant_reminders(today=TODAY + dt.timedelta(days=9)) == 1
    assert "22.3.2026" in mail.outbox[1].body


def test_a_subscriber_of_some_municipalities_hears_only_of_theirs(deadlines):
    _kuopio, tervo = deadlines
    subscription = SubscriptionFactory(user=UserFactory(), days_before=30)
    subscription.municipalities.set([tervo.municipality])

    send_grant_reminders(today=TODAY)

    assert "Kyläavustus" in mail.outbox[0].body
    assert "Kulttuuriavustus" not in mail.outbox[0].body


@time_machine.travel(dt.datetime(2026, 3, 2, 9), tick=False)
def test_the_command_sends_the_reminders(deadlines):
    SubscriptionFactory(user=UserFactory(), days_before=7)

    call_command("send_grant_reminders", verbosity=0)

    assert len(mail.outbox) == 1


def test_a_signed_in_person_subscribes_and_unsubscribes(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("cards:grant_reminders")

    client.post(url, {"days_before": "10"})
    assert GrantReminderSubscription.objects.get(user=user).days_before == 10
    client.post(url, {"unsubscribe": "1"})
    assert not GrantReminderSubscription.objects.filter(user=user).exists()
