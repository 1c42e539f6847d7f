"""Computed indicators against hand counts, the registry, and the monthly snapshot."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import PublicationStatus
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from programme import indicators
from programme.indicators import indicator_source, register_indicator_source
from programme.models import IndicatorValue, MeasureStatus
from programme.services import indicator_save, indicator_value_set
from programme.snapshots import indicator_snapshots_take
from selfservice.tests.factories import UserFactory, coordinator

from .factories import (
    CommitmentFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    ProgrammeFactory,
    ProgressReportFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def fixture():
    """Two municipalities, three associations (one hidden), four measures, commitments and
    reports, and one measure of another programme that no count may include."""
    kuopio, varkaus = MunicipalityFactory(name_fi="Kuopio"), MunicipalityFactory(name_fi="Varkaus")
    a = OrganizationFactory(address_municipality=kuopio)
    b = OrganizationFactory(address_municipality=varkaus)
    hidden = OrganizationFactory(
        address_municipality=kuopio, publication_status=PublicationStatus.DRAFT
    )
    programme = ProgrammeFactory()
    goal = GoalFactory(theme=ThemeFactory(programme=programme))
    done = MeasureFactory(goal=goal, status=MeasureStatus.DONE)
    running = MeasureFactory(goal=goal, status=MeasureStatus.IN_PROGRESS, end_year=2027)
    late = MeasureFactory(goal=goal, status=MeasureStatus.IN_PROGRESS, end_year=2025)
    MeasureFactory(goal=goal, status=MeasureStatus.NOT_STARTED, start_year=2027, end_year=2027)
    a_done = CommitmentFactory(measure=done, organization=a)
    CommitmentFactory(measure=running, organization=a)
    b_late = CommitmentFactory(measure=late, organization=b)
    CommitmentFactory(measure=late, organization=hidden)
    CommitmentFactory(measure=running, organization=b, publication_status=PublicationStatus.PENDING)
    ProgressReportFactory(commitment=a_done)
    ProgressReportFactory(commitment=a_done)
    ProgressReportFactory(commitment=b_late)
    ProgressReportFactory(commitment=b_late, publication_status=PublicationStatus.DECLINED)
    other = MeasureFactory(goal=GoalFactory(theme=ThemeFactory(programme=ProgrammeFactory())))
    ProgressReportFactory(commitment=CommitmentFactory(measure=other, organization=a))
    return programme, kuopio, varkaus


def _reading(key, programme):
    return indicators.reading_by_municipality(indicator_source(key).function(programme, TODAY))


def test_commitments_count_only_public_ones_of_the_programme_by_home_municipality(fixture):
    programme, kuopio, varkaus = fixture
    # a: done + running (Kuopio); b: late (Varkaus); hidden and pending not counted.
    assert _reading("programme.commitments", programme) == {None: 3, kuopio.pk: 2, varkaus.pk: 1}


def test_adopting_associations_count_each_public_association_once(fixture):
    programme, kuopio, varkaus = fixture
    assert _reading("programme.adopting_associations", programme) == {
        None: 2,
        kuopio.pk: 1,
        varkaus.pk: 1,
    }


def test_progress_reports_count_published_reports_of_the_programme(fixture):
    programme, kuopio, varkaus = fixture
    assert _reading("programme.progress_reports", programme) == {
        None: 3,
        kuopio.pk: 2,
        varkaus.pk: 1,
    }


def test_measures_by_status_count_late_apart_from_their_stored_status(fixture):
    programme, _kuopio, _varkaus = fixture
    counts = {
        status: _reading(f"programme.measures_{status}", programme)[None]
        for status in ("not_started", "in_progress", "late", "done", "cancelled")
    }
    assert counts == {"not_started": 1, "in_progress": 1, "late": 1, "done": 1, "cancelled": 0}


@pytest.fixture(autouse=True)
def own_registry(monkeypatch):
    """Sources a test registers leave with it."""
    monkeypatch.setattr(indicators, "_SOURCES", dict(indicators._SOURCES))


def test_another_app_registers_a_source_that_a_computed_indicator_then_stores():
    programme = ProgrammeFactory()
    kuopio = MunicipalityFactory()
    register_indicator_source(
        "test.answers", "Answers", lambda programme, today: {None: 7, kuopio.pk: 4}
    )
    indicator = IndicatorFactory(programme=programme, kind="computed", source_key="test.answers")
    with time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)):
        assert indicator_snapshots_take() == 1
    regional = IndicatorValue.objects.get(indicator=indicator, municipality=None)
    assert (regional.date, regional.value) == (dt.date(2026, 3, 1), Decimal(7))
    assert IndicatorValue.objects.get(indicator=indicator, municipality=kuopio).value == 4


def test_a_snapshot_taken_twice_in_a_month_gives_the_same_rows(fixture):
    programme, _kuopio, _varkaus = fixture
    indicator = IndicatorFactory(
        programme=programme, kind="computed", source_key="programme.commitments"
    )

    def rows():
        return list(
            IndicatorValue.objects.filter(indicator=indicator)
            .order_by("municipality")
            .values_list("date", "municipality", "value")
        )

    assert indicator_snapshots_take(today=dt.date(2026, 6, 2)) == 1
    first = rows()
    CommitmentFactory(measure=programme.themes.get().goals.get().measures.first())
    assert indicator_snapshots_take(today=dt.date(2026, 6, 28)) == 0
    assert rows() == first
    assert len(first) == 3
    assert indicator_snapshots_take(today=dt.date(2026, 7, 1)) == 1
    assert IndicatorValue.objects.filter(indicator=indicator, municipality=None).count() == 2


def test_a_failing_or_unknown_source_is_skipped_and_the_others_stored():
    programme = ProgrammeFactory()

    def broken(programme, today):
        raise RuntimeError("bug in another app")

    register_indicator_source("test.broken", "Broken", broken)
    IndicatorFactory(programme=programme, kind="computed", source_key="test.broken")
    IndicatorFactory(programme=programme, kind="computed", source_key="test.unregistered")
    good = IndicatorFactory(
        programme=programme, kind="computed", source_key="programme.commitments"
    )
    assert indicator_snapshots_take(today=TODAY) == 1
    assert set(IndicatorValue.objects.values_list("indicator", flat=True)) == {good.pk}


def test_manual_indicators_are_left_to_the_coordinator():
    IndicatorFactory(kind="manual")
    assert indicator_snapshots_take(today=TODAY) == 0
    assert not IndicatorValue.objects.exists()


def test_the_coordinator_enters_a_manual_value_a_year_and_a_second_replaces_it():
    indicator = IndicatorFactory(kind="manual")
    user = coordinator()
    indicator_value_set(
        user=user, indicator=indicator, year=2025, value=Decimal("4.5"), source="THL"
    )
    indicator_value_set(user=user, indicator=indicator, year=2025, value=Decimal(5), source="THL")
    assert list(indicator.points.values_list("date", "value", "source")) == [
        (dt.date(2025, 1, 1), Decimal(5), "THL")
    ]


def test_only_the_coordinator_enters_values_and_never_for_a_computed_indicator():
    manual = IndicatorFactory(kind="manual")
    computed = IndicatorFactory(kind="computed", source_key="programme.commitments")
    with pytest.raises(PermissionDenied):
        indicator_value_set(user=UserFactory(), indicator=manual, year=2025, value=Decimal(1))
    with pytest.raises(ValidationError):
        indicator_value_set(user=coordinator(), indicator=computed, year=2025, value=Decimal(1))
    assert not IndicatorValue.objects.exists()


def test_a_computed_indicator_must_name_a_registered_source():
    with pytest.raises(ValidationError) as error:
        indicator_save(
            user=coordinator(),
            programme=ProgrammeFactory(),
            data={"name_fi": "Vastaukset", "kind": "computed", "source_key": "no.such"},
        )
    assert "source_key" in error.value.message_dict


def test_associations_per_thousand_by_municipality_and_for_the_region():
    kuopio = MunicipalityFactory(population=2000)
    varkaus = MunicipalityFactory(population=3000)
    unknown = MunicipalityFactory(population=None)
    for _n in range(3):
        OrganizationFactory(address_municipality=kuopio)
    OrganizationFactory(address_municipality=varkaus)
    OrganizationFactory(address_municipality=unknown)  # no population: left out
    OrganizationFactory(address_municipality=varkaus, status="dissolved")
    OrganizationFactory(address_municipality=varkaus, publication_status=PublicationStatus.DRAFT)

    reading = _reading("programme.associations_per_1000", ProgrammeFactory())

    # By hand: 3 / 2,000 × 1,000 = 1.5; 1 / 3,000 × 1,000 = 0.33; 4 / 5,000 × 1,000 = 0.8.
    assert reading == {
        None: Decimal("0.80"),
        kuopio.pk: Decimal("1.50"),
        varkaus.pk: Decimal("0.33"),
    }
