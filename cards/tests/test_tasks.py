"""The Celery task that Celery beat runs daily for the grant deadline reminders."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from accounts.tests.factories import UserFactory
from cards.tasks import send_grant_reminders_task

from .factories import CardFactory, GrantFactory, GrantPeriodFactory, SubscriptionFactory

# A grant's own page, on the municipality's site, is linked as it is.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.mail_links_elsewhere("https://kunta.example.fi/"),
]

TODAY = dt.date(2026, 3, 2)


@time_machine.travel(dt.datetime(2026, 3, 2, 7, tzinfo=dt.timezone(dt.timedelta(hours=2))))
def test_the_task_emails_the_deadlines_coming_up_once():
    card = CardFactory(municipality__slug="tervo", municipality__code="844")
    grant = GrantFactory(card=card, name_fi="Kyläavustus")
    GrantPeriodFactory(grant=grant, deadline=TODAY + dt.timedelta(days=5))
    GrantPeriodFactory(grant=grant, deadline=TODAY + dt.timedelta(days=40))  # not yet
    user = UserFactory(email="hakija@example.org")
    SubscriptionFactory(user=user, days_before=7)

    assert send_grant_reminders_task() == 1
    assert send_grant_reminders_task() == 0  # each deadline once

    (message,) = mail.outbox
    assert message.to == ["hakija@example.org"]
    assert "Kyläavustus" in message.body and "7.3.2026" in message.body
    assert "11.4.2026" not in message.body
