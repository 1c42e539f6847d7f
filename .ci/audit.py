"""`make audit`: pip-audit over every locked dependency (uv.lock, all groups).

pip-audit answers "No known vulnerabilities found" even when its vulnerability service
knew none of the packages (PyPI's JSON API unreachable, say), so this reads its JSON
report and tells the three outcomes apart:

    0  every locked package audited, none with a known vulnerability
    1  a known vulnerability in a locked package (the report names it and its fix)
    3  the audit could not be done: packages left unaudited (service unreachable)

When the service checked nothing, pip-audit runs again against the committed copy of
PyPA's advisory database, served to it as a local OSV service (.ci/advisories.py), and
says how old that copy is. SAKKE_AUDIT_UNREACHABLE=warn turns a 3 that remains into a loud
warning and 0; a found vulnerability always fails.
"""

import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV = os.environ.get("UV", "uv")
SERVICE = os.environ.get("SAKKE_AUDIT_SERVICE", "pypi")  # "osv", or "local" for the copy only
#: Older than this, a clean audit against the local copy warns that it may miss advisories.
STALE_DAYS = 90


def verdict(report: dict) -> tuple[int, list[str]]:
    """The exit code and the lines to print for pip-audit's JSON report."""
    lines, vulnerable, skipped = [], [], []
    dependencies = report.get("dependencies", [])
    for dep in dependencies:
        if dep.get("skip_reason"):
            skipped.append(f"{dep['name']}: {dep['skip_reason']}")
        for vuln in dep.get("vulns", []):
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            vulnerable.append(f"{dep['name']} {dep.get('version', '')}: {vuln['id']} ({fixes})")
    if vulnerable:
        lines += ["Known vulnerabilities in locked dependencies:", *vulnerable]
        lines.append("Upgrade them (uv lock --upgrade-package NAME) and commit uv.lock.")
        return 1, lines
    if skipped or not dependencies:
        lines.append(
            f"The audit could NOT be done: {len(skipped)} of {len(dependencies)} locked "
            f"packages were not checked by the '{SERVICE}' vulnerability service "
            "(is it reachable from here?). No vulnerability was ruled out."
        )
        lines += skipped[:5] + (["..."] if len(skipped) > 5 else [])
        return 3, lines
    lines.append(f"pip-audit: {len(dependencies)} locked packages, no known vulnerabilities.")
    return 0, lines


def pip_audit(requirements: Path, service_args: list[str]) -> tuple[int, list[str]]:
    """Run pip-audit on the exported lock with these service arguments; its verdict."""
    with tempfile.TemporaryDirectory() as tmp:
        report_path = Path(tmp, "audit.json")
        # Every requirement is pinned by the lock: no resolving, no virtualenv of its own.
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "-r",
                str(requirements),
                "--no-deps",
                "--disable-pip",
                *service_args,
                "--progress-spinner",
                "off",
                "--format",
                "json",
                "--output",
                str(report_path),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if not report_path.exists() or not report_path.read_text().strip():
            print(run.stderr, file=sys.stderr)
            return 3, ["The audit could NOT be done: pip-audit wrote no report."]
        return verdict(json.loads(report_path.read_text()))


def audit_against_local_copy(requirements: Path) -> tuple[int, list[str]]:
    """pip-audit against the committed copy of PyPA's advisory database (.ci/advisories.py)."""
    sys.path.insert(0, str(ROOT / ".ci"))
    import advisories

    if not advisories.DATABASE.exists():
        return 3, [f"No local advisory database at {advisories.DATABASE}."]
    database = advisories.load()
    server, url = advisories.serve(advisories.Index(database))
    try:
        code, lines = pip_audit(requirements, ["--vulnerability-service", "osv", "--osv-url", url])
    finally:
        server.shutdown()
    as_of = datetime.fromisoformat(database["as_of"])
    age = (datetime.now(UTC) - as_of).days
    lines.insert(
        0,
        f"Audited against the local copy of PyPA's advisory database as of "
        f"{as_of:%Y-%m-%d} ({len(database['advisories'])} advisories, {age} days old).",
    )
    if code == 0 and age > STALE_DAYS:
        lines.append(
            f"WARNING: the copy is {age} days old: advisories published since are not known "
            "to it. Rebuild it (python .ci/advisories.py build CHECKOUT) where GitHub is "
            "reachable, or run `make audit` where a vulnerability service is."
        )
    return code, lines


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp, "requirements.txt")
        subprocess.run(
            [
                UV,
                "export",
                "--frozen",
                "--no-hashes",
                "--all-groups",
                "--no-emit-project",
                "--quiet",
                "-o",
                str(requirements),
            ],
            check=True,
            cwd=ROOT,
        )
        code, lines = 3, []
        if SERVICE != "local":
            code, lines = pip_audit(requirements, ["--vulnerability-service", SERVICE])
        if code == 3:
            print("\n".join(lines))
            code, lines = audit_against_local_copy(requirements)
    print("\n".join(lines))
    if code == 3 and os.environ.get("SAKKE_AUDIT_UNREACHABLE") == "warn":
        print("WARNING: dependency audit NOT DONE (SAKKE_AUDIT_UNREACHABLE=warn).")
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
