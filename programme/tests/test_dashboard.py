"""The dashboard: its counts, charts with tables beside them, downloads and query count."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core.models import PublicationStatus
from moderation.services import content_approve
from municipalities.models import Municipality
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from programme.models import IndicatorKind, IndicatorValue, MeasureStatus
from programme.snapshots import indicator_snapshots_take
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


def _totals(page: str) -> list[int]:
    """The page's "In numbers": measures, commitments, associations and progress reports."""
    totals = page.split('<dl class="totals">', 1)[1].split("</dl>", 1)[0]
    return [int(number) for number in re.findall(r"<dd>(\d+)</dd>", totals)]


def _grow(programme):
    """Three more measures, each with a commitment and a report, and three indicators."""
    goal = GoalFactory(theme=ThemeFactory(programme=programme))
    for _ in range(3):
        measure = MeasureFactory(goal=goal)
        ProgressReportFactory(commitment=CommitmentFactory(measure=measure))
        indicator = IndicatorFactory(programme=programme)
        IndicatorValue.objects.create(indicator=indicator, date=dt.date(2025, 1, 1), value=1)


def test_the_dashboard_drawn_afresh_runs_a_fixed_number_of_queries(
    client, programme, settings, django_assert_num_queries
):
    """Eight uncached, whatever the data: the programme, its measures, commitments and
    reports by measure, commitments and adopting associations by municipality,
    indicators, their values, and the municipalities to choose from."""
    settings.SAKKE_PROGRAMME_DASHBOARD_SECONDS = 0
    url = reverse("programme:dashboard", args=[programme.slug])
    client.get(url)  # the site's frame caches what it can on the first request
    with django_assert_num_queries(8):
        client.get(url)
    _grow(programme)
    with django_assert_num_queries(8):
        client.get(url)


def test_a_cached_dashboard_runs_two_queries_and_draws_nothing_whatever_the_data(
    client, programme, django_assert_num_queries
):
    """The programme and the municipalities to choose from; the charts and tables come
    from the cache as drawn the first time."""
    url = reverse("programme:dashboard", args=[programme.slug])
    first = client.get(url)
    assert first.context["board"] is not None  # drawn
    with django_assert_num_queries(2):
        again = client.get(url)
    assert again.context["board"] is None  # not drawn: from the cache
    assert again.content == first.content
    _grow(programme)
    with django_assert_num_queries(8):  # the change is drawn at once
        grown = client.get(url)
    assert _totals(grown.content.decode()) == [5, 6, 5, 4]
    with django_assert_num_queries(2):
        assert client.get(url).content == grown.content


@time_machine.travel(TODAY)
def test_a_progress_report_approved_shows_on_the_next_request(client, programme):
    url = reverse("programme:dashboard", args=[programme.slug])
    assert _totals(client.get(url).content.decode()) == [2, 3, 2, 1]
    commitment = programme.themes.get().goals.get().measures.get(identifier="2.1.2")
    report = ProgressReportFactory(
        commitment=commitment.commitments.first(), publication_status=PublicationStatus.PENDING
    )
    assert _totals(client.get(url).content.decode()) == [2, 3, 2, 1]  # waits for approval
    content_approve(obj=report, user=coordinator())
    assert _totals(client.get(url).content.decode()) == [2, 3, 2, 2]


@time_machine.travel(TODAY)
def test_a_new_monthly_snapshot_shows_on_the_next_request(client, programme):
    indicator = IndicatorFactory(
        programme=programme,
        name_fi="Sitoumuksia",
        kind=IndicatorKind.COMPUTED,
        source_key="programme.commitments",
    )
    url = reverse("programme:dashboard", args=[programme.slug])
    caption = f'<caption id="indicator-{indicator.pk}-caption">'
    before = client.get(url).content.decode().split(caption, 1)[1].split("</table>")[0]
    assert "6/2026" not in before
    assert indicator_snapshots_take(today=TODAY.date()) == 1
    after = client.get(url).content.decode().split(caption, 1)[1].split("</table>")[0]
    assert '<th scope="row">6/2026</th><td>3</td>' in after


@time_machine.travel(TODAY)
def test_the_cached_dashboard_is_kept_per_language_and_municipality(client, programme):
    with translation.override("fi"):
        fi = reverse("programme:dashboard", args=[programme.slug])
    with translation.override("sv"):
        sv = reverse("programme:dashboard", args=[programme.slug])
        varkaus = reverse("programme:municipality_dashboard", args=[programme.slug, "varkaus"])
        heading = translation.gettext("Measures by status")
    assert heading != "Measures by status"
    client.get(fi)
    assert heading in client.get(sv).content.decode()
    assert _totals(client.get(varkaus).content.decode()) == [2, 1, 1, 0]
    assert _totals(client.get(sv).content.decode()) == [2, 3, 2, 1]


def test_the_dashboard_is_drawn_again_on_a_new_day(client, programme, settings):
    """A measure's late status follows the date: 2.1.2 ends in 2026 Q4."""
    settings.SAKKE_PROGRAMME_DASHBOARD_SECONDS = 3 * 24 * 3600
    url = reverse("programme:dashboard", args=[programme.slug])
    with time_machine.travel(dt.datetime(2026, 12, 31, 12, tzinfo=dt.UTC), tick=False):
        assert client.get(url).context["board"].tables["goals"].rows[0][4] == 0
    with time_machine.travel(dt.datetime(2027, 1, 1, 12, tzinfo=dt.UTC), tick=False):
        assert client.get(url).context["board"].tables["goals"].rows[0][4] == 1


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


@time_machine.travel(TODAY)
def test_a_tables_cells_are_localized_and_escaped_as_a_template_would(client, programme):
    indicator = programme.indicators.get()
    IndicatorValue.objects.create(
        indicator=indicator, date=dt.date(2026, 1, 1), value=Decimal("4.50"), source="<b>Kysely"
    )
    with translation.override("fi"):
        url = reverse("programme:dashboard", args=[programme.slug])
    page = client.get(url).content.decode()
    assert '<tr><th scope="row">2026</th><td>4,5</td><td>&lt;b&gt;Kysely</td></tr>' in page
    assert "<b>Kysely" not in page


def test_an_associations_own_change_shows_within_the_set_time(client, programme, settings):
    """An association hidden from the directory renews no generation: its commitments
    leave the counts when the cached dashboard expires."""
    settings.SAKKE_PROGRAMME_DASHBOARD_SECONDS = 60
    url = reverse("programme:dashboard", args=[programme.slug])
    with time_machine.travel(TODAY, tick=False):
        assert _totals(client.get(url).content.decode()) == [2, 3, 2, 1]
        hidden = Organization.objects.get(address_municipality__slug="varkaus")
        hidden.publication_status = PublicationStatus.DRAFT
        hidden.save()
        assert _totals(client.get(url).content.decode()) == [2, 3, 2, 1]
    with time_machine.travel(TODAY + dt.timedelta(seconds=61), tick=False):
        assert _totals(client.get(url).content.decode()) == [2, 2, 1, 1]
