"""The programme's dashboard: progress by goal, measure and municipality, the counts, and
the indicators' history, for the whole region or one municipality.

It reads a fixed number of queries whatever the data size: aggregates over the
programme's commitments and reports, and the indicators' stored snapshots (never the
live data the computed indicators were counted from).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality

from .charts import Table, month_label, plain_number
from .dashboard_cache import cached, dashboard_key
from .models import LATE, OPEN_STATUSES, STATUS_LABELS, Indicator, IndicatorValue
from .selectors import commitments_published, measures_of, progress_reports_published

#: The months of computed indicators' history shown and downloaded.
HISTORY_MONTHS = 24


@dataclass
class IndicatorSeries:
    indicator: Indicator
    table: Table
    latest: object = None


@dataclass
class Dashboard:
    programme: object
    municipality: Municipality | None
    totals: dict[str, int]
    tables: dict[str, Table] = field(default_factory=dict)
    indicators: list[IndicatorSeries] = field(default_factory=list)


def _counts(queryset, field_name: str) -> dict:
    rows = queryset.values(field_name).annotate(n=Count("pk")).order_by()
    return {row[field_name]: row["n"] for row in rows}


def _aggregates(programme, municipality, commitments, reports) -> dict:
    """The counts over commitments and reports: three aggregate queries, kept in the cache
    until the programme's data changes (programme.dashboard_cache). The numbers only:
    labels are translated per request."""

    def count() -> dict:
        by_municipality = (
            commitments.values("organization__address_municipality__name")
            .annotate(n=Count("pk"), associations=Count("organization", distinct=True))
            .order_by("-n", "organization__address_municipality__name")
        )
        commitments_by_measure = _counts(commitments, "measure")
        reports_by_measure = _counts(reports, "commitment__measure")
        by_municipality = list(by_municipality)
        return {
            "commitments_by_measure": commitments_by_measure,
            "reports_by_measure": reports_by_measure,
            "by_municipality": by_municipality,
            # An association has one home municipality (or none, a group of its own), so
            # the adopting associations are the sum of each municipality's.
            "associations": sum(row["associations"] for row in by_municipality),
        }

    return cached(dashboard_key("counts", programme, municipality), count)


def dashboard_build(programme, municipality=None, today: dt.date | None = None) -> Dashboard:
    """Everything the dashboard shows, its tables ready for charts and downloads."""
    today = today or timezone.localdate()
    commitments = commitments_published().filter(measure__goal__theme__programme=programme)
    reports = progress_reports_published().filter(
        commitment__measure__goal__theme__programme=programme
    )
    if municipality is not None:
        commitments = commitments.filter(organization__address_municipality=municipality)
        reports = reports.filter(commitment__organization__address_municipality=municipality)

    measures = list(measures_of(programme))
    counts = _aggregates(programme, municipality, commitments, reports)
    commitments_by_measure = counts["commitments_by_measure"]
    reports_by_measure = counts["reports_by_measure"]

    def shown(measure) -> str:
        late = measure.status in OPEN_STATUSES and measure.ends_on < today
        return LATE if late else measure.status

    statuses = defaultdict(int)
    goals: dict[int, list] = {}
    measure_rows = []
    for measure in measures:
        status = shown(measure)
        statuses[status] += 1
        committed = commitments_by_measure.get(measure.pk, 0)
        reported = reports_by_measure.get(measure.pk, 0)
        row = goals.setdefault(measure.goal_id, [measure.goal.identifier, 0, 0, 0, 0, 0])
        row[1] += 1
        row[2] += status == "done"
        row[3] += status == "in_progress"
        row[4] += status == LATE
        row[5] += committed
        measure_rows.append(
            [
                f"{measure.identifier} {measure.name}",
                committed,
                reported,
                str(STATUS_LABELS[status]),
            ]
        )
    by_municipality = counts["by_municipality"]
    associations = counts["associations"]
    dashboard = Dashboard(
        programme,
        municipality,
        totals={
            "measures": len(measures),
            "commitments": sum(commitments_by_measure.values()),
            "associations": associations,
            "reports": sum(reports_by_measure.values()),
        },
    )
    dashboard.tables = {
        "status": Table(
            "status",
            _("Measures by status"),
            [_("Status"), _("Measures")],
            [[str(label), statuses.get(status, 0)] for status, label in STATUS_LABELS.items()],
        ),
        "goals": Table(
            "goals",
            _("Progress by goal"),
            [_("Goal"), _("Measures"), _("Done"), _("In progress"), _("Late"), _("Commitments")],
            [row[:6] for row in goals.values()],
        ),
        "measures": Table(
            "measures",
            _("Commitments by measure"),
            [_("Measure"), _("Commitments"), _("Progress reports"), _("Status")],
            measure_rows,
        ),
        "municipalities": Table(
            "municipalities",
            _("Commitments by municipality"),
            [_("Municipality"), _("Commitments"), _("Associations")],
            [
                [
                    row["organization__address_municipality__name"] or _("Unknown"),
                    row["n"],
                    row["associations"],
                ]
                for row in by_municipality
            ],
        ),
    }
    dashboard.indicators = indicator_series(programme, municipality, today)
    return dashboard


def indicator_series(programme, municipality=None, today=None) -> list[IndicatorSeries]:
    """Each indicator of the programme with its values over time: two queries."""
    today = today or timezone.localdate()
    since = dt.date(today.year - HISTORY_MONTHS // 12, today.month, 1)
    indicators = list(programme.indicators.all())
    # A municipality's view reads the region's values too (the same query), so that its
    # manual values, typed in per municipality, stand beside the whole region's.
    shown = Q(municipality=municipality) | Q(municipality=None)
    values = IndicatorValue.objects.filter(shown, indicator__programme=programme).order_by("date")
    by_indicator = defaultdict(list)
    region = {}
    for value in values.only("indicator_id", "date", "value", "source", "municipality_id"):
        if municipality is not None and value.municipality_id is None:
            region[value.indicator_id, value.date] = value
        else:
            by_indicator[value.indicator_id].append(value)
    series = []
    for indicator in indicators:
        points = by_indicator.get(indicator.pk, [])
        compare = municipality is not None and not indicator.is_computed
        if indicator.is_computed:
            points = [p for p in points if p.date >= since]
            rows = [[month_label(p.date), plain_number(p.value)] for p in points]
        elif compare:
            rows = _compared_rows(indicator, points, region)
        else:
            rows = [[str(p.date.year), plain_number(p.value), p.source] for p in points]
        columns = [_("Month") if indicator.is_computed else _("Year"), _("Value")]
        if compare:
            columns.append(_("Whole region"))
        if not indicator.is_computed:
            columns.append(_("Source"))
        table = Table(f"indicator-{indicator.pk}", indicator.name, columns, rows)
        latest = plain_number(points[-1].value) if points else None
        series.append(IndicatorSeries(indicator, table, latest))
    return series


def _compared_rows(indicator, points, region: dict) -> list[list]:
    """A municipality's values beside the region's, a row for each date either has: a
    region's date without the municipality's value (not entered, or a survey's value
    hidden for too few answers) shows the region's with the municipality's cell empty."""
    own = {point.date: point for point in points}
    dates = sorted(set(own) | {date for (pk, date) in region if pk == indicator.pk})
    rows = []
    for date in dates:
        point = own.get(date)
        whole = region.get((indicator.pk, date))
        rows.append(
            [
                str(date.year),
                plain_number(point.value) if point else "",
                plain_number(whole.value) if whole else "",
                (point or whole).source,
            ]
        )
    return rows
