"""Time the directory's hot pages and API calls against a running server.

    .venv/bin/python bench/measure.py --base http://127.0.0.1:8123 --out bench/out/http.json

Sends sequential requests (a warm-up first, then the measured ones) over one
keep-alive connection where the server allows it, with varied parameters drawn from a
fixed seed, and reports p50/p95/p99 per scenario. Afterwards one request of each
scenario runs in-process to count its SQL queries, and the slowest of them is run
again under EXPLAIN ANALYZE (written to bench/out/explain-<scenario>.txt).

Only 127.0.0.1 is ever contacted.
"""

import argparse
import datetime as dt
import http.client
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from events.models import Event  # noqa: E402
from municipalities.models import Municipality  # noqa: E402

TIMEOUT = 30  # seconds per request


class BenchError(Exception):
    """A part of the stack the benchmark needs is missing or broken."""


def log(message: str) -> None:
    print(f"[measure {time.strftime('%H:%M:%S')}] {message}", flush=True)


class HttpClient:
    """Sequential requests to one local server, reusing the connection when allowed."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        if parts.hostname != "127.0.0.1":
            raise BenchError(f"refusing to send traffic to {parts.hostname}: 127.0.0.1 only")
        self.host, self.port = parts.hostname, parts.port
        self.conn = None

    def get(self, path: str) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            self.conn.request("GET", path, headers={"Accept": "*/*"})
            response = self.conn.getresponse()
            body = response.read()
        except (http.client.HTTPException, OSError):
            self.close()
            raise
        elapsed = time.perf_counter() - started
        if response.will_close:  # gunicorn's sync workers close after each response
            self.close()
        return response.status, body, elapsed

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def load_average() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    rank = max(1, min(len(sorted_values), round(p / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


class Scenarios:
    """URL factories for each measured call, with parameters drawn from the data."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.codes = list(Municipality.objects.values_list("code", flat=True))
        if not self.codes:
            raise BenchError("no municipalities in the database: did the generator run?")
        self.event_ids = list(
            Event.objects.filter(public_id__startswith="bench:").values_list("id", flat=True)[:1]
        )
        if not self.event_ids:
            raise BenchError("no bench:event-* rows in the database: did the generator run?")
        self.event_total = Event.objects.count()
        self.today = timezone.localdate()
        try:
            with translation.override("fi"):
                self.organization_page = reverse("organizations:list")
        except NoReverseMatch as error:
            raise BenchError(
                "the organization list page is not routed: reverse('organizations:list') "
                f"fails ({error})"
            ) from error

    def event_list(self) -> str:
        start = self.today + dt.timedelta(days=self.rng.randint(-300, 300))
        end = start + dt.timedelta(days=self.rng.choice((0, 6, 30)))
        query = {"municipality": self.rng.choice(self.codes), "start": start, "end": end}
        return "/api/v1/event/?" + urlencode(query)

    def event_list_plain(self) -> str:
        return "/api/v1/event/?" + urlencode({"page": self.rng.randint(1, 10)})

    def event_detail(self) -> str:
        n = self.rng.randint(1, self.event_total)
        return f"/api/v1/event/bench:event-{n:07d}/"

    def organization_page_list(self) -> str:
        query = {"page": self.rng.randint(1, 20)}
        if self.rng.random() < 0.5:
            query["municipality"] = self.rng.choice(self.codes)
        return f"{self.organization_page}?{urlencode(query)}"

    def organization_api(self) -> str:
        query = {"page": self.rng.randint(1, 20)}
        if self.rng.random() < 0.5:
            query["municipality"] = self.rng.choice(self.codes)
        return "/api/v1/organization/?" + urlencode(query)


# name, title, URL factory, whether the result counts as a target measurement
SCENARIOS = [
    ("event_list", "Event list API, municipality + date window", "event_list", True),
    ("organization_page", "Organization list page (fi)", "organization_page_list", True),
    ("event_detail", "Event detail API", "event_detail", True),
    ("event_list_plain", "Event list API, no filters (pages 1–10)", "event_list_plain", False),
    ("organization_api", "Organization list API", "organization_api", False),
]


def check_response(name: str, url: str, status: int, body: bytes, api: bool) -> None:
    if status == 404 and not api:
        raise BenchError(f"{name}: {url} answered 404: is the page routed?")
    if status == 404 and api:
        raise BenchError(f"{name}: {url} answered 404: is the endpoint in api/urls.py?")
    if status != 200:
        raise BenchError(f"{name}: {url} answered {status}: {body[:300]!r}")
    if api:
        try:
            json.loads(body)
        except ValueError as error:
            raise BenchError(f"{name}: {url} did not return JSON: {body[:200]!r}") from error


def run_scenario(client, scenarios, name, factory, requests, warmup, budget) -> dict:
    """Warm up, then time `requests` calls; stop early when `budget` seconds are spent."""
    make_url = getattr(scenarios, factory)
    api = name != "organization_page"
    url = make_url()
    status, body, _ = client.get(url)
    check_response(name, url, status, body, api)  # fail fast with a clear message
    warmup_deadline = time.monotonic() + budget / 4
    for _ in range(warmup - 1):
        if time.monotonic() > warmup_deadline:
            break
        client.get(make_url())
    timings, errors, counts, sizes = [], [], [], []
    deadline = time.monotonic() + budget
    stopped_early = False
    for _ in range(requests):
        if time.monotonic() > deadline:
            stopped_early = True
            log(f"  {name}: time budget of {budget} s spent after {len(timings)} requests")
            break
        url = make_url()
        status, body, elapsed = client.get(url)
        if status != 200:
            errors.append(f"{status} {url}")
            continue
        timings.append(elapsed * 1000)
        sizes.append(len(body))
        if api and name != "event_detail":
            counts.append(json.loads(body)["meta"]["count"])
    if not timings:
        raise BenchError(f"{name}: every request failed, e.g. {errors[:3]}")
    timings.sort()
    result = {
        "requests": len(timings),
        "errors": len(errors),
        "error_examples": errors[:5],
        "p50": round(percentile(timings, 50), 1),
        "p95": round(percentile(timings, 95), 1),
        "p99": round(percentile(timings, 99), 1),
        "mean": round(statistics.fmean(timings), 1),
        "max": round(timings[-1], 1),
        "median_bytes": int(statistics.median(sizes)),
        "example": url,
        "stopped_early": stopped_early,
    }
    if counts:
        result["median_result_count"] = int(statistics.median(counts))
    return result


def probe_queries(scenarios, factory, name, out_dir: Path, samples: int = 5) -> dict:
    """Count one request's SQL in-process; EXPLAIN ANALYZE the slowest statement seen."""
    client = Client(HTTP_HOST="127.0.0.1")
    make_url = getattr(scenarios, factory)
    slowest = (0.0, "", "")
    counts = []
    for _ in range(samples):
        url = make_url()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            continue
        counts.append(len(captured.captured_queries))
        for query in captured.captured_queries:
            if float(query["time"]) * 1000 > slowest[0]:
                slowest = (float(query["time"]) * 1000, query["sql"], url)
        log(f"  {name}: {len(captured.captured_queries)} queries, {elapsed:.0f} ms in-process")
    result = {"queries": max(counts) if counts else None, "slowest_sql_ms": round(slowest[0], 1)}
    if slowest[1]:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest[1])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        (out_dir / f"explain-{name}.txt").write_text(
            f"-- {slowest[2]}\n-- {slowest[0]:.1f} ms in the request\n{slowest[1]}\n\n{plan}\n"
        )
        result["slowest_sql"] = slowest[1][:300]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8123")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--budget", type=int, default=120, help="seconds of measuring per scenario, at most"
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--only", nargs="*", help="scenario names to run")
    args = parser.parse_args()
    if not 1 <= args.requests <= 5000 or not 1 <= args.warmup <= 1000:
        sys.exit("measure.py: keep --requests within 1..5000 and --warmup within 1..1000")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    results, failures = {}, {}
    try:
        scenarios = Scenarios(random.Random(args.seed))
    except BenchError as error:
        sys.exit(f"measure.py: {error}")
    client = HttpClient(args.base)
    load_before = load_average()
    for name, title, factory, target in SCENARIOS:
        if args.only and name not in args.only:
            continue
        log(f"{title}: {args.warmup} warm-up + {args.requests} requests")
        try:
            result = run_scenario(
                client, scenarios, name, factory, args.requests, args.warmup, args.budget
            )
            result.update(probe_queries(scenarios, factory, name, args.out.parent))
        except BenchError as error:
            log(f"FAILED {error}")
            failures[name] = str(error)
            continue
        except (OSError, http.client.HTTPException) as error:
            log(f"FAILED {name}: {error!r}")
            failures[name] = f"{type(error).__name__}: {error}"
            continue
        result.update(title=title, target=target)
        results[name] = result
        log(
            f"  p50 {result['p50']} ms, p95 {result['p95']} ms, p99 {result['p99']} ms, "
            f"{result['errors']} errors, {result.get('queries')} queries"
        )
    client.close()
    # The machine may be shared: a high load average means the times are inflated.
    load = {"before": load_before, "after": load_average()}
    if args.only and args.out.exists():  # re-measuring some kinds: keep the others
        earlier = json.loads(args.out.read_text())
        merged = {**earlier.get("results", {}), **results}
        results = {name: merged[name] for name, *_ in SCENARIOS if name in merged}
        failures = {
            k: v for k, v in {**earlier.get("failures", {}), **failures}.items() if k not in results
        }
    args.out.write_text(
        json.dumps({"results": results, "failures": failures, "load": load}, indent=2)
    )
    if failures:
        sys.exit(f"measure.py: {len(failures)} scenario(s) failed: {', '.join(failures)}")


if __name__ == "__main__":
    main()
