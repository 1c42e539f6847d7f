"""Fault drills of issue 20, on two web nodes behind HAProxy under a steady load:

    .venv/bin/python bench/drills.py postgres   # restart PostgreSQL during the load
    .venv/bin/python bench/drills.py redis      # stop Redis for 20 s during the load

Each writes its numbers to docs/benchmarks.md (sections `bench:drill-postgres` and
`bench:drill-redis`): seconds to recover, and failed requests during and after.

PostgreSQL is a cluster of its own, restarted with `pg_ctlcluster VERSION drill restart`
(default: port 5433, `pg_createcluster 15 drill --port 5433 --start`): restarting the
shared server would break everyone else's tests. Redis is the drill's own redis-server
(port 6390), never the shared one. The load: eight clients in a loop, each request one
of an anonymous page (the page cache can serve it), an API call (a new address each
time, so never from the cache: it reaches the database every time) and a signed-in
person's account page (the session is read from the database).
"""

import argparse
import datetime as dt
import http.cookiejar
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from load_cluster import (
    EDITOR_EMAIL,
    PASSWORD,
    ROOT,
    Cluster,
    describe,
    dump,
    load_average,
    write_section,
)

PAGES = ["/fi/", "/fi/tapahtumat/", "/fi/jarjestot/", "/sv/evenemang/", "/en/associations/"]
APIS = ["/api/v1/event/?page_size=5", "/api/v1/organization/?page_size=5"]
CLIENTS = 8
TIMEOUT = 15

COORDINATOR = """
from django.utils import timezone
from accounts.models import User
from newsletter.models import Subscriber
from newsletter.tests.factories import IssueFactory, SubscriberFactory
if not User.objects.filter(email="drill-koordinaattori@example.org").exists():
    User.objects.create_user(email="drill-koordinaattori@example.org", password=PASSWORD,
        is_coordinator=True, email_verified_at=timezone.now())
if not Subscriber.objects.filter(email="drill-lukija@example.org").exists():
    SubscriberFactory(email="drill-lukija@example.org")
print(IssueFactory().pk)
""".replace("PASSWORD", repr(PASSWORD))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Person:
    """One browser's cookies."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> int:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=TIMEOUT) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def sign_in(self, email: str) -> int:
        self.request("/fi/tili/kirjaudu/")
        return self.request(
            "/fi/tili/kirjaudu/",
            {"csrfmiddlewaretoken": self.csrf(), "username": email, "password": PASSWORD},
        )


class Load:
    """CLIENTS threads sending requests in turn; every request is recorded."""

    def __init__(self, base: str):
        self.base = base
        self.records: list[tuple[float, float, str, str]] = []  # start, end, kind, outcome
        self.running = True
        self.threads = [threading.Thread(target=self.client, args=(n,)) for n in range(CLIENTS)]

    def client(self, number: int) -> None:
        person = Person(self.base)
        signed_in = False
        turn = number
        while self.running:
            turn += 1
            kind = ("page", "api", "signed-in")[turn % 3]
            path = PAGES[turn % len(PAGES)]
            if kind == "api":  # a new address each time: never from the page cache
                path = f"{APIS[turn % len(APIS)]}&drill={number}-{turn}"
            start = time.monotonic()
            try:
                if kind == "signed-in":
                    if not signed_in:
                        signed_in = person.sign_in(EDITOR_EMAIL) == 302
                    status = person.request("/fi/tili/") if signed_in else 0
                    outcome = "ok" if status == 200 else f"HTTP {status or 'sign-in failed'}"
                    if status != 200:
                        signed_in = False
                else:
                    status = person.request(path)
                    outcome = "ok" if status == 200 else f"HTTP {status}"
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
                outcome = type(error).__name__
            self.records.append((start, time.monotonic(), kind, outcome))
            time.sleep(0.1)

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join()


def analyse(records, fault_at: float, fault_over: float, window: float = 10) -> dict:
    """Failures before the fault, during it (until `window` s after it began, or until
    it was over if later), and after; seconds until every request succeeds again."""
    boundary = max(fault_at + window, fault_over)
    failed = [r for r in records if r[3] != "ok"]
    during = [r for r in failed if fault_at <= r[0] < boundary or fault_at <= r[1] < boundary]
    after = [r for r in failed if r[0] >= boundary]
    before = [r for r in failed if r[1] < fault_at]
    last_failure_end = max((r[1] for r in failed if r[1] >= fault_at), default=None)
    by_kind: dict[str, dict[str, int]] = {}
    for record in records:
        if record[0] >= fault_at - 1:
            counts = by_kind.setdefault(record[2], {"requests": 0, "failed": 0})
            counts["requests"] += 1
            counts["failed"] += record[3] != "ok"
    outcomes: dict[str, int] = {}
    for record in failed:
        outcomes[record[3]] = outcomes.get(record[3], 0) + 1
    return {
        "requests": len(records),
        "failed_before": len(before),
        "failed_during": len(during),
        "failed_after": len(after),
        "fault_seconds": round(fault_over - fault_at, 2),
        "recovered_after_seconds": round(
            (last_failure_end - fault_at) if last_failure_end else 0.0, 2
        ),
        "requests_after": sum(1 for r in records if r[0] >= boundary),
        "by_kind": by_kind,
        "outcomes": outcomes,
        "window_seconds": window,
    }


def postgres_drill(cluster: Cluster, version: str, name: str) -> dict:
    load = Load(cluster.base)
    load.start()
    time.sleep(15)
    load_before = load_average()
    fault_at = time.monotonic()
    subprocess.run(["pg_ctlcluster", version, name, "restart"], check=True)
    fault_over = time.monotonic()
    time.sleep(40)
    load.stop()
    result = analyse(load.records, fault_at, fault_over)
    result.update(load_before=load_before, load_after=load_average())
    return result


def redis_drill(cluster: Cluster, outage: float = 20) -> dict:
    issue = int(cluster.manage("shell", "-c", COORDINATOR, capture=True).strip().splitlines()[-1])
    coordinator = Person(cluster.base)
    load = Load(cluster.base)
    load.start()
    time.sleep(15)
    load_before = load_average()
    fault_at = time.monotonic()
    cluster.stop_redis()
    time.sleep(3)
    # A fresh sign-in, and a task queued, while Redis is away.
    signed_in = coordinator.sign_in("drill-koordinaattori@example.org")
    coordinator.request(f"/en/newsletter/coordinator/issues/{issue}/")
    scheduled = coordinator.request(
        f"/en/newsletter/coordinator/issues/{issue}/send/",
        {"csrfmiddlewaretoken": coordinator.csrf()},
    )
    status_during = issue_status(cluster, issue)
    time.sleep(max(0.0, outage - (time.monotonic() - fault_at)))
    cluster.start_redis()
    fault_over = time.monotonic()
    time.sleep(20)
    load.stop()
    result = analyse(load.records, fault_at, fault_over)
    # The issue's start message was never sent: beat's dispatch job (every 5 minutes)
    # finds it scheduled in the database and queues it.
    deadline = time.monotonic() + 330
    status = issue_status(cluster, issue)
    while status not in ("sending", "sent") and time.monotonic() < deadline:
        time.sleep(2)
        status = issue_status(cluster, issue)
    result.update(
        load_before=load_before,
        load_after=load_average(),
        coordinator_sign_in=signed_in,
        schedule_status=scheduled,
        issue_status_during=status_during,
        issue_status_after=status,
        issue_started_after_seconds=round(time.monotonic() - fault_over, 1),
    )
    return result


def issue_status(cluster: Cluster, issue: int) -> str:
    return cluster.psql(f"SELECT status FROM newsletter_issue WHERE id = {issue}", db=cluster.db)


def table(result: dict) -> list[str]:
    lines = [
        "| requests of the kind | requests from the fault on | failed |",
        "| --- | ---: | ---: |",
    ]
    names = {
        "page": "anonymous page (page cache)",
        "api": "API call (database every time)",
        "signed-in": "signed-in account page (database session)",
    }
    for kind, counts in sorted(result["by_kind"].items()):
        lines.append(f"| {names[kind]} | {counts['requests']} | {counts['failed']} |")
    return lines


def report_postgres(result: dict, setup: dict, cluster_name: str) -> list[str]:
    ok = result["failed_after"] == 0 and result["recovered_after_seconds"] <= 10
    return [
        f"Generated by `bench/drills.py postgres` on {result['when']} UTC. Target: the "
        "service answers normally again within 10 s, and no request after that fails. "
        f"Overall: **{'PASS' if ok else 'FAIL'}**.",
        "",
        f"`pg_ctlcluster {setup['postgresql_major']} {cluster_name} restart` (PostgreSQL "
        f"{setup['postgresql']}, a cluster of its own on port 5433, so that other work on "
        f"the shared server is not disturbed) while {CLIENTS} clients send requests in a "
        f"loop through HAProxy to {setup['nodes']} gunicorn nodes ({setup['workers']} "
        f"workers × {setup['threads']} threads each; `CONN_MAX_AGE=60`, "
        "`CONN_HEALTH_CHECKS=1`).",
        "",
        f"- The restart took {result['fault_seconds']} s.",
        f"- Seconds to recover (from the restart command to the end of the last failed "
        f"request): **{result['recovered_after_seconds']}**",
        f"- Failed requests during (the first {result['window_seconds']} s): "
        f"**{result['failed_during']}**; after: **{result['failed_after']}** of "
        f"{result['requests_after']}; before the restart: {result['failed_before']}",
        f"- Failures by kind: {result['outcomes'] or 'none'}",
        f"- Load average (1, 5, 15 min) before: {result['load_before']}, after: "
        f"{result['load_after']} (2 cores, shared with other work)",
        "",
        *table(result),
    ]


def report_redis(result: dict, setup: dict) -> list[str]:
    ok = (
        result["failed_during"] == 0
        and result["failed_after"] == 0
        and result["coordinator_sign_in"] == 302
        and result["schedule_status"] == 302
        and result["issue_status_after"] in ("sending", "sent")
    )
    return [
        f"Generated by `bench/drills.py redis` on {result['when']} UTC. Target: pages are "
        "still served, sign-in still works, and a task queued meanwhile runs when Redis "
        f"returns. Overall: **{'PASS' if ok else 'FAIL'}**.",
        "",
        f"The drill's own redis-server (port 6390: cache, page cache and Celery broker) is "
        f"stopped for {result['fault_seconds']} s while {CLIENTS} clients send requests "
        f"through HAProxy to {setup['nodes']} gunicorn nodes, then started again, empty. "
        "Sessions are in the database (`SESSION_STORE=database`, the default).",
        "",
        f"- Failed requests while Redis was away (and the first "
        f"{result['window_seconds']} s): **{result['failed_during']}**; after: "
        f"**{result['failed_after']}** of {result['requests_after']}; seconds to recover: "
        f"**{result['recovered_after_seconds']}**",
        f"- A coordinator signing in while Redis was away: HTTP "
        f"{result['coordinator_sign_in']} (302 = signed in); scheduling a newsletter issue "
        f"to send now: HTTP {result['schedule_status']}, the issue "
        f"`{result['issue_status_during']}` in the database",
        f"- That issue's start message could not be sent; beat's dispatch job (every 5 "
        f"minutes) found it: `{result['issue_status_after']}` "
        f"{result['issue_started_after_seconds']} s after Redis returned",
        f"- Failures by kind: {result['outcomes'] or 'none'}",
        f"- Load average (1, 5, 15 min) before: {result['load_before']}, after: "
        f"{result['load_after']} (2 cores, shared with other work)",
        "",
        *table(result),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("drill", choices=["postgres", "redis"])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5433")
    parser.add_argument("--cluster", default="drill", help="pg_ctlcluster's cluster name")
    parser.add_argument("--db", default="sakke_load")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "drills"))
    parser.add_argument("--doc", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args()
    out = Path(args.out) / args.drill
    with Cluster(
        out,
        pg=args.pg,
        db=args.db,
        workers=args.workers,
        threads=args.threads,
        # The coordinator signs in without the second step: the drill is about Redis.
        extra_env={"SAKKE_REQUIRE_2FA": "0"},
    ) as cluster:
        cluster.start_redis()
        cluster.prepare_database(reuse=True)
        cluster.start_nodes()
        # Beat inside the worker, as on one machine: its dispatch job is the safety net.
        cluster.start(
            "worker",
            [
                str(ROOT / ".venv" / "bin" / "celery"),
                "-A",
                "config",
                "worker",
                "-B",
                "--schedule",
                str(out / "celerybeat-schedule"),
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
            ],
        )
        cluster.start_proxy()
        cluster.wait_until_up()
        setup = describe(cluster)
        setup["postgresql_major"] = re.match(r"\d+", setup["postgresql"]).group(0)
        when = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}"
        if args.drill == "postgres":
            result = postgres_drill(cluster, setup["postgresql_major"], args.cluster)
        else:
            result = redis_drill(cluster)
    result["when"] = when
    dump(out / "result.json", result)
    if args.drill == "postgres":
        lines = report_postgres(result, setup, args.cluster)
        title = "Drill: PostgreSQL restarts under load"
    else:
        lines = report_redis(result, setup)
        title = "Drill: Redis stopped under load"
    print("\n".join(lines))
    if not args.no_doc:
        write_section(Path(args.doc), f"drill-{args.drill}", title, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
