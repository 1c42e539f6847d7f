"""`make cluster-test`: two web nodes behind HAProxy, with PostgreSQL, Redis, a Celery
worker and an S3-compatible object store (moto's server, a test dependency) for the
uploads, all on this machine (127.0.0.1 only); prints each cross-node check and exits
non-zero when one fails.

Needs Debian's haproxy, a running PostgreSQL (DATABASE_ADMIN_URL, default the local
postgres user) and Redis (127.0.0.1:6379; databases CLUSTER_REDIS_DBS, default 11 and 12,
are used and emptied). Every process it starts is stopped at the end, by its own id.
"""

import http.cookiejar
import io
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from pg_replica import PostgresPair, postgres_bin

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
BIN = ROOT / ".venv" / "bin"
PG = os.environ.get("DATABASE_ADMIN_URL", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("CLUSTER_DB_NAME", "sakke_cluster_test")
_BASE = int(os.environ.get("CLUSTER_PORT_BASE", "8100"))
PORTS = {"a": _BASE + 1, "b": _BASE + 2}
PROXY = _BASE
S3_PORT = _BASE + 3
CACHE_DB, BROKER_DB = os.environ.get("CLUSTER_REDIS_DBS", "11,12").split(",")
BUCKET = "sakke-cluster-media"
# The nodes' database: a primary and a streaming replica of the script's own (bench/
# pg_replica.py), unless CLUSTER_REPLICA=0 (then the server of DATABASE_ADMIN_URL).
REPLICA = os.environ.get("CLUSTER_REPLICA", "1") != "0" and postgres_bin() is not None
PASSWORD = "klusteri-testi-salasana-7"

SETUP = """
import json
from django.utils import timezone
from accounts.models import User
from cards.tests.factories import CardContactFactory
from newsletter.tests.factories import IssueFactory
from organizations.tests.factories import OrganizationFactory
from accounts.tests.factories import OrganizationEditorFactory
coordinator = User.objects.create_user(email="koordinaattori@example.org", password=PASSWORD,
    is_coordinator=True, email_verified_at=timezone.now())
contact = CardContactFactory(email="anna@kunta.example.fi")
User.objects.create_user(email="anna@kunta.example.fi", password=PASSWORD,
    email_verified_at=timezone.now())
issue = IssueFactory()
association = OrganizationFactory(name_fi="Klusterin Kuvaseura ry")
editor = User.objects.create_user(email="toimittaja@example.org", password=PASSWORD,
    email_verified_at=timezone.now())
OrganizationEditorFactory(user=editor, organization=association)
from django.urls import reverse
from django.utils import translation
with translation.override("en"):
    edit = reverse("selfservice:organization_edit", kwargs={"org": association.public_id})
    public = association.get_absolute_url()
print(json.dumps({"contact": contact.pk, "slug": contact.card.municipality.slug,
                  "issue": issue.pk, "edit": edit, "public": public}))
""".replace("PASSWORD", repr(PASSWORD))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's cookies, sent to whichever node is asked."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, port: int, path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx and 4xx come here without redirects
            response = error
        return response.status, response.headers, response.read().decode(errors="replace")

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def sign_in(self, port: int, email: str) -> int:
        self.request(port, "/en/account/sign-in/")
        status, _h, _b = self.request(
            port,
            "/en/account/sign-in/",
            {"csrfmiddlewaretoken": self.csrf(), "username": email, "password": PASSWORD},
        )
        return status

    def post(self, port: int, path: str, data: dict | None = None):
        return self.request(port, path, {"csrfmiddlewaretoken": self.csrf(), **(data or {})})

    def post_file(self, port: int, path: str, data: dict, field: str, name: str, body: bytes):
        """A multipart form with one file, as a browser sends an upload."""
        boundary = secrets.token_hex(16)
        parts = io.BytesIO()
        for key, value in {"csrfmiddlewaretoken": self.csrf(), **data}.items():
            parts.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        parts.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{name}"\r\nContent-Type: image/png\r\n\r\n'.encode()
        )
        parts.write(body + f"\r\n--{boundary}--\r\n".encode())
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}",
            data=parts.getvalue(),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        return response.status, response.headers, response.read().decode(errors="replace")


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(f"nothing answered on port {port}")


def a_picture() -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (120, 80), "teal").save(output, "PNG")
    return output.getvalue()


def make_bucket(endpoint: str) -> None:

    deadline = time.monotonic() + 30
    while True:
        try:
            s3_client(endpoint).create_bucket(Bucket=BUCKET)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="cluster",
        aws_secret_access_key="cluster-secret",
    )


def psql(sql: str) -> None:
    subprocess.run(["psql", PG + "/postgres", "-qc", sql], check=True, capture_output=True)


def main() -> int:
    global PG
    if not shutil.which("haproxy"):
        print("haproxy is missing: apt-get install haproxy")
        return 2
    work = Path(tempfile.mkdtemp(prefix="sakke-cluster-"))
    env = dict(
        os.environ,
        SECRET_KEY="cluster-test-only",
        DATABASE_URL=f"{PG}/{DB_NAME}",
        CACHE_URL=f"redis://127.0.0.1:6379/{CACHE_DB}",
        CELERY_BROKER_URL=f"redis://127.0.0.1:6379/{BROKER_DB}",
        # Nothing on the nodes' disk: uploads go to the object store.
        MEDIA_ROOT=str(work / "no-media-here"),
        SAKKE_MEDIA_S3_BUCKET=BUCKET,
        SAKKE_MEDIA_S3_ENDPOINT_URL=f"http://127.0.0.1:{S3_PORT}",
        SAKKE_MEDIA_S3_REGION="us-east-1",
        SAKKE_MEDIA_S3_ACCESS_KEY_ID="cluster",
        SAKKE_MEDIA_S3_SECRET_ACCESS_KEY="cluster-secret",
        PAGE_CACHE_SECONDS="60",
        SAKKE_PLAIN_STATIC="1",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        AXES_ENABLED="0",
        # It checks that sessions and work cross the nodes, not the second sign-in step.
        SAKKE_REQUIRE_2FA="0",
        LOG_LEVEL="WARNING",
    )
    processes: list[subprocess.Popen] = []
    results: list[tuple[str, bool, str]] = []
    pair = None

    def check(name: str, ok: bool, detail: str = "") -> None:
        results.append((name, ok, detail))
        print(f"{'PASS' if ok else 'FAIL'}  {name}{'  (' + detail + ')' if detail else ''}")

    def start(command: list[str], log: str) -> None:
        out = open(work / log, "w")  # noqa: SIM115 - closed with the process
        processes.append(
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        )

    try:
        if REPLICA:
            pair = PostgresPair(
                Path(tempfile.mkdtemp(prefix="sakke-cluster-pg-")), _BASE + 10, _BASE + 11
            )
            pair.start()
            PG = pair.url("primary")
            env["DATABASE_URL"] = f"{PG}/{DB_NAME}"
            env["DATABASE_REPLICA_URL"] = f"{pair.url('replica')}/{DB_NAME}"
            check(
                "a streaming replica (a second local cluster) follows the primary",
                pair.wait_replicating(),
                f"primary :{pair.ports['primary']}, replica :{pair.ports['replica']}",
            )
        psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        psql(f"CREATE DATABASE {DB_NAME}")
        for number in (CACHE_DB, BROKER_DB):
            subprocess.run(["redis-cli", "-n", number, "flushdb"], check=True, capture_output=True)
        start([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(S3_PORT)], "object-store.log")
        make_bucket(f"http://127.0.0.1:{S3_PORT}")
        manage = [PY, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        setup = subprocess.run(
            [*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True
        )
        world = json.loads(setup.stdout.decode().strip().splitlines()[-1])

        for node, port in PORTS.items():
            start(
                [
                    str(BIN / "gunicorn"),
                    "config.wsgi",
                    "--config",
                    "config/gunicorn.conf.py",
                    "--workers",
                    "2",
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                f"web-{node}.log",
            )
        start(
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
            "worker.log",
        )
        (work / "haproxy.cfg").write_text(
            f"""global
    maxconn 256
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend sakke
    bind 127.0.0.1:{PROXY}
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /health/
    http-response set-header X-Node %[srv_name]
    server a 127.0.0.1:{PORTS["a"]} check
    server b 127.0.0.1:{PORTS["b"]} check
"""
        )
        start(["haproxy", "-db", "-f", str(work / "haproxy.cfg")], "haproxy.log")
        for port in PORTS.values():
            wait_for(port)
        wait_for(PROXY)
        a, b = PORTS["a"], PORTS["b"]

        # HAProxy shares the requests between the nodes.
        anonymous = Browser()
        # (each node counts once HAProxy's own health checks have seen it up)
        nodes, deadline = set(), time.monotonic() + 30
        while nodes != {"a", "b"} and time.monotonic() < deadline:
            nodes.add(anonymous.request(PROXY, "/health/")[1].get("X-Node"))
            time.sleep(0.2)
        check("HAProxy sends requests to both nodes", nodes == {"a", "b"}, f"nodes {nodes}")

        # A session started on one node continues on the other.
        person = Browser()
        signed_in = person.sign_in(a, "koordinaattori@example.org")
        status, _h, page = person.request(b, "/en/account/")
        check(
            "a session started on node a continues on node b",
            signed_in == 302 and status == 200 and "koordinaattori@example.org" in page,
            f"sign-in {signed_in}, account page on b {status}",
        )

        # A file stored through one node is served by the other.
        store = (
            "from django.core.files.base import ContentFile;"
            "from django.core.files.storage import default_storage;"
            "print(default_storage.save('cluster/kuva.png', ContentFile(b'\\x89PNG kuva')))"
        )
        name = (
            subprocess.run(
                [*manage, "shell", "-c", store], cwd=ROOT, env=env, check=True, capture_output=True
            )
            .stdout.decode()
            .strip()
            .splitlines()[-1]
        )  # after the shell's import notice
        status, _h, body = anonymous.request(b, f"/media/{name}")
        check("a file stored on node a is served by node b", status == 200, f"HTTP {status}")

        # A picture uploaded through one node is served by the other, from the object store.
        editor = Browser()
        editor.sign_in(a, "toimittaja@example.org")
        edit = world["edit"]
        editor.request(a, edit)
        picture = a_picture()
        uploaded, _h, _b = editor.post_file(
            a,
            edit,
            {
                "name_fi": "Klusterin Kuvaseura ry",
                "contacts-TOTAL_FORMS": "0",
                "contacts-INITIAL_FORMS": "0",
                "links-TOTAL_FORMS": "0",
                "links-INITIAL_FORMS": "0",
            },
            "logo",
            "logo.png",
            picture,
        )
        stored = [
            item["Key"]
            for item in s3_client(f"http://127.0.0.1:{S3_PORT}")
            .list_objects_v2(Bucket=BUCKET, Prefix="logos/")
            .get("Contents", [])
        ]
        status, headers, _b = anonymous.request(b, f"/media/{stored[0]}") if stored else (0, {}, "")
        check(
            "a picture uploaded through node a is served by node b (S3 object store)",
            uploaded == 302
            and len(stored) == 1
            and status == 200
            and headers.get("Content-Type") == "image/png"
            and headers.get("X-Content-Type-Options") == "nosniff"
            and not (work / "no-media-here").exists(),
            f"upload on a {uploaded}, objects {stored}, on b HTTP {status} "
            f"{headers.get('Content-Type')}",
        )

        # A change saved through one node is seen through the other's page cache.
        card = f"/en/municipality-cards/{world['slug']}/"
        first = anonymous.request(a, card)
        second = anonymous.request(a, card)
        shown = "anna@kunta.example.fi" in second[2]
        contact = Browser()
        contact.sign_in(b, "anna@kunta.example.fi")
        withdrew = contact.post(
            b, f"/en/municipality-cards/contacts/{world['contact']}/withdraw-consent/"
        )[0]
        after = anonymous.request(a, card)
        check(
            "a change saved on node b empties the page cache node a serves from",
            first[1].get("X-Page-Cache") == "miss"
            and second[1].get("X-Page-Cache") == "hit"
            and shown
            and withdrew == 302
            and "anna@kunta.example.fi" not in after[2],
            f"a: {first[1].get('X-Page-Cache')}, {second[1].get('X-Page-Cache')}; "
            f"withdraw on b {withdrew}; a after: {after[1].get('X-Page-Cache')}",
        )

        # A task queued by one node runs on the worker.
        person.request(a, f"/en/newsletter/coordinator/issues/{world['issue']}/")
        queued = person.post(a, f"/en/newsletter/coordinator/issues/{world['issue']}/send/")[0]
        status_sql = f"SELECT status FROM newsletter_issue WHERE id = {world['issue']}"
        issue_status = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            issue_status = subprocess.run(
                ["psql", f"{PG}/{DB_NAME}", "-tAc", status_sql], capture_output=True, text=True
            ).stdout.strip()
            if issue_status in ("sending", "sent"):
                break
            time.sleep(0.5)
        check(
            "a task queued by node a (sending an issue) is run by the worker",
            queued == 302 and issue_status in ("sending", "sent"),
            f"schedule {queued}, issue {issue_status}",
        )
        if pair is not None:
            replica_checks(pair, editor, anonymous, world, a, b, check)
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        if pair is not None:
            pair.stop()
            shutil.rmtree(pair.folder, ignore_errors=True)
        failed = [name for name, ok, _d in results if not ok]
        if failed or not results:
            print(f"logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    passed = sum(ok for _n, ok, _d in results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if results and passed == len(results) else 1


def replica_checks(pair, editor, anonymous, world, a, b, check) -> None:
    """Reads go to the replica; the person who just saved reads from the primary.

    The replica's replay is paused, so it lags the primary for as long as the checks
    need: what an anonymous reader gets then comes from the replica.
    """
    pair.sql("replica", "SELECT pg_wal_replay_pause()", DB_NAME)
    try:
        token = f"Replikatesti {secrets.token_hex(4)}"
        saved = editor.post(
            a,
            world["edit"],
            {
                "name_fi": "Klusterin Kuvaseura ry",
                "description_fi": token,
                "contacts-TOTAL_FORMS": "0",
                "contacts-INITIAL_FORMS": "0",
                "links-TOTAL_FORMS": "0",
                "links-INITIAL_FORMS": "0",
            },
        )[0]
        own = editor.request(b, world["public"])
        # The page as the replica has it, which the page cache must not keep.
        stranger = anonymous.request(b, world["public"])
        check(
            "an anonymous read on node b goes to the (paused) replica",
            saved == 302 and stranger[0] == 200 and token not in stranger[2],
            f"save on a {saved}; anonymous on b {stranger[0]}, new text shown: "
            f"{token in stranger[2]}",
        )
        check(
            "read-your-writes: the person who saved on node a reads it on node b",
            own[0] == 200 and token in own[2],
            f"editor on b {own[0]}, new text shown: {token in own[2]}",
        )
    finally:
        pair.sql("replica", "SELECT pg_wal_replay_resume()", DB_NAME)
    seen, deadline = False, time.monotonic() + 15
    while not seen and time.monotonic() < deadline:
        seen = token in anonymous.request(b, world["public"])[2]
        time.sleep(0.3)
    check(
        "once the replica replays, anonymous readers see the change too "
        "(the page cache kept nothing read from the lagging replica)",
        seen,
    )


if __name__ == "__main__":
    sys.exit(main())
