"""The associations' voice feeds the programme's computed indicators."""

import datetime as dt

import pytest

from cooperation.models import Effect, StatementStatus
from programme.indicators import indicator_source
from programme.models import IndicatorKind, IndicatorValue
from programme.snapshots import indicator_snapshots_take
from programme.tests.factories import IndicatorFactory

from .factories import StatementFactory

pytestmark = pytest.mark.django_db


def test_the_statement_counts_are_sources_of_computed_indicators():
    for key in (
        "cooperation.statements",
        "cooperation.signatories",
        "cooperation.statements_with_effect",
    ):
        assert indicator_source(key) is not None, key


def test_the_monthly_snapshot_stores_sent_statements_and_those_with_an_effect():
    StatementFactory(status=StatementStatus.SENT, effect=Effect.TAKEN)
    StatementFactory(status=StatementStatus.SENT, effect=Effect.NOT_TAKEN)
    StatementFactory(status=StatementStatus.DRAFT)
    sent = IndicatorFactory(kind=IndicatorKind.COMPUTED, source_key="cooperation.statements")
    effect = IndicatorFactory(
        kind=IndicatorKind.COMPUTED, source_key="cooperation.statements_with_effect"
    )

    indicator_snapshots_take(today=dt.date(2027, 3, 15))

    def stored(indicator):
        return IndicatorValue.objects.get(indicator=indicator, municipality=None).value

    assert stored(sent) == 2  # the draft is not counted
    assert stored(effect) == 1
