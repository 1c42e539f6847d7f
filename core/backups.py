"""Backups of the database and the uploaded media, and restoring them (manage.py backup,
manage.py restore; docs/deployment.md).

A backup is one folder, sakke-<UTC time>, holding:
- the database: a consistent copy from SQLite's online backup API (database.sqlite3), or
  pg_dump's custom format from one snapshot (database.pgdump);
- media/: the uploaded files, copied after the dump (a file uploaded meanwhile is extra,
  never missing from a row);
- manifest.json: when, which engine, the row count of every table and every file's size
  and SHA-256, which `restore` checks the result against.

The folder is written under a temporary name and renamed when complete, so a backup cut
short is never taken for a good one; then all but the newest `keep` are deleted.
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

PREFIX = "sakke-"
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def row_counts() -> dict[str, int]:
    """Rows per table of the database, for comparing a restore with its backup."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def media_files(root: Path) -> dict[str, dict]:
    """Every file under `root`: its size and SHA-256, by its path relative to `root`."""
    files = {}
    if not root.exists():
        return files
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        files[path.relative_to(root).as_posix()] = {"size": path.stat().st_size, "sha256": digest}
    return files


def _engine() -> str:
    if connection.vendor in ("sqlite", "postgresql"):
        return connection.vendor
    raise BackupError(f"No backup for the {connection.vendor} database.")


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the configured database (the password never on a command line)."""
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_database(folder: Path, engine: str) -> tuple[str, dict[str, int]]:
    """Dump the database into `folder`; the file's name and the row counts of that copy."""
    if engine == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / "database.sqlite3")
        try:
            connection.connection.backup(target)
            tables = target.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
            counts = {
                name: target.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                for (name,) in sorted(tables)
            }
        finally:
            target.close()
        return "database.sqlite3", counts
    # pg_dump reads the snapshot of this transaction, so the counts are of the same data.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts()
        dump = folder / "database.pgdump"
        _run(
            ["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}", f"--file={dump}"]
        )
    return "database.pgdump", counts


def backup_create(*, target: Path, keep: int, now: dt.datetime | None = None) -> Path:
    """Write a backup folder into `target` and keep only the newest `keep`; its path."""
    engine = _engine()
    now = now or timezone.now()
    target.mkdir(parents=True, exist_ok=True)
    name = PREFIX + now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    partial = target / f".{name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        database_file, counts = _dump_database(partial, engine)
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            shutil.copytree(media_root, partial / "media")
        manifest = {
            "created_at": now.isoformat(),
            "engine": engine,
            "database_file": database_file,
            "row_counts": counts,
            "media": media_files(partial / "media"),
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        final = target / name
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    backups_prune(target=target, keep=keep)
    return final


def backups_prune(*, target: Path, keep: int) -> list[Path]:
    """Delete all complete backups in `target` but the newest `keep`; the ones deleted."""
    backups = sorted(p for p in target.glob(PREFIX + "*") if (p / MANIFEST).exists())
    old = backups[: max(len(backups) - max(keep, 1), 0)]
    for folder in old:
        shutil.rmtree(folder)
    return old


def backup_restore(*, source: Path) -> dict:
    """Replace the database and the media with the backup in `source`; its manifest.

    Raises BackupError when the restored rows or files differ from the manifest.
    """
    manifest = json.loads((source / MANIFEST).read_text())
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"The backup is of {manifest['engine']}, the database is {engine}.")
    database_file = source / manifest["database_file"]
    if engine == "sqlite":
        connection.ensure_connection()
        backup = sqlite3.connect(database_file)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    else:
        connection.close()
        name = connection.settings_dict["NAME"]
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                f"--dbname={name}",
                str(database_file),
            ]
        )
    _restore_media(source / "media", Path(settings.MEDIA_ROOT))
    problems = _differences(manifest)
    if problems:
        raise BackupError("The restore differs from the backup: " + "; ".join(problems))
    return manifest


def _restore_media(backup_media: Path, media_root: Path) -> None:
    if media_root.exists():
        for child in media_root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    if backup_media.exists():
        shutil.copytree(backup_media, media_root, dirs_exist_ok=True)


def _differences(manifest: dict) -> list[str]:
    problems = []
    counts = row_counts()
    for table, expected in manifest["row_counts"].items():
        if counts.get(table) != expected:
            problems.append(f"{table}: {counts.get(table)} rows, backup has {expected}")
    if media_files(Path(settings.MEDIA_ROOT)) != manifest["media"]:
        problems.append("the media files differ")
    return problems
