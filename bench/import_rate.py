"""Time `manage.py import_dataset FILE` into an empty, migrated database: twice.

    DATABASE_URL=... .venv/bin/python bench/import_rate.py FILE --label postgresql --out x.json

The first import creates every object, the second updates them in place (it must
create nothing new). Objects are the items of the file's top-level lists; the rate is
objects / seconds of the command itself (Python start-up and Django setup excluded).

The command leaves the search index to a background worker: the objects it changed are
queued in its own transaction. After each import this script does the worker's part
(`search.index.index_pending()`) and times it separately, so the report shows both how
soon the data is in and how soon it is searchable.
"""

import argparse
import io
import json
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.management.base import CommandError  # noqa: E402
from django.db import connection  # noqa: E402

from events.models import Event  # noqa: E402
from organizations.models import Organization  # noqa: E402

LISTS = ("municipalities", "topics", "audiences", "organizations", "places", "events", "activities")


def timed_import(path: Path) -> tuple[float, list[str]]:
    output = io.StringIO()
    started = time.perf_counter()
    call_command("import_dataset", str(path), verbosity=0, stdout=output)
    lines = output.getvalue().strip().splitlines()
    summary = [line for line in lines if "/s" in line]
    return time.perf_counter() - started, summary[-1:]


def timed_indexing() -> tuple[float, int]:
    """The background worker's part: index what the import queued."""
    from search.index import index_pending

    started = time.perf_counter()
    count = index_pending()
    return time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--label", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    data = json.loads(args.path.read_text(encoding="utf-8"))
    objects = sum(len(data.get(name) or []) for name in LISTS)
    if Event.objects.exists() or Organization.objects.exists():
        sys.exit(f"import_rate.py: {connection.settings_dict['NAME']} is not empty")
    result = {"label": args.label, "objects": objects, "file": args.path.name}
    # The machine may be shared: the load says how far to trust the rate.
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    try:
        for run in ("first", "again"):
            seconds, summary = timed_import(args.path)
            index_seconds, indexed = timed_indexing()
            result[run] = {
                "seconds": round(seconds, 3),
                "rate": round(objects / seconds),
                "command_says": " ".join(summary),
                "search_index_seconds": round(index_seconds, 3),
                "search_indexed": indexed,
            }
            print(
                f"[import {args.label}] {run}: {objects} objects in {seconds:.2f} s "
                f"= {objects / seconds:,.0f} objects/s ({' '.join(summary)}); "
                f"search index: {indexed} objects in {index_seconds:.2f} s",
                flush=True,
            )
    except CommandError as error:
        sys.exit(f"import_rate.py: import_dataset failed: {error}")
    result["events_after"] = Event.objects.count()
    result["organizations_after"] = Organization.objects.count()
    expected = len(data.get("events") or []), len(data.get("organizations") or [])
    found = result["events_after"], result["organizations_after"]
    if found != expected:
        sys.exit(f"import_rate.py: expected {expected} events/organizations, found {found}")
    args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
