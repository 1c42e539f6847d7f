"""A PostgreSQL primary and its streaming replica of the cluster test's own (bench/cluster_test.py).

Two new clusters in a temporary folder, on their own ports and 127.0.0.1 only: the
primary made by initdb (whose pg_hba.conf lets 127.0.0.1 replicate), the replica by
`pg_basebackup -R` from it (standby.signal and primary_conninfo written for us). The
shared server on 5432 is not touched. Run as root, the commands run as the postgres user.
"""

import glob
import os
import shutil
import subprocess
import time
from pathlib import Path


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_basebackup"))
    return Path(found[-1]).parent if found else None


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresPair:
    def __init__(self, folder: Path, primary_port: int, replica_port: int):
        self.bin = postgres_bin()
        self.folder = folder
        self.ports = {"primary": primary_port, "replica": replica_port}
        self.started: list[Path] = []

    def url(self, role: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.ports[role]}"

    def _run(self, *command) -> None:
        subprocess.run(_as_postgres([str(c) for c in command]), check=True, capture_output=True)

    def _configure(self, data: Path, port: int) -> None:
        settings = (
            f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{self.folder}'\n"
            # A throwaway cluster for a test: no waiting for the disk.
            "fsync = off\nfull_page_writes = off\n"
            "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
        )
        self._run("sh", "-c", f"cat >> {data / 'postgresql.conf'} <<'EOF'\n{settings}EOF")

    def _start(self, data: Path) -> None:
        self._run(
            self.bin / "pg_ctl", "-D", data, "-l", data.parent / f"{data.name}.log", "-w", "start"
        )
        self.started.append(data)

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        primary, replica = self.folder / "primary", self.folder / "replica"
        self._run(
            self.bin / "initdb",
            "-D",
            primary,
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale",
            "C.UTF-8",
        )
        self._configure(primary, self.ports["primary"])
        self._start(primary)
        self._run(
            self.bin / "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            self.ports["primary"],
            "-U",
            "postgres",
            "-D",
            replica,
            "-R",
            "-X",
            "stream",
            "--no-sync",
        )
        self._configure(replica, self.ports["replica"])
        self._start(replica)

    def sql(self, role: str, statement: str, database: str = "postgres") -> str:
        result = subprocess.run(
            ["psql", f"{self.url(role)}/{database}", "-tAc", statement],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()

    def wait_replicating(self, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.sql("primary", "SELECT count(*) FROM pg_stat_replication") == "1":
                    return True
            except subprocess.CalledProcessError:
                pass
            time.sleep(0.3)
        return False

    def stop(self) -> None:
        for data in reversed(self.started):
            try:
                self._run(self.bin / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
            except subprocess.CalledProcessError:
                pass
        self.started = []
