"""Calendar feed benchmark: one poll of N iCalendar sources served locally.

A local HTTP server serves N feeds (each a weekly series of 10 dates and three single
events, with an ETag) and one source that never answers. `poll_sources` polls them all
(8 fetches at a time, the default fetcher with its time limit); the report gives the
total time, when the last working source was imported (the slow one must not delay
it), when the slow one gave up, and a second poll of the same feeds (all 304). Rewrites
the calendar section of docs/benchmarks.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakke_calendar_bench \
        .venv/bin/python bench/calendar_bench.py --sources 500
"""

import argparse
import datetime as dt
import json
import os
import platform
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SAKKE_INSECURE_DEV_KEY", "1")


def feed(n: int) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Sakke bench//FI"]
    lines += [
        "BEGIN:VEVENT",
        f"UID:series-{n}@bench.example",
        "DTSTART;TZID=Europe/Helsinki:20270310T180000",
        "DTEND;TZID=Europe/Helsinki:20270310T200000",
        "RRULE:FREQ=WEEKLY;COUNT=10",
        f"SUMMARY:Viikkokerho {n}",
        "END:VEVENT",
    ]
    for k in range(3):
        lines += [
            "BEGIN:VEVENT",
            f"UID:single-{n}-{k}@bench.example",
            f"DTSTART:202706{10 + k:02d}T150000Z",
            f"DTEND:202706{10 + k:02d}T170000Z",
            f"SUMMARY:Tapahtuma {n}-{k}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        if self.path == "/slow.ics":
            time.sleep(self.server.slow_seconds)
            return
        n = int(self.path.strip("/").split(".")[0])
        etag = f'"feed-{n}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        body = feed(n)
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def poll(sources, fetcher, workers):
    from importers.services import poll_sources

    started = time.perf_counter()
    finished = {}
    runs = poll_sources(sources, fetcher=fetcher, max_workers=workers)
    total = time.perf_counter() - started
    for run in runs:
        finished[run.source_id] = (run.finished_at, run.status)
    return total, runs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "calendar.json"))
    parser.add_argument("--doc", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from events.models import Event
    from importers.fetching import fetch
    from importers.models import CalendarSource
    from organizations.models import Organization

    call_command("migrate", verbosity=0)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.slow_seconds = args.timeout * 4
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    CalendarSource.objects.all().delete()
    Event.objects.filter(data_source="ical").delete()
    org, _ = Organization.objects.get_or_create(
        public_id="bench:calendar-org", defaults={"name": "Kalenteriyhdistys ry"}
    )
    slow = CalendarSource.objects.create(organization=org, name="slow", url=f"{base}/slow.ics")
    # The slow source first: polled one after another, it would hold up all the others.
    sources = [slow] + [
        CalendarSource.objects.create(organization=org, name=f"feed {n}", url=f"{base}/{n}.ics")
        for n in range(args.sources)
    ]
    fetched = {}  # address -> when its fetch returned or gave up

    def fetcher(url, **kwargs):
        try:
            return fetch(url, timeout=args.timeout, **kwargs)
        finally:
            fetched[url] = dt.datetime.now(dt.UTC)

    load_before = _load()
    t0 = dt.datetime.now(dt.UTC)
    total, runs = poll(sources, fetcher, args.workers)
    load_after = _load()
    others = [r for r in runs if r.source_id != slow.pk]
    slow_run = next(r for r in runs if r.source_id == slow.pk)
    last_other = max(r.finished_at for r in others)
    result = {
        "sources": args.sources,
        "workers": args.workers,
        "timeout_seconds": args.timeout,
        "first_poll_seconds": round(total, 2),
        "others_done_after_seconds": round((last_other - t0).total_seconds(), 2),
        "slow_source_gave_up_after_seconds": round((slow_run.finished_at - t0).total_seconds(), 2),
        "slow_source_status": slow_run.status,
        "slow_fetch_gave_up_after_seconds": round((fetched[slow.url] - t0).total_seconds(), 2),
        "imported_while_slow_waited": sum(
            1 for r in others if r.finished_at < fetched[slow.url] and r.status == "imported"
        ),
        "others_fetched_after_seconds": round(
            (max(when for url, when in fetched.items() if url != slow.url) - t0).total_seconds(),
            2,
        ),
        "write_seconds_per_feed": round(total / args.sources, 3),
        "load_average_before_after": [load_before, load_after],
        "imported": sum(1 for r in others if r.status == "imported"),
        "events_created": sum(r.created for r in others),
        "database": connection.vendor,
        "machine": f"{os.cpu_count()} cores, {platform.platform()}",
        "run": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    for source in sources:
        source.refresh_from_db()
    total_304, runs_304 = poll(sources[1:], fetcher, args.workers)
    result["second_poll_seconds"] = round(total_304, 2)
    result["second_poll_not_modified"] = sum(1 for r in runs_304 if r.status == "not_modified")
    server.shutdown()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    write_doc(Path(args.doc), result)
    print(json.dumps(result, indent=2))
    ok = result["imported"] == args.sources and slow_run.status == "failed"
    return 0 if ok else 1


def _load() -> float:
    """The 1-minute load average: other work on the machine slows every write."""
    return round(os.getloadavg()[0], 2)


def write_doc(doc: Path, r: dict) -> None:
    lines = [
        f"Generated by `make bench` (bench/calendar_bench.py), {r['run']}; "
        f"{r['machine']}; database: {r['database']}.",
        "",
        f"One poll of {r['sources']} iCalendar feeds served by a local HTTP server (each a "
        "weekly series of 10 dates and 3 single events), plus one source that never answers, "
        f"polled first; {r['workers']} fetches at a time, a {r['timeout_seconds']:g} s time limit.",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| whole poll | {r['first_poll_seconds']} s |",
        f"| last working source imported after | {r['others_done_after_seconds']} s |",
        "| the never-answering source: its fetch gave up after | "
        f"{r['slow_fetch_gave_up_after_seconds']} s |",
        "| working sources already imported by then (none waited for it) | "
        f"{r['imported_while_slow_waited']} |",
        "| the never-answering source recorded as failed after | "
        f"{r['slow_source_gave_up_after_seconds']} s ({r['slow_source_status']}) |",
        f"| every working feed fetched after | {r['others_fetched_after_seconds']} s |",
        f"| poll time per feed of 13 events (written one after another) | "
        f"{r['write_seconds_per_feed']} s |",
        "| load average (1 min) at the start / the end | "
        f"{r['load_average_before_after'][0]} / {r['load_average_before_after'][1]} |",
        f"| sources imported / events created | {r['imported']} / {r['events_created']:,} |",
        f"| second poll (conditional GET, {r['second_poll_not_modified']} answered 304) | "
        f"{r['second_poll_seconds']} s |",
    ]
    text = doc.read_text()
    start, end = "<!-- bench:calendar -->", "<!-- /bench:calendar -->"
    if start not in text:
        text += f"\n## Calendar feeds: polling\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _old, tail = rest.split(end, 1)
    doc.write_text(head + start + "\n" + "\n".join(lines) + "\n" + end + tail)


if __name__ == "__main__":
    sys.exit(main())
