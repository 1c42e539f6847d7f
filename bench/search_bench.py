"""The search benchmark (docs/benchmarks.md, "Search"), in three steps run by bench/run.sh:

    # On the 100k/1M database: rebuild the index (timed), then time search, autocomplete
    # and the lists' `q` (/api/v1/event/?q=..., organization, activity; in-process)
    DATABASE_URL=.../sakke_bench python bench/search_bench.py latency \
        --out bench/out/search-latency.json [--base http://127.0.0.1:PORT]
    # On a small database with the sample dataset: nDCG@10 and recall@20 (engine, baseline)
    DATABASE_URL=... python manage.py evaluate_search --json bench/out/search-eval-postgresql.json
    # Rewrite the section between <!-- bench:search --> and <!-- /bench:search -->
    python bench/search_bench.py report --out-dir bench/out --doc docs/benchmarks.md

Calls are in-process (search.services), sequential; with --base also over HTTP to
/api/v1/search/ on the server run.sh started.
"""

import argparse
import datetime as dt
import gc
import http.client
import json
import os
import sys
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

START, END = "<!-- bench:search -->", "<!-- /bench:search -->"
SEARCH_TARGET_MS = 50
AUTOCOMPLETE_TARGET_MS = 20
LIST_TARGET_MS = 50
NDCG_TARGET = 0.85

# Varied on purpose: one word and several, a municipality in the text and as a filter,
# compounds, inflections, typos, names, Swedish and words matching a lot or nothing.
QUERIES = [
    ("tuolijumppa", {}),
    ("konsertti kuopio", {}),
    ("eläkeläiset", {}),
    ("kuorot", {}),
    ("reumayhdistys", {}),
    ("perhekahvila", {}),
    ("lentopalo", {}),
    ("kyläjuhla iisalmessa", {}),
    ("metsästysseura", {}),
    ("Kotkalahden Eläkeläiset", {}),
    ("digiopastus senioreille", {}),
    ("vertaistukiryhmä", {}),
    ("marttayhdistys", {"municipality": "297"}),
    ("lukupiiri", {}),
    ("kirpputori varkaus", {}),
    ("tanssit", {}),
    ("taidenäyttely", {"types": ["event"]}),
    ("ensiapukurssi", {}),
    ("nuorisoseura tervo", {}),
    ("partiolaiset", {}),
    ("sydänyhdistys", {"municipality": "915"}),
    ("omaishoitajien vertaistuki", {}),
    ("kalastusseura", {}),
    ("jumppaa eläkeläisille Kuopiossa", {}),
    ("laulukerho", {}),
    ("yleinen kokous", {}),
    ("SPR", {}),
    ("4H", {}),
    ("pensionärer", {}),
    ("xyzzy plugh", {}),
]
# `q` on the lists (issue 14): a word with a year's date window, as Linked Events' `text`,
# common words on the association list, a municipality beside the text, an activity.
YEAR_AHEAD = (dt.date.today() + dt.timedelta(days=365)).isoformat()
LIST_QUERIES = [
    ("/api/v1/event/", {"q": "konsertti", "start": "today", "end": YEAR_AHEAD}),
    ("/api/v1/event/", {"text": "kuoro", "start": "today", "end": YEAR_AHEAD}),
    ("/api/v1/event/", {"q": "kuoro"}),
    ("/api/v1/event/", {"q": "tuolijumppa", "municipality": "297"}),
    ("/api/v1/event/", {"q": "konsertti", "start": "today", "end": YEAR_AHEAD, "page": "3"}),
    ("/api/v1/organization/", {"q": "liikunta"}),
    ("/api/v1/organization/", {"q": "kuoro"}),
    ("/api/v1/organization/", {"q": "eläkeläiset", "municipality": "297"}),
    ("/api/v1/activity/", {"q": "tuolijumppa"}),
    ("/api/v1/activity/", {"q": "kuoro"}),
]
PREFIXES = ["k", "ku", "kuo", "tuol", "eläk", "per", "lento", "mar", "kylä", "nuor", "sydä",
            "vert", "kirp", "ta", "om", "met", "kons", "Kotkal", "iisalm", "luk"]  # fmt: skip


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list (as bench/measure.py)."""
    rank = max(1, min(len(sorted_values), round(p / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def summarize(times_ms: list[float], **extra) -> dict:
    values = sorted(times_ms)
    return {
        "n": len(values),
        "p50": round(percentile(values, 50), 1),
        "p95": round(percentile(values, 95), 1),
        "p99": round(percentile(values, 99), 1),
        "max": round(values[-1], 1),
        **extra,
    }


def timed_rounds(calls, *, rounds: int, budget: float) -> tuple[list[float], bool]:
    """Run every call once to warm up, then `rounds` times over, within `budget` seconds."""
    for call in calls:
        call()
    times, deadline = [], time.monotonic() + budget
    for _ in range(rounds):
        for call in calls:
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        if time.monotonic() > deadline:
            return times, True
    return times, False


def latency(args) -> int:
    import django

    django.setup()
    from django.db import connection

    from search.index import rebuild_search_index
    from search.services import autocomplete, search

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM organizations_organization")
        organizations = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM events_event")
        events = cursor.fetchone()[0]
    if args.reuse_index:
        from search.models import SearchEntry

        entries, index_seconds = SearchEntry.objects.count(), None
        print(f"[search] reusing the index of {entries:,} entries (not rebuilt)", flush=True)
    else:
        print(f"[search] rebuilding the index of {organizations:,} orgs, {events:,} events")
        started = time.perf_counter()
        entries = rebuild_search_index()
        index_seconds = time.perf_counter() - started
        print(f"[search] index rebuilt in {index_seconds:.0f} s", flush=True)

    hits = {q: search(q, **p).total for q, p in QUERIES}
    # Timed as a web worker serves: warmed up, its long-lived objects frozen out of the
    # collector's full passes (config/gunicorn.conf.py; ~200 ms each, docs/benchmarks.md).
    from core.warmup import warm

    warm()
    gc.collect()
    gc.freeze()
    search_times, search_cut = timed_rounds(
        [lambda q=q, p=p: search(q, limit=20, **p) for q, p in QUERIES],
        rounds=args.rounds, budget=args.budget,
    )  # fmt: skip
    auto_times, auto_cut = timed_rounds(
        [lambda p=p: autocomplete(p, limit=8) for p in PREFIXES],
        rounds=args.rounds, budget=args.budget,
    )  # fmt: skip
    lists, list_counts, list_times, list_cut = list_latency(args)
    result = {
        "organizations": organizations,
        "events": events,
        "index_entries": entries,
        "index_seconds": None if index_seconds is None else round(index_seconds, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "search": summarize(search_times, stopped_early=search_cut),
        "autocomplete": summarize(auto_times, stopped_early=auto_cut),
        "lists": summarize(list_times, stopped_early=list_cut, errors=lists["errors"]),
        "list_counts": list_counts,
        "per_list_query": per_call(list(list_counts), list_times),
        "totals": hits,
        # Which queries make the p95: each one's median and slowest time.
        "per_query": per_call([f"{q} {p}" if p else q for q, p in QUERIES], search_times),
        "per_prefix": per_call(PREFIXES, auto_times),
    }
    if args.base:
        result["http"] = http_latency(args)
    Path(args.out).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    hidden = ("totals", "per_query", "per_prefix", "list_counts", "per_list_query")
    print(json.dumps({k: v for k, v in result.items() if k not in hidden}, indent=1))
    slowest = sorted(result["per_query"].items(), key=lambda item: -item[1]["max"])[:5]
    print("[search] slowest queries (p50/max ms): " + ", ".join(
        f"{q!r} {t['p50']}/{t['max']}" for q, t in slowest))  # fmt: skip
    return 0


def list_latency(args):
    """Time GET of the lists with `q` (LIST_QUERIES) in-process, through the whole view."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    paths = [f"{path}?{urllib.parse.urlencode(params)}" for path, params in LIST_QUERIES]
    status = {"errors": 0}
    counts = {}

    def get(path: str) -> None:
        response = client.get(path)
        if response.status_code != 200:
            status["errors"] += 1
        else:
            counts[path] = response.json()["meta"]["count"]

    for path in paths:
        get(path)
    times, cut = timed_rounds([lambda p=p: get(p) for p in paths], rounds=args.rounds,
                              budget=args.budget)  # fmt: skip
    return status, {p: counts.get(p) for p in paths}, times, cut


def per_call(names: list[str], times_ms: list[float]) -> dict:
    """{name: p50 and max} of calls timed round after round in the order of `names`."""
    found = {}
    for i, name in enumerate(names):
        own = sorted(times_ms[i :: len(names)])
        if own:
            found[name] = {"p50": round(percentile(own, 50), 1), "max": round(own[-1], 1)}
    return found


def http_latency(args) -> dict:
    base = urllib.parse.urlsplit(args.base)
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    status = {}

    def get(path: str) -> None:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        status[response.status] = status.get(response.status, 0) + 1

    paths = [
        "/api/v1/search/?" + urllib.parse.urlencode({"q": q, **{k: v for k, v in p.items()
                                                               if k == "municipality"}})
        for q, p in QUERIES
    ]  # fmt: skip
    get(paths[0])
    if status.get(404):
        return {"error": "/api/v1/search/ answered 404"}
    times, cut = timed_rounds([lambda p=p: get(p) for p in paths], rounds=args.rounds,
                              budget=args.budget)  # fmt: skip
    errors = sum(n for code, n in status.items() if code != 200)
    return summarize(times, stopped_early=cut, errors=errors, example=paths[1])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "**FAIL**"


def report(args) -> int:
    out = Path(args.out_dir)

    def load(name: str):
        path = out / name
        return json.loads(path.read_text()) if path.exists() else None

    lat = load("search-latency.json")
    evals = {db: load(f"search-eval-{db}.json") for db in ("postgresql", "sqlite")}
    ok = True
    lines = [
        f"Generated by `make bench` (bench/search_bench.py) on "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; the machine is the one described "
        "in the directory section.",
        "",
        "### Quality",
        "",
        f"Mean over the judged queries of `search/evaluation/queries.yaml` (graded 0–3 by "
        "written rules over the sample dataset, see that file); target nDCG@10 ≥ "
        f"{NDCG_TARGET} on both databases and clearly above the baseline (plain "
        "`to_tsvector('finnish', name || ' ' || description) @@ plainto_tsquery(...)` "
        "ranked by ts_rank). Recall@20 counts grade ≥ 1 as relevant; capped recall divides "
        "by min(20, relevant) so that 1.0 is reachable when more than 20 are relevant.",
        "",
        "| database | ranking | queries | nDCG@10 | recall@20 | capped recall@20 | result |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    failing = {}
    for db, result in evals.items():
        if not result:
            ok = False
            lines.append(f"| {db} | engine | – | – | – | – | **NOT MEASURED** |")
            continue
        engine = result["backends"]["engine"]
        base = result["backends"].get("baseline")
        passed = engine["ndcg_10"] >= NDCG_TARGET and (
            base is None or engine["ndcg_10"] >= base["ndcg_10"] + 0.1
        )
        ok &= passed
        for name, s in result["backends"].items():
            mark = verdict(passed) if name == "engine" else "(reference)"
            lines.append(
                f"| {db} | {name} | {s['queries']} | {s['ndcg_10']:.3f} | {s['recall_20']:.3f} "
                f"| {s['capped_recall_20']:.3f} | {mark} |"
            )
        if not base:
            lines.append(f"| {db} | baseline | – | – | – | – | not available on {db} |")
        failing[db] = [q for q in result["queries"]["engine"] if q["ndcg_10"] < NDCG_TARGET]
    for db, rows in failing.items():
        if rows:
            rows.sort(key=lambda q: q["ndcg_10"])
            worst = ", ".join(f"`{q['query']}` {q['ndcg_10']:.2f}" for q in rows)
            lines += ["", f"Queries below {NDCG_TARGET} on {db} ({len(rows)}): {worst}."]
    lines += ["", "### Response times", ""]
    if not lat:
        ok = False
        lines.append("**Not measured** (see the run's output).")
    else:
        lines += [
            f"{lat['organizations']:,} organizations and {lat['events']:,} events (the "
            f"directory benchmark's data). "
            + (
                f"`rebuild_search_index()` built {lat['index_entries'] or 0:,} entries in "
                f"{lat['index_seconds']:.0f} s. "
                if lat["index_seconds"] is not None
                else f"An index of {lat['index_entries'] or 0:,} entries built earlier "
                "(not rebuilt in this run). "
            )
            + f"In-process calls, sequential, {len(QUERIES)} search queries and "
            f"{len(PREFIXES)} autocomplete prefixes (listed in bench/search_bench.py) "
            "repeated; times in ms. Load average (1, 5, 15 min) after the timing: "
            f"{', '.join(str(x) for x in lat['load_average'])} on the 2 shared cores.",
            "",
            "| call | n | p50 | p95 | p99 | max | target | result |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        ]
        rows = [("search()", lat["search"], SEARCH_TARGET_MS),
                ("autocomplete()", lat["autocomplete"], AUTOCOMPLETE_TARGET_MS)]  # fmt: skip
        if lat.get("lists"):
            rows.append(("GET list with `q` (in-process)", lat["lists"], LIST_TARGET_MS))
        http = lat.get("http")
        if http and "error" not in http:
            rows.append(("GET /api/v1/search/ (gunicorn)", http, SEARCH_TARGET_MS))
        for title, s, target in rows:
            passed = s["p95"] < target and not s.get("errors")
            ok &= passed
            n = f"{s['n']}" + (" (time budget)" if s.get("stopped_early") else "")
            lines.append(
                f"| {title} | {n} | {s['p50']} | {s['p95']} | {s['p99']} | {s['max']} | "
                f"p95 < {target} | {verdict(passed)} |"
            )
        if http and "error" in http:
            lines += ["", f"HTTP not measured: {http['error']}."]
        if lat.get("per_list_query"):
            lines += [
                "",
                f"Lists with `q` (the list's own filters applied before the search; load "
                f"average {', '.join(str(x) for x in lat['load_average'])}): p50/max ms and "
                "meta.count of each request (counted to 100 or twice the end of the page, "
                "so 100 on page 1 means at least 100; docs/api.md, Filters).",
                "",
                "| request | p50 | max | count |",
                "| --- | ---: | ---: | ---: |",
            ]
            for path, t in lat["per_list_query"].items():
                count = lat["list_counts"].get(path)
                lines.append(f"| `{path}` | {t['p50']} | {t['max']} | {count} |")
    lines.insert(0, f"Overall: **{'PASS' if ok else 'FAIL'}**.\n")
    write_section(Path(args.doc), "\n".join(lines))
    print(f"[search] wrote the search section of {args.doc}: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


def write_section(doc: Path, body: str) -> None:
    text = doc.read_text(encoding="utf-8")
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n## Search\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    doc.write_text(f"{head}{START}\n{body}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    lat = steps.add_parser("latency")
    lat.add_argument("--out", required=True)
    lat.add_argument("--base", help="also time GET /api/v1/search/ on this server")
    lat.add_argument("--rounds", type=int, default=10)
    lat.add_argument(
        "--reuse-index", action="store_true", help="time the existing index, do not rebuild it"
    )
    lat.add_argument("--budget", type=float, default=120, help="seconds per measured kind")
    rep = steps.add_parser("report")
    rep.add_argument("--out-dir", required=True)
    rep.add_argument("--doc", required=True)
    args = parser.parse_args()
    return latency(args) if args.step == "latency" else report(args)


if __name__ == "__main__":
    sys.exit(main())
