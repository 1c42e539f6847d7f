"""Survey questions as programme indicators: a round's close writes their values, and a
value that small-group suppression hides is never written."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.tests.factories import UserFactory
from programme.models import IndicatorValue
from programme.tests.factories import IndicatorFactory
from surveys import services
from surveys.indicators import question_indicator_declare
from surveys.tasks import publish_round_indicators_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(is_coordinator=True)


def reopen(round_):
    round_.closes_at = timezone.now() + dt.timedelta(days=3)
    round_.save()
    return round_


def question(round_, key):
    return round_.survey.questions.get(key=key)


def values(indicator):
    return list(IndicatorValue.objects.filter(indicator=indicator).values_list("date", "value"))


def test_closing_a_round_writes_the_share_and_the_mean_dated_the_close(closed_round, coordinator):
    round_ = reopen(closed_round)
    situation = question(round_, "situation")
    share, mean = IndicatorFactory(), IndicatorFactory()
    question_indicator_declare(
        user=coordinator,
        question=situation,
        choice=situation.choices.get(value="a"),
        indicator=share,
    )
    question_indicator_declare(
        user=coordinator, question=question(round_, "premises"), indicator=mean
    )
    assert values(share) == values(mean) == []  # the round is still open
    services.round_close(user=coordinator, round_=round_)
    today = timezone.localdate()
    assert values(share) == [(today, Decimal("42.90"))]  # 6 of 14 chose a
    assert values(mean) == [(today, Decimal("2.90"))]  # 40 / 14
    point = IndicatorValue.objects.get(indicator=share)
    assert round_.survey.name in point.source and round_.name in point.source
    assert point.municipality is None


def test_a_suppressed_share_is_not_published(closed_round, coordinator):
    round_ = reopen(closed_round)
    situation = question(round_, "situation")
    small = IndicatorFactory()
    question_indicator_declare(
        user=coordinator,
        question=situation,
        choice=situation.choices.get(value="c"),  # 3 answers, under the threshold of 5
        indicator=small,
    )
    services.round_close(user=coordinator, round_=round_)
    assert values(small) == []


def test_declaring_an_indicator_fills_in_the_rounds_closed_before(closed_round, coordinator):
    indicator = IndicatorFactory()
    question_indicator_declare(
        user=coordinator, question=question(closed_round, "premises"), indicator=indicator
    )
    assert values(indicator) == [(timezone.localdate(closed_round.closes_at), Decimal("2.90"))]


def test_a_round_closing_by_its_date_is_published_by_the_daily_task(closed_round, coordinator):
    round_ = reopen(closed_round)
    indicator = IndicatorFactory()
    question_indicator_declare(
        user=coordinator, question=question(round_, "premises"), indicator=indicator
    )
    assert publish_round_indicators_task() == 0
    with time_machine.travel(round_.closes_at + dt.timedelta(hours=1)):
        assert publish_round_indicators_task() == 1
        assert publish_round_indicators_task() == 1  # again, the same value
    assert len(values(indicator)) == 1


def test_only_what_can_be_an_indicator_is_declared(closed_round, coordinator):
    situation, premises = question(closed_round, "situation"), question(closed_round, "premises")
    with pytest.raises(ValidationError):  # a choice question needs its choice
        question_indicator_declare(
            user=coordinator, question=situation, indicator=IndicatorFactory()
        )
    with pytest.raises(ValidationError):  # another question's choice
        question_indicator_declare(
            user=coordinator,
            question=premises,
            choice=situation.choices.first(),
            indicator=IndicatorFactory(),
        )
    computed = IndicatorFactory(kind="computed", source_key="programme.commitments")
    with pytest.raises(ValidationError):
        question_indicator_declare(user=coordinator, question=premises, indicator=computed)
    with pytest.raises(PermissionDenied):
        question_indicator_declare(
            user=UserFactory(), question=premises, indicator=IndicatorFactory()
        )
    assert IndicatorValue.objects.count() == 0
