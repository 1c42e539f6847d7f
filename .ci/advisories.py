"""A local copy of PyPA's advisory database, served to pip-audit as an OSV service.

pip-audit asks a vulnerability service about each locked package: PyPI's JSON API or
OSV's. Where neither is reachable (the development and CI machines here reach only the
package index), `make audit` still runs pip-audit, against this copy:

    python .ci/advisories.py build CHECKOUT [ITS-GIT-URL]   # → .ci/advisories/pypa.json.gz

CHECKOUT is a clone of https://github.com/pypa/advisory-database, or of a fork kept in
step with it (CC BY 4.0; the copy keeps each advisory's id, aliases, summary, affected
versions and dates, and names where it came from and as of when). `serve()` then
answers OSV's `POST /v1/query` from it on a local port, and pip-audit is pointed there
with `--osv-url`, so pip-audit itself decides and reports. The copy is as new as its
last build: the audit names its date, and warns when it is old.
"""

import gzip
import json
import subprocess
import sys
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

DATABASE = Path(__file__).resolve().parent / "advisories" / "pypa.json.gz"
PYPA = "https://github.com/pypa/advisory-database"
KEPT = ("id", "aliases", "summary", "details", "affected", "published", "modified", "withdrawn")


def build(checkout: Path, source: str = PYPA, target: Path = DATABASE) -> dict:
    """Read every advisory of a PyPA advisory-database checkout into one compressed file."""
    import yaml  # only the build reads YAML; the audit reads the JSON it writes

    advisories = []
    for path in sorted((checkout / "vulns").glob("*/*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        kept = {key: record[key] for key in KEPT if record.get(key) is not None}
        if "details" in kept:
            kept["details"] = kept["details"][:300]
        for when in ("published", "modified", "withdrawn"):
            if isinstance(kept.get(when), datetime):  # YAML reads them as datetimes
                kept[when] = kept[when].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        advisories.append(kept)
    commit = subprocess.run(
        ["git", "-C", str(checkout), "log", "-1", "--format=%H %cI"],
        capture_output=True,
        text=True,
    ).stdout.split()
    database = {
        "source": source,
        "licence": "CC BY 4.0",
        "commit": commit[0] if commit else "",
        "as_of": commit[1] if len(commit) > 1 else datetime.now(UTC).isoformat(),
        "advisories": advisories,
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same checkout gives the same bytes.
    with gzip.GzipFile(target, "wb", mtime=0) as out:
        out.write(json.dumps(database, sort_keys=True, separators=(",", ":")).encode())
    return database


def load(path: Path = DATABASE) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as source:
        return json.load(source)


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _in_range(version: Version, events: list[dict]) -> bool:
    """OSV's ECOSYSTEM range: events sorted by version; introduced opens, fixed closes
    (exclusive), last_affected closes (inclusive)."""
    points = []
    for event in events:
        for kind, value in event.items():
            at = Version("0") if value == "0" else _version(value)
            if at is not None:
                points.append((at, kind))
    affected = False
    for at, kind in sorted(points, key=lambda point: point[0]):
        if at > version:
            break
        if kind == "introduced":
            affected = True
        elif kind == "fixed":
            affected = False
        elif kind == "last_affected":
            affected = at == version
    return affected


def affects(advisory: dict, name: str, version: str) -> bool:
    """Whether the advisory names this PyPI package at this version."""
    wanted, parsed = canonicalize_name(name), _version(version)
    for affected in advisory.get("affected", []):
        package = affected.get("package", {})
        if package.get("ecosystem") != "PyPI" or canonicalize_name(package["name"]) != wanted:
            continue
        if version in affected.get("versions", []):
            return True
        if parsed is not None and any(
            r.get("type") == "ECOSYSTEM" and _in_range(parsed, r.get("events", []))
            for r in affected.get("ranges", [])
        ):
            return True
    return False


class Index:
    """The advisories by package name, answering OSV's query."""

    def __init__(self, database: dict):
        self.as_of = database.get("as_of", "")
        self.by_package: dict[str, list[dict]] = {}
        for advisory in database["advisories"]:
            names = {
                canonicalize_name(a["package"]["name"])
                for a in advisory.get("affected", [])
                if a.get("package", {}).get("ecosystem") == "PyPI"
            }
            for name in names:
                self.by_package.setdefault(name, []).append(advisory)

    def query(self, name: str, version: str) -> list[dict]:
        candidates = self.by_package.get(canonicalize_name(name), [])
        return [a for a in candidates if affects(a, name, version)]


def serve(index: Index) -> tuple[ThreadingHTTPServer, str]:
    """Answer OSV's `POST /v1/query` on a free local port; returns the server and its URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            try:
                asked = json.loads(self.rfile.read(length) or b"{}")
                vulns = index.query(asked["package"]["name"], asked["version"])
            except (ValueError, KeyError, TypeError):
                self.send_error(400, "expected an OSV query for a package and a version")
                return
            body = json.dumps({"vulns": vulns} if vulns else {}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # quiet: pip-audit's report says what matters
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/v1/query"


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or sys.argv[1] != "build":
        sys.exit("usage: python .ci/advisories.py build CHECKOUT [ITS-GIT-URL]")
    built = build(Path(sys.argv[2]), *sys.argv[3:])
    print(f"{DATABASE}: {len(built['advisories'])} advisories as of {built['as_of']}")
