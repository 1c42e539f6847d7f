"""Time the programme's dashboard on the benchmark database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakke_bench \
        .venv/bin/python bench/programme_bench.py --out bench/out/programme.json \
        --doc docs/benchmarks.md

Adds, once, a programme `bench-programme` beside the generated associations and events:
5 themes, 30 measures, commitments by BENCH_PROGRAMME_COMMITMENTS (10,000) of the
associations, two reports each, and 10 indicators with three years of monthly
snapshots for the region and each municipality. Then requests the dashboard (the whole
region and one municipality) in-process with Django's test client: after a warm-up, the
requests a reader makes while nothing changes (the rendered charts and tables come from
the cache), then the first request after each of a series of changes (everything
counted and drawn again). Reports p50/p95/p99 and the SQL queries of one request of
each kind. Rewrites its own section of docs/benchmarks.md. Target: p95 under 100 ms for
the readers' requests; the first request after a change is reported beside it.
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from municipalities.models import Municipality  # noqa: E402
from organizations.models import Organization  # noqa: E402
from programme.dashboard_cache import dashboards_changed  # noqa: E402
from programme.models import (  # noqa: E402
    Commitment,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    Programme,
    ProgressReport,
    Theme,
    period_end,
    period_start,
)

SLUG = "bench-programme"
TARGET_MS = 100


def setup_data(commitments: int) -> dict:
    """The bench programme, created once; its sizes.

    Written with bulk_create, which sends no signals: the bench's rows need no search
    index entries, and indexing them would wait for a search index build running beside
    (it holds the index tables' locks until it commits)."""
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None:
        random.seed(2026)
        with transaction.atomic():
            (programme,) = Programme.objects.bulk_create(
                [
                    Programme(
                        public_id="bench:programme",
                        data_source="bench",
                        slug=SLUG,
                        name_fi="Benchmark-ohjelma",
                        start_year=2025,
                        end_year=2028,
                    )
                ]
            )
            themes = Theme.objects.bulk_create(
                Theme(
                    public_id=f"bench:theme-{number}",
                    data_source="bench",
                    programme=programme,
                    number=number,
                    name_fi=f"Teema {number}",
                )
                for number in range(1, 6)
            )
            goals = Goal.objects.bulk_create(
                Goal(
                    public_id=f"bench:goal-{theme.number}",
                    data_source="bench",
                    theme=theme,
                    identifier=f"{theme.number}.1",
                    name_fi=f"Tavoite {theme.number}.1",
                )
                for theme in themes
            )
            measures = []
            for number, goal in enumerate(goals, start=1):
                for index in range(1, 7):
                    end_year = 2026 + index % 3
                    measures.append(
                        Measure(
                            public_id=f"bench:measure-{number}-{index}",
                            data_source="bench",
                            goal=goal,
                            identifier=f"{number}.1.{index}",
                            name_fi=f"Toimenpide {number}.1.{index}",
                            schedule_unit="half_year",
                            start_year=2025,
                            start_period=1,
                            end_year=end_year,
                            end_period=2,
                            # What Measure.save() works out, which bulk_create skips.
                            starts_on=period_start(2025, 1, "half_year"),
                            ends_on=period_end(end_year, 2, "half_year"),
                            status=random.choice(["not_started", "in_progress", "done"]),
                        )
                    )
            measures = Measure.objects.bulk_create(measures)
            org_ids = list(
                Organization.objects.order_by("pk").values_list("pk", flat=True)[:commitments]
            )
            rows = [
                Commitment(
                    public_id=f"bench:commitment-{i}",
                    data_source="bench",
                    measure=measures[i % len(measures)],
                    organization_id=org_id,
                    description="Teemme osamme.",
                )
                for i, org_id in enumerate(org_ids)
            ]
            Commitment.objects.bulk_create(rows, batch_size=2000)
            reports = [
                ProgressReport(
                    public_id=f"bench:report-{c.pk}-{n}",
                    data_source="bench",
                    commitment=c,
                    text="Edistyimme.",
                    date=dt.date(2026, 1 + n, 1),
                )
                for c in Commitment.objects.filter(
                    data_source="bench", measure__goal__theme__programme=programme
                )
                for n in range(2)
            ]
            ProgressReport.objects.bulk_create(reports, batch_size=2000)
            municipalities = list(Municipality.objects.all())
            today = timezone.localdate().replace(day=1)
            indicators = Indicator.objects.bulk_create(
                Indicator(
                    public_id=f"bench:indicator-{number}",
                    data_source="bench",
                    programme=programme,
                    name_fi=f"Mittari {number}",
                    kind="computed",
                    source_key="programme.commitments",
                    target=500,
                )
                for number in range(10)
            )
            for indicator in indicators:
                values = []
                for back in range(36):
                    months = today.year * 12 + today.month - 1 - back
                    date = dt.date(months // 12, months % 12 + 1, 1)
                    for municipality in [None, *municipalities]:
                        values.append(
                            IndicatorValue(
                                indicator=indicator,
                                date=date,
                                municipality=municipality,
                                value=random.randint(0, 500),
                            )
                        )
                IndicatorValue.objects.bulk_create(values, batch_size=5000)
        if connection.vendor == "postgresql":  # statistics for the rows just inserted
            tables = [
                model._meta.db_table
                for model in (Programme, Theme, Goal, Measure, Commitment, ProgressReport)
            ]
            tables += [Indicator._meta.db_table, IndicatorValue._meta.db_table]
            with connection.cursor() as cursor:
                # These tables only: a whole-database ANALYZE would wait for the locks of
                # a search index build running beside.
                cursor.execute(f"ANALYZE {', '.join(tables)}")
    return {
        "organizations": Organization.objects.count(),
        "commitments": Commitment.objects.filter(
            measure__goal__theme__programme__slug=SLUG
        ).count(),
        "reports": ProgressReport.objects.filter(
            commitment__measure__goal__theme__programme__slug=SLUG
        ).count(),
        "indicator_values": IndicatorValue.objects.filter(indicator__programme__slug=SLUG).count(),
    }


def _percentiles(times: list[float]) -> dict:
    times = sorted(times)
    pick = lambda q: round(times[min(len(times) - 1, int(q * len(times)))], 1)  # noqa: E731
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": pick(0.95),
        "p99_ms": pick(0.99),
    }


def _timed(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed


def time_page(client: Client, url: str, requests: int, warmup: int, changes: int) -> dict:
    """The readers' requests (the dashboard unchanged since it was drawn), then the first
    request after each of `changes` changes of the programme's data."""
    for _ in range(warmup):
        assert client.get(url).status_code == 200
    warm = [_timed(client, url) for _ in range(requests)]
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    warm_queries = len(queries)
    after_change = []
    for _ in range(changes):
        dashboards_changed()  # what any saved programme row, report or snapshot does
        after_change.append(_timed(client, url))
    dashboards_changed()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "url": url,
        "requests": requests,
        **_percentiles(warm),
        "queries": warm_queries,
        "after_change": {"requests": changes, **_percentiles(after_change)},
        "after_change_queries": len(queries),
    }


def report(result: dict, doc: Path) -> None:
    ok = all(page["p95_ms"] < TARGET_MS for page in result["pages"])
    sizes = result["sizes"]
    lines = [
        f"Generated by `make bench` (bench/programme_bench.py) on {result['when']}. "
        f"Overall: **{'PASS' if ok else 'FAIL'}** (target: p95 under {TARGET_MS} ms).",
        "",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}; load average {result['load']}",
        f"- Database: {connection.vendor} {connection.settings_dict['NAME']} with "
        f"{sizes['organizations']:,} associations and {result['events']:,} events; the bench "
        f"programme has 30 measures, {sizes['commitments']:,} commitments, "
        f"{sizes['reports']:,} progress reports and {sizes['indicator_values']:,} indicator "
        "values (10 indicators, 36 months, the region and each municipality)",
        "- In-process requests with Django's test client (no HTTP), sequential, after a "
        f"warm-up; cache: {result['cache']}",
        "",
        "Readers' requests: nothing changed since the dashboard was drawn, so its charts, "
        "tables and counts come from the cache.",
        "",
        "| page | requests | p50 ms | p95 ms | p99 ms | SQL queries | result |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in result["pages"]:
        verdict = "PASS" if page["p95_ms"] < TARGET_MS else "FAIL"
        lines.append(
            f"| `{page['url']}` | {page['requests']} | {page['p50_ms']} | {page['p95_ms']} | "
            f"{page['p99_ms']} | {page['queries']} | {verdict} |"
        )
    lines += [
        "",
        "The first request after a change of the programme's data (a measure, commitment, "
        "progress report, indicator or snapshot saved): everything counted and drawn again.",
        "",
        "| page | requests | p50 ms | p95 ms | p99 ms | SQL queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in result["pages"]:
        cold = page["after_change"]
        lines.append(
            f"| `{page['url']}` | {cold['requests']} | {cold['p50_ms']} | {cold['p95_ms']} | "
            f"{cold['p99_ms']} | {page['after_change_queries']} |"
        )
    lines += [
        "",
        "The dashboard counts the programme's commitments and reports and reads the "
        "indicators' stored monthly snapshots (never the events or associations "
        "themselves), and keeps what it drew per programme, municipality, language and day "
        "until the programme's data changes (programme.dashboard_cache).",
    ]
    text = doc.read_text()
    start, end = "<!-- bench:programme -->", "<!-- /bench:programme -->"
    if start not in text:
        text += f"\n## Programme dashboard\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _old, tail = rest.split(end, 1)
    doc.write_text(head + start + "\n" + "\n".join(lines) + "\n" + end + tail)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--commitments",
        type=int,
        default=int(os.environ.get("BENCH_PROGRAMME_COMMITMENTS", 10_000)),
    )
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "programme.json"))
    parser.add_argument("--doc", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    from events.models import Event

    sizes = setup_data(args.commitments)
    municipality = Municipality.objects.order_by("code").first()
    client = Client(HTTP_HOST="127.0.0.1")
    with translation.override("fi"):
        urls = [reverse("programme:dashboard", args=[SLUG])]
        if municipality:
            urls.append(reverse("programme:municipality_dashboard", args=[SLUG, municipality.slug]))
    pages = [time_page(client, url, args.requests, args.warmup, args.changes) for url in urls]
    result = {
        "when": timezone.now().strftime("%Y-%m-%d %H:%M UTC"),
        "load": [round(x, 2) for x in os.getloadavg()],
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "events": Event.objects.count(),
        "sizes": sizes,
        "pages": pages,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    report(result, Path(args.doc))
    print(json.dumps(pages, indent=2))
    if any(page["p95_ms"] >= TARGET_MS for page in pages):
        sys.exit(1)


if __name__ == "__main__":
    main()
