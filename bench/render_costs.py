"""What each request of the load mix (bench/locustfile.py) costs to render, one at a time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/sakke_load \\
        .venv/bin/python bench/render_costs.py [--repeat 5] [--no-warm]

In one fresh process, with the page cache off: the first request of each kind (what a
new worker pays), then the median of --repeat more, and the database queries of one.
By default the process is first warmed as a gunicorn worker is (config/gunicorn.conf.py);
--no-warm shows what the first requests cost without it. Not a test: timings go to
docs/benchmarks.md by hand.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("SECRET_KEY", "render-costs-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

started = time.perf_counter()
import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

EVENT_LINK = re.compile(r'href="(/fi/tapahtumat/(?:[a-z0-9-]+:)?[^"/]+/)"')

REQUESTS = [
    ("home", "/fi/"),
    ("event list", "/fi/tapahtumat/"),
    ("event", None),  # the first event of the list
    ("association list", "/fi/jarjestot/"),
    ("association list, page 2", "/fi/jarjestot/?page=2"),
    ("search", "/fi/haku/?q=kuoro"),
    ("event map", "/fi/tapahtumat/kartta/"),
    ("newsletter form", "/fi/uutiskirje/"),
    ("api events", "/api/v1/event/?page_size=20"),
    ("api organizations", "/api/v1/organization/?page_size=20"),
    ("api search", "/api/v1/search/?q=kuoro"),
]


def timed(client: Client, path: str):
    begin = time.perf_counter()
    response = client.get(path)
    return (time.perf_counter() - begin) * 1000, response


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-warm", action="store_true")
    args = parser.parse_args()
    print(f"django.setup(): {(time.perf_counter() - started) * 1000:.0f} ms")
    if not args.no_warm:
        from core.warmup import warm

        begin = time.perf_counter()
        warm()
        print(f"warm(): {(time.perf_counter() - begin) * 1000:.0f} ms")
    client = Client(SERVER_NAME="127.0.0.1")
    event_path = None
    print("| request | first (ms) | then, median (ms) | queries | kB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, path in REQUESTS:
        path = path or event_path
        if path is None:
            continue
        first, response = timed(client, path)
        if name == "event list":
            found = EVENT_LINK.findall(response.text)
            event_path = found[0] if found else None
        times = [timed(client, path)[0] for _ in range(args.repeat)]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        print(
            f"| {name} | {first:.0f} | {statistics.median(times):.0f} | "
            f"{len(queries)} | {len(response.content) / 1000:.0f} |"
        )


if __name__ == "__main__":
    main()
