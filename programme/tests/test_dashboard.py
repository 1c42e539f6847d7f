"""The dashboard: its counts, charts with tables beside them, downloads and query count."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from municipalities.models import Municipality
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from programme.models import IndicatorValue, MeasureStatus
from selfservice.tests.factories import coordinator

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

TODAY = dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)


@pytest.fixture
def programme():
    programme = ProgrammeFactory(slug="pohjois-savo")
    goal = GoalFactory(theme=ThemeFactory(programme=programme), identifier="2.1")
    kuopio = MunicipalityFactory(name_fi="Kuopio", slug="kuopio")
    varkaus = MunicipalityFactory(name_fi="Varkaus", slug="varkaus")
    done = MeasureFactory(goal=goal, identifier="2.1.1", status=MeasureStatus.DONE)
    late = MeasureFactory(goal=goal, identifier="2.1.2", status=MeasureStatus.IN_PROGRESS)
    a = OrganizationFactory(address_municipality=kuopio)
    b = OrganizationFactory(address_municipality=varkaus)
    ProgressReportFactory(commitment=CommitmentFactory(measure=done, organization=a))
    CommitmentFactory(measure=late, organization=a)
    CommitmentFactory(measure=late, organization=b)
    indicator = IndicatorFactory(
        programme=programme, name_fi="Jäsenmäärä", target=Decimal(500), target_year=2028
    )
    for year, value in ((2024, 300), (2025, 340)):
        IndicatorValue.objects.create(
            indicator=indicator, date=dt.date(year, 1, 1), value=value, source="Kysely"
        )
    return programme


def _table(response, key):
    return response.context["board"].tables[key]


@time_machine.travel(TODAY)
def test_the_dashboard_shows_counts_and_progress_by_goal_and_municipality(client, programme):
    response = client.get(reverse("programme:dashboard", args=[programme.slug]))
    assert response.status_code == 200
    board = response.context["board"]
    assert board.totals == {"measures": 2, "commitments": 3, "associations": 2, "reports": 1}
    # 2.1.2 ends in 2026 Q4 by the factory: in progress, not late on 15.6.2026.
    assert _table(response, "goals").rows == [["2.1", 2, 1, 1, 0, 3]]
    assert _table(response, "municipalities").rows == [["Kuopio", 2, 1], ["Varkaus", 1, 1]]


@time_machine.travel(TODAY)
def test_each_chart_is_an_svg_with_a_table_and_downloads_beside_it(client, programme):
    page = client.get(reverse("programme:dashboard", args=[programme.slug])).content.decode()
    charts = page.count('<svg class="chart__svg"')
    assert charts == 4  # status, goals, municipalities, the indicator
    assert page.count("<caption") >= charts
    for key in ("status", "goals", "municipalities", "measures"):
        assert reverse("programme:dashboard_data", args=[programme.slug, key, "csv"]) in page
    assert "Jäsenmäärä" in page and "Kysely" in page


@time_machine.travel(TODAY)
def test_a_municipality_dashboard_counts_its_own_associations(client, programme):
    url = reverse("programme:municipality_dashboard", args=[programme.slug, "varkaus"])
    response = client.get(url)
    assert response.context["board"].totals["commitments"] == 1
    chooser = reverse("programme:dashboard", args=[programme.slug]) + "?kunta=varkaus"
    assert client.get(chooser)["Location"] == url


@time_machine.travel(TODAY)
def test_a_chart_downloads_as_csv_and_xlsx_with_the_tables_rows(client, programme):
    url = reverse("programme:dashboard_data", args=[programme.slug, "municipalities", "csv"])
    csv_text = client.get(url).content.decode("utf-8-sig")
    assert csv_text.splitlines()[1:] == ["Kuopio;2;1", "Varkaus;1;1"]
    url = reverse("programme:dashboard_data", args=[programme.slug, "municipalities", "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ["Kuopio", 2, 1],
        ["Varkaus", 1, 1],
    ]
    indicator = programme.indicators.get()
    url = reverse(
        "programme:dashboard_data", args=[programme.slug, f"indicator-{indicator.pk}", "csv"]
    )
    assert client.get(url).content.decode("utf-8-sig").splitlines()[1:] == [
        "2024;300;Kysely",
        "2025;340;Kysely",
    ]


def test_an_unknown_table_or_format_is_not_found(client, programme):
    assert (
        client.get(
            reverse("programme:dashboard_data", args=[programme.slug, "x", "csv"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("programme:dashboard_data", args=[programme.slug, "goals", "pdf"])
        ).status_code
        == 404
    )


def test_the_dashboard_runs_a_fixed_number_of_queries(
    client, programme, settings, django_assert_num_queries
):
    """Nine uncached, whatever the data: the programme, its measures, commitments and
    reports by measure, commitments by municipality, adopting associations, indicators,
    their values, and the municipalities to choose from."""
    settings.SAKKE_PROGRAMME_DASHBOARD_SECONDS = 0
    url = reverse("programme:dashboard", args=[programme.slug])
    client.get(url)  # the site's frame caches what it can on the first request
    with django_assert_num_queries(9):
        client.get(url)
    goal = GoalFactory(theme=ThemeFactory(programme=programme))
    for _ in range(3):
        measure = MeasureFactory(goal=goal)
        ProgressReportFactory(commitment=CommitmentFactory(measure=measure))
        indicator = IndicatorFactory(programme=programme)
        IndicatorValue.objects.create(indicator=indicator, date=dt.date(2025, 1, 1), value=1)
    with django_assert_num_queries(9):
        client.get(url)


def test_the_dashboard_keeps_its_counts_for_the_set_time(
    client, programme, settings, django_assert_num_queries
):
    settings.SAKKE_PROGRAMME_DASHBOARD_SECONDS = 60
    url = reverse("programme:dashboard", args=[programme.slug])
    with time_machine.travel(TODAY, tick=False):
        assert client.get(url).context["board"].totals["commitments"] == 3
        CommitmentFactory(
            measure=MeasureFactory(goal=GoalFactory(theme=ThemeFactory(programme=programme)))
        )
        with django_assert_num_queries(5):  # the four counts come from the cache
            response = client.get(url)
        assert response.context["board"].totals["commitments"] == 3
    with time_machine.travel(TODAY + dt.timedelta(seconds=61), tick=False):
        assert client.get(url).context["board"].totals["commitments"] == 4


@time_machine.travel(TODAY)
def test_a_municipalitys_manual_value_entered_in_the_form_shows_on_its_dashboard(client, programme):
    indicator = programme.indicators.get()
    client.force_login(coordinator())
    form = reverse("programme:indicator_value", args=[indicator.public_id])
    kuopio = Municipality.objects.get(slug="kuopio")
    response = client.post(
        form, {"year": 2025, "value": "42", "municipality": kuopio.pk, "source": "Kunta"}
    )
    assert response.status_code == 302
    client.logout()

    url = reverse("programme:municipality_dashboard", args=[programme.slug, "kuopio"])
    table = client.get(url).context["board"].indicators[0].table
    assert table.rows == [["2024", "", 300, "Kysely"], ["2025", 42, 340, "Kunta"]]
    assert "Whole region" in [str(column) for column in table.columns]
    # The region's dashboard still shows the region's values only, Varkaus none.
    region = client.get(reverse("programme:dashboard", args=[programme.slug]))
    assert region.context["board"].indicators[0].table.rows == [
        ["2024", 300, "Kysely"],
        ["2025", 340, "Kysely"],
    ]
    varkaus = reverse("programme:municipality_dashboard", args=[programme.slug, "varkaus"])
    # Varkaus has no values of its own: the region's stand beside its empty cells.
    assert client.get(varkaus).context["board"].indicators[0].table.rows == [
        ["2024", "", 300, "Kysely"],
        ["2025", "", 340, "Kysely"],
    ]
