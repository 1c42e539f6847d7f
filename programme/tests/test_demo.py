"""The demo's programme: loaded by load_demo, plausible, and the same when loaded twice."""

import pytest
from django.core.management import call_command

from programme.models import (
    Commitment,
    Measure,
    MeasureUpdate,
    Programme,
    ProgressReport,
    Responsibility,
    Task,
    Theme,
)

pytestmark = pytest.mark.django_db

MODELS = (
    Programme,
    Theme,
    Measure,
    Responsibility,
    Task,
    MeasureUpdate,
    Commitment,
    ProgressReport,
)


def _counts():
    return [model.objects.count() for model in MODELS]


def test_load_demo_twice_leaves_the_same_programme():
    call_command("load_demo", verbosity=0)
    first = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == first


def test_the_demo_programme_has_themes_measures_and_commitments_of_demo_associations():
    call_command("load_demo", verbosity=0)
    current = Programme.objects.get(slug="jarjestojen-pohjois-savo-2030")
    assert current.themes.count() == 5
    assert Measure.objects.filter(goal__theme__programme=current).count() >= 25
    assert Commitment.objects.filter(organization__public_id__startswith="demo:").count() >= 10
    assert MeasureUpdate.objects.exists()
    assert ProgressReport.objects.exists()
    assert Programme.objects.get(slug="jarjestostrategia-2019-2022").successor == current


def test_the_demo_programme_has_fifteen_indicators_with_history():
    from programme.models import Indicator, IndicatorValue

    call_command("load_demo", verbosity=0)
    current = Programme.objects.get(slug="jarjestojen-pohjois-savo-2030")
    assert current.indicators.count() == 15
    # The other apps' sources are there, and the per-inhabitant one finds the populations.
    for key in (
        "programme.associations_per_1000",
        "freshness.confirmed_share",
        "cards.complete",
        "events.per_month",
        "newsletter.subscribers",
    ):
        assert current.indicators.get(source_key=key).points.filter(municipality=None).exists()
    per_thousand = current.indicators.get(source_key="programme.associations_per_1000")
    assert per_thousand.points.filter(municipality__slug="kuopio").latest("date").value > 0
    computed = current.indicators.get(source_key="programme.commitments")
    assert computed.points.filter(municipality=None).count() == 25
    assert Indicator.objects.filter(kind="manual", points__isnull=False).distinct().count() == 3
    values = IndicatorValue.objects.count()
    call_command("load_demo", verbosity=0)
    assert IndicatorValue.objects.count() == values
