"""Two web nodes behind HAProxy, a Celery worker and a Redis of their own, on a
PostgreSQL server of the caller's choice: what bench/load_run.py and bench/drills.py run
against (issue 20). Everything listens on 127.0.0.1 only.

The PostgreSQL server is meant to be a cluster of its own (`pg_createcluster 15 drill
--port 5433 --start`, trust on 127.0.0.1): the drills restart it, and other work on the
machine must not lose its database when they do. Redis is started here on its own port
(6390 by default), never the shared 6379, for the same reason.

Every process started here is stopped at the end, by its own id.
"""

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PY = str(BIN / "python")
SAMPLE = Path(os.environ.get("BENCH_SAMPLE", "/work/shared/data/pohjois-savo-sample.json"))
EDITOR_EMAIL = "kuormitus-toimittaja@example.org"
PASSWORD = "kuormitus-salasana-7-testi"

#: An editor of the association with the most events, and a plain signed-up resident.
SETUP_PEOPLE = """
from django.db.models import Count
from django.utils import timezone
from accounts.models import OrganizationEditor, User
from organizations.models import Organization
busiest = Organization.objects.annotate(n=Count("events")).order_by("-n").first()
for email in (EDITOR, "kuormitus-asukas@example.org"):
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=PASSWORD, email_verified_at=timezone.now())
OrganizationEditor.objects.get_or_create(
    user=User.objects.get(email=EDITOR), organization=busiest)
print(busiest.pk, busiest.events.count())
""".replace("EDITOR", repr(EDITOR_EMAIL)).replace("PASSWORD", repr(PASSWORD))


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def answers(url: str, timeout: float = 2) -> int | None:
    """The HTTP status of a GET, or None when nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


class Cluster:
    """Start with `with Cluster(...) as cluster:`; every process stops on the way out."""

    def __init__(
        self,
        work: Path,
        *,
        pg: str = "postgres://postgres@127.0.0.1:5433",
        db: str = "sakke_load",
        redis_port: int = 6390,
        proxy_port: int = 8110,
        node_ports: tuple[int, ...] = (8111, 8112),
        workers: int = 2,
        threads: int = 4,
        page_cache_seconds: int = 300,
        extra_env: dict | None = None,
    ):
        self.work = work
        self.pg, self.db = pg, db
        self.redis_port = redis_port
        self.proxy_port, self.node_ports = proxy_port, node_ports
        self.workers, self.threads = workers, threads
        self.processes: dict[str, subprocess.Popen] = {}
        self.base = f"http://127.0.0.1:{proxy_port}"
        work.mkdir(parents=True, exist_ok=True)
        self.env = dict(
            os.environ,
            SECRET_KEY="load-run-only-not-a-secret",
            DATABASE_URL=f"{pg}/{db}",
            CACHE_URL=f"redis://127.0.0.1:{redis_port}/1",
            CELERY_BROKER_URL=f"redis://127.0.0.1:{redis_port}/0",
            PAGE_CACHE_SECONDS=str(page_cache_seconds),
            MEDIA_ROOT=str(work / "media"),
            STATIC_ROOT=str(work / "staticfiles"),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SAKKE_BASE_URL=self.base,
            DEBUG="0",
            LOG_LEVEL="WARNING",
            # Every simulated person comes from 127.0.0.1: per-IP limits would refuse them.
            RATELIMIT_ENABLE="0",
            AXES_ENABLED="0",
            **(extra_env or {}),
        )

    # --- processes ---------------------------------------------------------------------
    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = open(self.work / f"{name}.log", "a")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes[name] = process
        return process

    def stop(self, name: str, sig: int = signal.SIGTERM, wait: float = 20) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(sig)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def start_redis(self) -> None:
        self.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.redis_port), "ping"], capture_output=True, text=True
            )
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError(f"redis-server did not start on {self.redis_port}")

    def stop_redis(self) -> None:
        self.stop("redis")

    def manage(self, *args: str, capture: bool = False) -> str:
        done = subprocess.run(
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=capture,
            text=True,
        )
        return done.stdout if capture else ""

    def psql(self, sql: str, db: str = "postgres") -> str:
        return subprocess.run(
            ["psql", f"{self.pg}/{db}", "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def prepare_database(self, *, reuse: bool = False) -> dict:
        """The sample data (the exchange-format file), indexed, plus an editor account."""
        exists = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{self.db}'") == "1"
        if not (reuse and exists):
            self.psql(f"DROP DATABASE IF EXISTS {self.db} WITH (FORCE)")
            self.psql(f"CREATE DATABASE {self.db}")
            self.manage("migrate", "--noinput", "-v0")
            self.manage("load_reference_data", "-v0")
            self.manage("import_dataset", str(SAMPLE), "--index-now", "-v0")
        else:
            self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        out = self.manage("shell", "-c", SETUP_PEOPLE, capture=True).strip().splitlines()[-1]
        organization, events = (int(x) for x in out.split())
        counts = self.psql(
            "SELECT (SELECT count(*) FROM organizations_organization),"
            " (SELECT count(*) FROM events_event)",
            db=self.db,
        ).split("|")
        return {
            "organizations": int(counts[0]),
            "events": int(counts[1]),
            "editor_organization": organization,
            "editor_events": events,
        }

    def start_nodes(self) -> None:
        for index, port in enumerate(self.node_ports):
            self.start(
                f"web-{chr(ord('a') + index)}",
                [
                    str(BIN / "gunicorn"),
                    "config.wsgi",
                    "--config",
                    "config/gunicorn.conf.py",
                    "--workers",
                    str(self.workers),
                    "--threads",
                    str(self.threads),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--timeout",
                    "60",
                    "--forwarded-allow-ips",
                    "127.0.0.1",
                ],
            )

    def start_worker(self) -> None:
        self.start(
            "worker",
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
            ],
        )

    def start_proxy(self) -> None:
        # Requests beyond a node's threads wait in HAProxy's queue, not in gunicorn's: two
        # threads stay free, so a health check is answered at once however busy the node.
        slots = self.workers * self.threads
        servers = "\n".join(
            f"    server {chr(ord('a') + i)} 127.0.0.1:{port} maxconn {max(1, slots - 2)}"
            " check inter 1s fall 3 rise 1"
            for i, port in enumerate(self.node_ports)
        )
        # Health checks every second, each waiting up to 10 s (a busy node answers it
        # behind the requests it is serving); a node that failed three is taken out, one
        # passed brings it back. A refused connection is retried on the other node.
        (self.work / "haproxy.cfg").write_text(
            f"""global
    maxconn 1024
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout queue 60s
    retries 2
    option redispatch
frontend sakke
    bind 127.0.0.1:{self.proxy_port}
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /health/
    # gunicorn closes an idle kept-alive connection after 2 s; a request HAProxy sent on it
    # just then would be lost (the client sees the connection closed): one per request.
    option http-server-close
    timeout check 10s
    http-response set-header X-Node %[srv_name]
{servers}
"""
        )
        self.start("haproxy", ["haproxy", "-db", "-f", str(self.work / "haproxy.cfg")])

    def wait_until_up(self, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        urls = [f"http://127.0.0.1:{port}/health/" for port in self.node_ports]
        urls.append(f"{self.base}/health/")
        for url in urls:
            while answers(url) != 200:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not answer; logs in {self.work}")
                time.sleep(0.3)
        time.sleep(2)  # HAProxy's first health checks of both nodes

    def start_all(self) -> None:
        self.start_nodes()
        self.start_worker()
        self.start_proxy()
        self.wait_until_up()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for name in reversed(list(self.processes)):
            self.stop(name)


def describe(cluster: Cluster) -> dict:
    version = cluster.psql("SHOW server_version")
    return {
        "postgresql": version,
        "nodes": len(cluster.node_ports),
        "workers": cluster.workers,
        "threads": cluster.threads,
        "cores": os.cpu_count(),
    }


def write_section(doc: Path, name: str, title: str, lines: list[str]) -> None:
    """Rewrite only the `<!-- bench:NAME -->` section of docs/benchmarks.md."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    text = doc.read_text()
    if start not in text:
        text += f"\n## {title}\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _old, tail = rest.split(end, 1)
    doc.write_text(head + start + "\n" + "\n".join(lines) + "\n" + end + tail)


def dump(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
