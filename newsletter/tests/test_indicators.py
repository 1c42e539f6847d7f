"""The newsletter's indicator source against a hand count."""

import datetime as dt

import pytest

from newsletter.models import Subscriber
from programme.indicators import indicator_source, reading_by_municipality
from programme.tests.factories import ProgrammeFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_subscribers_counts_confirmed_subscribers_only():
    SubscriberFactory.create_batch(3)
    SubscriberFactory(status=Subscriber.Status.PENDING)
    SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    SubscriberFactory(status=Subscriber.Status.BOUNCED)

    source = indicator_source("newsletter.subscribers")
    reading = reading_by_municipality(source.function(ProgrammeFactory(), dt.date(2026, 6, 1)))

    assert reading == {None: 3}
