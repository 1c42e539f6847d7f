"""/api/v1/programme*/: the programme, its goals, measures and public commitments."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.tests.factories import OrganizationFactory
from programme.models import PartyKind

from .factories import (
    CommitmentFactory,
    GoalFactory,
    MeasureFactory,
    ProgrammeFactory,
    ResponsibilityFactory,
    TaskFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    programme = ProgrammeFactory(slug="pohjois-savo", name_fi="Järjestöjen Pohjois-Savo 2030")
    goal = GoalFactory(theme=ThemeFactory(programme=programme), identifier="2.1")
    return MeasureFactory(goal=goal, identifier="2.1.3", end_year=2025, end_period=4)


def test_a_programme_has_its_themes_and_goals(client, measure):
    body = client.get("/api/v1/programme/").json()
    (item,) = body["data"]
    assert item["@type"] == "Programme"
    assert item["name"]["fi"] == "Järjestöjen Pohjois-Savo 2030"
    assert item["themes"][0]["goals"][0]["id"] == measure.goal.public_id


def test_a_goal_lists_its_measures(client, measure):
    body = client.get(f"/api/v1/programme_goal/{measure.goal.public_id}/").json()
    assert body["identifier"] == "2.1"
    assert [m["id"] for m in body["measures"]] == [measure.public_id]


@time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
def test_a_measure_has_its_schedule_parties_tasks_and_late_status(client, measure):
    ResponsibilityFactory(
        measure=measure, kind=PartyKind.ASSOCIATION, organization=OrganizationFactory(), name=""
    )
    TaskFactory(measure=measure)
    body = client.get(f"/api/v1/programme_measure/{measure.public_id}/").json()
    assert body["status"] == "late"
    assert body["ends_on"] == "2025-12-31"
    assert body["responsible"][0]["kind"] == "association"
    assert len(body["tasks"]) == 1


def test_measures_filter_by_programme_and_status(client, measure):
    MeasureFactory(status="done")
    body = client.get("/api/v1/programme_measure/?programme=pohjois-savo").json()
    assert [m["id"] for m in body["data"]] == [measure.public_id]
    body = client.get("/api/v1/programme_measure/?status=done").json()
    assert body["meta"]["count"] == 1


def test_the_measure_list_runs_a_fixed_number_of_queries(client, measure):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/api/v1/programme_measure/")
        return len(captured)

    before = queries()
    for _ in range(3):
        m = MeasureFactory(goal=measure.goal)
        TaskFactory(measure=m)
        ResponsibilityFactory(measure=m)
    assert queries() == before


def test_only_public_commitments_are_listed(client, measure):
    public = CommitmentFactory(measure=measure)
    CommitmentFactory(measure=measure, publication_status="pending")
    body = client.get("/api/v1/programme_commitment/").json()
    assert [c["id"] for c in body["data"]] == [public.public_id]
    assert body["data"][0]["organization"]["id"] == public.organization.public_id


def test_an_indicator_has_its_target_and_values_by_municipality(client, measure):
    from municipalities.tests.factories import MunicipalityFactory
    from programme.models import IndicatorValue

    from .factories import IndicatorFactory

    indicator = IndicatorFactory(
        programme=measure.goal.theme.programme,
        kind="computed",
        source_key="programme.commitments",
        target=50,
        target_year=2028,
    )
    kuopio = MunicipalityFactory(code="297")
    IndicatorValue.objects.create(indicator=indicator, date=dt.date(2026, 5, 1), value=12)
    IndicatorValue.objects.create(
        indicator=indicator, date=dt.date(2026, 5, 1), value=7, municipality=kuopio
    )
    (item,) = client.get("/api/v1/programme_indicator/").json()["data"]
    assert item["@type"] == "Indicator"
    assert item["source_key"] == "programme.commitments"
    assert item["target"] == "50.00" and item["target_year"] == 2028
    assert {(v["municipality"], v["value"]) for v in item["values"]} == {
        (None, "12.00"),
        ("297", "7.00"),
    }
