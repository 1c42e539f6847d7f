"""A real Celery worker in a subprocess, for the tests that kill one with SIGKILL.

It runs against the test database (PostgreSQL: the test and the worker see each other's
commits) and the filesystem broker in a folder of its own, which needs no server, or
the broker a test names (Redis, in a database number of the tests' own). Like
production it uses the prefork pool with acks_late; it runs in a session of its own, so
that `kill()` takes the main process and its pool children at once, as a machine losing
power would.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# `patch` runs in the worker's main process before it starts, and the pool's children
# inherit it (they are forked): a test uses it to stall the work at a known point.
LAUNCHER = """
import os
import django

django.setup()
exec(os.environ.get("SAKKE_TEST_WORKER_PATCH", ""))
from config.celery import app

app.worker_main(["worker", "--pool", "prefork", "--concurrency", "1", "--loglevel", "INFO",
                 "--without-gossip", "--without-mingle", "--without-heartbeat"])
"""


def database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


class Worker:
    def __init__(
        self, *, broker_folder: Path, log: Path, patch: str = "", broker_url: str = "", **env
    ):
        self.log = log
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.test_settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url or "filesystem://localhost/",
            "CELERY_BROKER_FOLDER": str(broker_folder),
            "SAKKE_TEST_WORKER_PATCH": patch,
            "LOG_LEVEL": "INFO",
            **env,
        }
        with open(log, "a") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-c", LAUNCHER],
                cwd=ROOT,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """SIGKILL to the worker and its pool children at once: no clean-up runs."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def kill_pool_process(self) -> int:
        """SIGKILL to the pool's child process only, as the OOM killer would; its pid."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        (child,) = [int(pid) for pid in children.read_text().split()]
        os.kill(child, signal.SIGKILL)
        return child

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def wait_until(condition, *, seconds: float, what: str, worker: Worker | None = None):
    """Poll `condition` until it is true; fail with the worker's log when it never is."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if worker is not None and worker.process.poll() is not None:
            raise AssertionError(f"the worker exited while waiting for {what}:\n{worker.output()}")
        time.sleep(0.2)
    log = worker.output()[-4000:] if worker else ""
    raise AssertionError(f"timed out waiting for {what}\n{log}")
