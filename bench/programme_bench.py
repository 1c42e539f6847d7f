"""Time the programme's dashboard on the benchmark database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakke_bench \
        .venv/bin/python bench/programme_bench.py --out bench/out/programme.json \
        --doc docs/benchmarks.md

Adds, once, a programme `bench-programme` beside the generated associations and events:
5 themes, 30 measures, commitments by BENCH_PROGRAMME_COMMITMENTS (10,000) of the
associations, two reports each, and 10 indicators with three years of monthly
snapshots for the region and each municipality. Then requests the dashboard (the whole
region and one municipality) in-process with Django's test client, a warm-up first,
and reports p50/p95/p99 and the SQL queries of one request. Rewrites its own section of
docs/benchmarks.md. Target: p95 under 100 ms.
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

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from municipalities.models import Municipality  # noqa: E402
from organizations.models import Organization  # noqa: E402
from programme.models import (  # noqa: E402
    Commitment,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    Programme,
    ProgressReport,
    Theme,
)

SLUG = "bench-programme"
TARGET_MS = 100


def setup_data(commitments: int) -> dict:
    """The bench programme, created once; its sizes."""
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None:
        random.seed(2026)
        with transaction.atomic():
            programme = Programme.objects.create(
                public_id="bench:programme",
                data_source="bench",
                slug=SLUG,
                name_fi="Benchmark-ohjelma",
                start_year=2025,
                end_year=2028,
            )
            measures = []
            for number in range(1, 6):
                theme = Theme.objects.create(
                    public_id=f"bench:theme-{number}",
                    data_source="bench",
                    programme=programme,
                    number=number,
                    name_fi=f"Teema {number}",
                )
                goal = Goal.objects.create(
                    public_id=f"bench:goal-{number}",
                    data_source="bench",
                    theme=theme,
                    identifier=f"{number}.1",
                    name_fi=f"Tavoite {number}.1",
                )
                for index in range(1, 7):
                    measure = Measure(
                        public_id=f"bench:measure-{number}-{index}",
                        data_source="bench",
                        goal=goal,
                        identifier=f"{number}.1.{index}",
                        name_fi=f"Toimenpide {number}.1.{index}",
                        schedule_unit="half_year",
                        start_year=2025,
                        start_period=1,
                        end_year=2026 + index % 3,
                        end_period=2,
                        status=random.choice(["not_started", "in_progress", "done"]),
                    )
                    measure.save()
                    measures.append(measure)
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
            for number in range(10):
                indicator = Indicator.objects.create(
                    public_id=f"bench:indicator-{number}",
                    data_source="bench",
                    programme=programme,
                    name_fi=f"Mittari {number}",
                    kind="computed",
                    source_key="programme.commitments",
                    target=500,
                )
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
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
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


def time_page(client: Client, url: str, requests: int, warmup: int) -> dict:
    for _ in range(warmup):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    pick = lambda q: round(times[min(len(times) - 1, int(q * len(times)))], 1)  # noqa: E731
    return {
        "url": url,
        "requests": requests,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": pick(0.95),
        "p99_ms": pick(0.99),
        "queries": len(queries),
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
        "- In-process requests with Django's test client (no HTTP), sequential, after a warm-up",
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
        "The dashboard reads four counts over the programme's commitments and reports (kept "
        "in the cache for SAKKE_PROGRAMME_DASHBOARD_SECONDS, 60 s, so most requests run "
        "the 5 or 6 queries above) and the indicators' stored monthly snapshots; it never "
        "counts events or associations itself.",
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
    pages = [time_page(client, url, args.requests, args.warmup) for url in urls]
    result = {
        "when": timezone.now().strftime("%Y-%m-%d %H:%M UTC"),
        "load": [round(x, 2) for x in os.getloadavg()],
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
