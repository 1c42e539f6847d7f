"""Reads of the association programme: what the public sees and what an editor may adopt."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from core.models import PublicationStatus

from .models import (
    LATE,
    OPEN_STATUSES,
    Commitment,
    Goal,
    Measure,
    MeasureStatus,
    MeasureUpdate,
    Programme,
    ProgressReport,
    Responsibility,
    Theme,
)

PUBLISHED = PublicationStatus.PUBLISHED


def programme_current(today: dt.date | None = None) -> Programme | None:
    """The programme whose period covers this year; else the newest one."""
    year = (today or timezone.localdate()).year
    programmes = Programme.objects.order_by("-start_year", "-pk")
    return programmes.filter(start_year__lte=year, end_year__gte=year).first() or programmes.first()


def programme_get(slug: str) -> Programme:
    return Programme.objects.select_related("successor").get(slug=slug)


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.order_by("-start_year", "-pk")


def _measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("goal__theme")


def measures_of(programme: Programme) -> QuerySet[Measure]:
    return _measures().filter(goal__theme__programme=programme)


def themes_with_goals(programme: Programme) -> list[Theme]:
    """Themes with their goals and the goals' measures: three queries, whatever the size."""
    return list(
        programme.themes.prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.prefetch_related(
                    Prefetch("measures", queryset=Measure.objects.order_by("identifier"))
                ),
            )
        )
    )


def late_measures(programme: Programme, today: dt.date | None = None) -> QuerySet[Measure]:
    """Open measures whose schedule has ended, the longest overdue first."""
    today = today or timezone.localdate()
    return (
        measures_of(programme)
        .filter(status__in=OPEN_STATUSES, ends_on__lt=today)
        .order_by("ends_on", "identifier")
    )


def status_counts(programme: Programme, today: dt.date | None = None) -> dict[str, int]:
    """How many measures show each status, late counted apart from its stored status."""
    today = today or timezone.localdate()
    counts = Counter(
        LATE if status in OPEN_STATUSES and ends_on < today else status
        for status, ends_on in measures_of(programme).values_list("status", "ends_on")
    )
    order = [*MeasureStatus.values[:2], LATE, *MeasureStatus.values[2:]]
    return {status: counts.get(status, 0) for status in order}


@dataclass
class Progress:
    """One item of "recent progress": a measure update or a published progress report."""

    date: dt.date
    measure: Measure
    party: str
    text: str


def recent_progress(programme: Programme, limit: int = 10) -> list[Progress]:
    """The newest measure updates and published progress reports, merged by date."""
    updates = MeasureUpdate.objects.filter(
        measure__goal__theme__programme=programme
    ).select_related("measure")[:limit]
    reports = progress_reports_published().filter(
        commitment__measure__goal__theme__programme=programme
    )[:limit]
    items = [Progress(u.date, u.measure, u.party, u.text) for u in updates]
    items += [
        Progress(r.date, r.commitment.measure, str(r.commitment.organization), r.text)
        for r in reports
    ]
    return sorted(items, key=lambda item: item.date, reverse=True)[:limit]


def goal_get(public_id: str) -> Goal:
    return Goal.objects.select_related("theme__programme").get(public_id=public_id)


def measure_get(public_id: str) -> Measure:
    return (
        _measures()
        .select_related("goal__theme__programme")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("organization", "municipality"),
            ),
            "tasks",
        )
        .get(public_id=public_id)
    )


def commitments_published(measure: Measure | None = None) -> QuerySet[Commitment]:
    """Public commitments of associations whose own listing is public."""
    queryset = Commitment.objects.filter(
        publication_status=PUBLISHED, organization__publication_status=PUBLISHED
    ).select_related("organization", "measure")
    return queryset.filter(measure=measure) if measure is not None else queryset


def progress_reports_published() -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(
        publication_status=PUBLISHED,
        commitment__publication_status=PUBLISHED,
        commitment__organization__publication_status=PUBLISHED,
    ).select_related("commitment__organization", "commitment__measure")


def organization_commitments(organization) -> QuerySet[Commitment]:
    """An association's public commitments, for its page."""
    return (
        commitments_published()
        .filter(organization=organization)
        .select_related("measure__goal__theme__programme")
    )


def commitments_of_editor(user, organization) -> QuerySet[Commitment]:
    """All of an association's commitments, drafts too, for its editors."""
    return (
        Commitment.objects.filter(organization=organization)
        .select_related("measure__goal__theme__programme")
        .prefetch_related("reports")
    )


@dataclass
class TimelineRow:
    measure: Measure
    cells: list[bool]  # one per quarter of the programme: scheduled in it or not


def timeline(programme: Programme) -> tuple[list[tuple[int, int]], list[TimelineRow]]:
    """The quarters of the programme's period and, per measure, the quarters it runs in."""
    quarters = [
        (year, quarter)
        for year in range(programme.start_year, programme.end_year + 1)
        for quarter in range(1, 5)
    ]
    rows = []
    for measure in measures_of(programme):
        cells = [
            measure.starts_on <= dt.date(year, 3 * quarter, 1)
            and measure.ends_on >= dt.date(year, 3 * quarter - 2, 1)
            for year, quarter in quarters
        ]
        rows.append(TimelineRow(measure, cells))
    return quarters, rows


def measure_public_texts(pks: list[int]) -> dict[int, list[tuple[str, str]]]:
    """{measure pk: [(text, language), ...]} of the measures' updates and their published
    progress reports, for the site search. The texts are as written (Finnish by default)."""
    found = defaultdict(list)
    updates = MeasureUpdate.objects.filter(measure_id__in=pks).order_by("measure_id", "pk")
    for measure_id, text in updates.values_list("measure_id", "text").iterator():
        found[measure_id].append((text, "fi"))
    reports = progress_reports_published().filter(commitment__measure_id__in=pks).order_by("pk")
    for measure_id, text in reports.values_list("commitment__measure_id", "text").iterator():
        found[measure_id].append((text, "fi"))
    return found
