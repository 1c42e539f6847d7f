"""Computed indicators: a registry of named functions over live data.

Any app may add a source from its AppConfig.ready(), as long as it sits in a layer above
the programme (cards, events, freshness, newsletter, cooperation, ...); data of the apps
below it (organizations, municipalities) the programme reads itself:

    from programme.indicators import register_indicator_source
    register_indicator_source("surveys.responses", _("Survey responses"), count_responses)

A source is called with the programme and the day of the snapshot, and returns a number
for the whole region or a mapping from municipality ids to numbers, where the key None
is the whole region. The monthly snapshot (programme.snapshots) stores what it
returns; a dashboard never calls a source.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

Number = int | float | Decimal
Reading = Number | Mapping[int | None, Number]
SourceFunction = Callable[["Programme", dt.date], Reading]  # noqa: F821


@dataclass(frozen=True)
class IndicatorSource:
    key: str
    label: str
    function: SourceFunction
    description: str = ""


_SOURCES: dict[str, IndicatorSource] = {}


def register_indicator_source(
    key: str, label, function: SourceFunction, *, description: str = ""
) -> None:
    """Make `function` available to computed indicators under `key`. Registering a key
    again replaces its source (a reloaded app), never silently a different one's."""
    _SOURCES[key] = IndicatorSource(key, label, function, description)


def indicator_source(key: str) -> IndicatorSource | None:
    return _SOURCES.get(key)


def indicator_sources() -> list[IndicatorSource]:
    return sorted(_SOURCES.values(), key=lambda source: source.key)


def reading_by_municipality(reading: Reading) -> dict[int | None, Decimal]:
    """A source's reading as {municipality id or None: value}, the region's total under None."""
    if isinstance(reading, Mapping):
        values = {key: Decimal(str(value)) for key, value in reading.items()}
        if None not in values:
            values[None] = sum(values.values(), Decimal(0))
        return values
    return {None: Decimal(str(reading))}


# The sources the programme itself knows. Each counts what the public can see: published
# commitments and reports of associations whose own listing is public, by the association's
# home municipality (address_municipality), so that the municipalities add up to the region.


def _by_home_municipality(queryset, field: str, distinct: bool = False) -> dict[int | None, int]:
    rows = queryset.values(field).annotate(n=Count("pk")).order_by()
    counts = {row[field]: row["n"] for row in rows if row[field] is not None}
    counts[None] = queryset.values("pk").distinct().count() if distinct else queryset.count()
    return counts


def commitments_count(programme, today: dt.date) -> dict[int | None, int]:
    """Published commitments to the programme's measures."""
    from .selectors import commitments_published

    commitments = commitments_published().filter(measure__goal__theme__programme=programme)
    return _by_home_municipality(commitments, "organization__address_municipality")


def adopting_associations_count(programme, today: dt.date) -> dict[int | None, int]:
    """Associations with at least one published commitment to the programme."""
    from organizations.models import Organization

    from .selectors import PUBLISHED

    associations = Organization.objects.filter(
        publication_status=PUBLISHED,
        programme_commitments__publication_status=PUBLISHED,
        programme_commitments__measure__goal__theme__programme=programme,
    ).distinct()
    rows = (
        Organization.objects.filter(pk__in=associations.values("pk"))
        .values("address_municipality")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["address_municipality"]: row["n"] for row in rows if row["address_municipality"]}
    counts[None] = associations.count()
    return counts


def progress_reports_count(programme, today: dt.date) -> dict[int | None, int]:
    """Published progress reports on the programme's measures."""
    from .selectors import progress_reports_published

    reports = progress_reports_published().filter(
        commitment__measure__goal__theme__programme=programme
    )
    return _by_home_municipality(reports, "commitment__organization__address_municipality")


def measures_with_status(status: str) -> SourceFunction:
    """A source counting the programme's measures that show `status` (late included)."""

    def count(programme, today: dt.date) -> int:
        from .models import LATE, OPEN_STATUSES, Measure

        measures = Measure.objects.filter(goal__theme__programme=programme)
        late = Q(status__in=OPEN_STATUSES, ends_on__lt=today)
        if status == LATE:
            return measures.filter(late).count()
        if status in OPEN_STATUSES:
            return measures.filter(status=status).exclude(late).count()
        return measures.filter(status=status).count()

    return count


def associations_per_thousand(programme, today: dt.date) -> dict[int | None, Decimal]:
    """Active, public associations per 1,000 inhabitants, by home municipality; the region's
    figure is over the municipalities whose population is known."""
    from municipalities.models import Municipality
    from organizations.models import Organization

    from .selectors import PUBLISHED

    rows = (
        Organization.objects.filter(
            publication_status=PUBLISHED,
            status=Organization.Status.ACTIVE,
            address_municipality__population__gt=0,
        )
        .values("address_municipality")
        .annotate(n=Count("pk"))
        .order_by()
    )
    associations = {row["address_municipality"]: row["n"] for row in rows}
    populations = dict(
        Municipality.objects.filter(population__gt=0).values_list("pk", "population")
    )
    per_thousand = {
        pk: _per_thousand(associations.get(pk, 0), population)
        for pk, population in populations.items()
    }
    per_thousand[None] = _per_thousand(sum(associations.values()), sum(populations.values()))
    return per_thousand


def _per_thousand(count: int, population: int) -> Decimal:
    if not population:
        return Decimal(0)
    return (Decimal(count) * 1000 / Decimal(population)).quantize(Decimal("0.01"))


def register_programme_sources() -> None:
    from .models import STATUS_LABELS

    register_indicator_source(
        "programme.commitments",
        _("Commitments to the programme's measures"),
        commitments_count,
        description=_("Published commitments, by the association's home municipality."),
    )
    register_indicator_source(
        "programme.adopting_associations",
        _("Associations that have adopted measures"),
        adopting_associations_count,
        description=_("Associations with at least one published commitment."),
    )
    register_indicator_source(
        "programme.progress_reports",
        _("Progress reports"),
        progress_reports_count,
        description=_("Published progress reports of the associations."),
    )
    register_indicator_source(
        "programme.associations_per_1000",
        _("Active associations per 1,000 inhabitants"),
        associations_per_thousand,
        description=_(
            "Active, public associations by home municipality per 1,000 inhabitants "
            "(population by Statistics Finland)."
        ),
    )
    for status, label in STATUS_LABELS.items():
        register_indicator_source(
            f"programme.measures_{status}",
            format_lazy(_("Measures: {status}"), status=label),
            measures_with_status(status),
            description=_("The programme's measures that show this status on the day."),
        )
