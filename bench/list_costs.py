"""What the lists with `q` cost in Python, request by request (issue 14; docs/benchmarks.md).

    DATABASE_URL=... .venv/bin/python bench/list_costs.py time [--rounds 20] [--only NAME]
        [--worker] [--json FILE]
    DATABASE_URL=... .venv/bin/python bench/list_costs.py profile --only NAME [--top 30]
    DATABASE_URL=... .venv/bin/python bench/list_costs.py save DIR
    DATABASE_URL=... .venv/bin/python bench/list_costs.py compare DIR

In one process, with django.test.Client against the real URLs, DEBUG and the page cache
off: `time` warms up (every request once), then times --rounds rounds of every request
and prints each one's p50/p95 in ms, the p50 of its time in SQL and of the process's CPU
time (what the list's own Python costs, whatever else runs on the machine), and its
database queries; --worker first warms up and freezes the heap as config/gunicorn.conf.py
does for each web worker. `profile` prints cProfile's
top list of one request repeated. `save` writes the body of every request (the timed
ones and a few more: other pages, 100 a page, sort, several words, other languages) to
DIR, and `compare` checks that each body is still byte for byte the same. Dates are
fixed, so a saved set can be compared on another day. Works on the sample data
(`import_dataset ../shared/data/pohjois-savo-sample.json --index-now`), SQLite or
PostgreSQL. Not a test: timings go to docs/benchmarks.md by hand.
"""

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ["DEBUG"] = "False"
os.environ.setdefault("SECRET_KEY", "list-costs-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

YEAR = {"start": "2026-12-08", "end": "2027-12-08"}
EVENT, ORG, ACTIVITY = "/api/v1/event/", "/api/v1/organization/", "/api/v1/activity/"

#: (name, path, query parameters): timed and saved.
TIMED = [
    ("event konsertti year", EVENT, {"q": "konsertti", **YEAR}),
    ("event kuoro", EVENT, {"q": "kuoro"}),
    ("event tuolijumppa 297", EVENT, {"q": "tuolijumppa", "municipality": "297"}),
    ("event konsertti year p3", EVENT, {"q": "konsertti", **YEAR, "page": "3"}),
    ("org liikunta", ORG, {"q": "liikunta"}),
    ("org kuoro", ORG, {"q": "kuoro"}),
    ("org eläkeläiset 297", ORG, {"q": "eläkeläiset", "municipality": "297"}),
    ("activity tuolijumppa", ACTIVITY, {"q": "tuolijumppa"}),
    ("activity kuoro", ACTIVITY, {"q": "kuoro"}),
    # The same lists without q, for comparison.
    ("event year", EVENT, YEAR),
    ("event 297", EVENT, {"municipality": "297"}),
    ("event year p3", EVENT, {**YEAR, "page": "3"}),
    ("org", ORG, {}),
    ("org 297", ORG, {"municipality": "297"}),
    ("activity", ACTIVITY, {}),
]
#: Saved and compared only.
MORE = [
    ("event konsertti year p2", EVENT, {"q": "konsertti", **YEAR, "page": "2"}),
    ("event kuoro p2", EVENT, {"q": "kuoro", "page": "2"}),
    ("event kuoro 100", EVENT, {"q": "kuoro", "page_size": "100"}),
    ("event konsertti sort", EVENT, {"q": "konsertti", "sort": "start_time"}),
    ("event konsertti sort desc", EVENT, {"q": "konsertti", "sort": "-end_time"}),
    ("event text kuoro year", EVENT, {"text": "kuoro", **YEAR}),
    ("event two words", EVENT, {"q": "konsertti kuopio"}),
    ("event three words", EVENT, {"q": "jumppaa eläkeläisille Kuopiossa"}),
    ("event nothing", EVENT, {"q": "xyzzy plugh"}),
    ("event page 1 100", EVENT, {"page_size": "100"}),
    ("event topic", EVENT, {"topic": "liikunta", "is_free": "true"}),
    ("org liikunta p2", ORG, {"q": "liikunta", "page": "2"}),
    ("org liikunta 100", ORG, {"q": "liikunta", "page_size": "100"}),
    ("org two words", ORG, {"q": "omaishoitajien vertaistuki"}),
    ("org stale", ORG, {"q": "kuoro", "include_stale": "true"}),
    ("org p2", ORG, {"page": "2"}),
    ("activity 100", ACTIVITY, {"page_size": "100"}),
    ("activity liikunta", ACTIVITY, {"q": "liikunta"}),
    ("activity ryhmä", ACTIVITY, {"q": "ryhmä", "municipality": "297"}),
    ("event bad end", EVENT, {"q": "kuoro", "start": "2027-01-01", "end": "2026-01-01"}),
]
#: Languages asked of some: (name suffix, Accept-Language).
LANGUAGES = [("sv", "sv"), ("en", "en")]
IN_LANGUAGES = ["event kuoro", "org liikunta", "activity kuoro", "event bad end"]


def url(path: str, params: dict) -> str:
    return f"{path}?{urllib.parse.urlencode(params)}" if params else path


def every_request() -> list[tuple[str, str, str]]:
    """(name, url, Accept-Language) of every saved request."""
    found = [(name, url(path, params), "fi") for name, path, params in TIMED + MORE]
    for suffix, language in LANGUAGES:
        found += [(f"{name} {suffix}", u, language) for name, u, _ in found if name in IN_LANGUAGES]
    return found


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    rank = max(1, min(len(values), round(p / 100 * len(values) + 0.5)))
    return values[rank - 1]


def client():
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1")


def get(c, path: str, language: str = "fi"):
    return c.get(path, HTTP_ACCEPT_LANGUAGE=language)


def chosen(only: list[str] | None) -> list[tuple[str, str]]:
    rows = [(name, url(path, params)) for name, path, params in TIMED]
    if only:
        rows = [(n, u) for n, u in rows if any(o in n for o in only)]
    return rows


def time_requests(args) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client()
    rows = chosen(args.only)
    queries, counts = {}, {}
    for name, path in rows:  # warm-up, and the queries of one
        get(c, path)
        with CaptureQueriesContext(connection) as captured:
            response = get(c, path)
        queries[name] = len(captured.captured_queries)
        counts[name] = response.json().get("meta", {}).get("count")
    if args.worker:  # as config/gunicorn.conf.py readies each web worker
        from core.warmup import warm

        warm()
        gc.collect()
        gc.freeze()
    times = {name: [] for name, _ in rows}
    sql = {name: [] for name, _ in rows}
    cpu = {name: [] for name, _ in rows}
    spent = [0.0]

    def timed_sql(execute, query, params, many, context):
        started = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            spent[0] += time.perf_counter() - started

    with connection.execute_wrapper(timed_sql):
        for _ in range(args.rounds):
            for name, path in rows:
                spent[0] = 0.0
                started, started_cpu = time.perf_counter(), time.process_time()
                get(c, path)
                times[name].append((time.perf_counter() - started) * 1000)
                cpu[name].append((time.process_time() - started_cpu) * 1000)
                sql[name].append(spent[0] * 1000)
    load = os.getloadavg()
    print(f"{args.rounds} rounds, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          f"{connection.vendor}")  # fmt: skip
    columns = ("p50", "p95", "sql p50", "cpu p50", "queries", "count")
    print(f"{'request':28} " + " ".join(f"{c:>7}" for c in columns))
    summary = {}
    for name, _ in rows:
        p50, p95 = percentile(times[name], 50), percentile(times[name], 95)
        in_sql, in_cpu = percentile(sql[name], 50), percentile(cpu[name], 50)
        summary[name] = {
            "p50": round(p50, 1),
            "p95": round(p95, 1),
            "sql_p50": round(in_sql, 1),
            "cpu_p50": round(in_cpu, 1),
            "queries": queries[name],
        }
        numbers = f"{p50:7.1f} {p95:7.1f} {in_sql:7.1f} {in_cpu:7.1f}"
        print(f"{name:28} {numbers} {queries[name]:7} {counts[name]!s:>7}")
    q_times = [t for (name, path) in rows if "q=" in path for t in times[name]]
    q_cpu = [t for (name, path) in rows if "q=" in path for t in cpu[name]]
    if q_times:
        print(
            f"{'all with q':28} {percentile(q_times, 50):7.1f} {percentile(q_times, 95):7.1f}"
            f" {'':7} {percentile(q_cpu, 50):7.1f}   p99 {percentile(q_times, 99):.1f}"
            f" max {max(q_times):.1f}"
        )
        summary["all with q"] = {
            "p50": round(percentile(q_times, 50), 1),
            "p95": round(percentile(q_times, 95), 1),
            "p99": round(percentile(q_times, 99), 1),
            "max": round(max(q_times), 1),
            "cpu_p50": round(percentile(q_cpu, 50), 1),
        }
    if args.json:
        Path(args.json).write_text(json.dumps({"load": load, "requests": summary}, indent=1))


def profile(args) -> None:
    c = client()
    rows = chosen(args.only)
    for _, path in rows:
        get(c, path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.rounds):
        for _, path in rows:
            get(c, path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


def save(args) -> None:
    out = Path(args.dir)
    out.mkdir(parents=True, exist_ok=True)
    c = client()
    for name, path, language in every_request():
        response = get(c, path, language)
        body = f"{response.status_code}\n".encode() + response.content
        (out / f"{name}.json").write_bytes(body)
    print(f"saved {len(every_request())} responses to {out}")


def compare(args) -> None:
    saved = Path(args.dir)
    c = client()
    different = []
    for name, path, language in every_request():
        response = get(c, path, language)
        body = f"{response.status_code}\n".encode() + response.content
        if (saved / f"{name}.json").read_bytes() != body:
            different.append(name)
    print(f"{len(every_request()) - len(different)} identical, {len(different)} different")
    for name in different:
        print(f"  DIFFERENT: {name}")
    sys.exit(1 if different else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    timing = commands.add_parser("time")
    timing.add_argument("--rounds", type=int, default=20)
    timing.add_argument("--only", nargs="*")
    timing.add_argument("--json")
    timing.add_argument(
        "--worker", action="store_true", help="warm up and freeze as a gunicorn worker does"
    )
    profiling = commands.add_parser("profile")
    profiling.add_argument("--only", nargs="*")
    profiling.add_argument("--rounds", type=int, default=20)
    profiling.add_argument("--top", type=int, default=35)
    profiling.add_argument("--sort", default="cumulative")
    for name in ("save", "compare"):
        commands.add_parser(name).add_argument("dir")
    args = parser.parse_args()

    import django

    django.setup()
    {"time": time_requests, "profile": profile, "save": save, "compare": compare}[args.command](
        args
    )


if __name__ == "__main__":
    main()
