"""`make audit`: pip-audit over every locked dependency (uv.lock, all groups).

pip-audit answers "No known vulnerabilities found" even when its vulnerability service
knew none of the packages (PyPI's JSON API unreachable, say), so this reads its JSON
report and tells the three outcomes apart:

    0  every locked package audited, none with a known vulnerability
    1  a known vulnerability in a locked package (the report names it and its fix)
    3  the audit could not be done: packages left unaudited (service unreachable)

SAKKE_AUDIT_UNREACHABLE=warn turns 3 into a loud warning and 0, for a CI machine that
reaches no vulnerability service; a found vulnerability always fails.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV = os.environ.get("UV", "uv")
SERVICE = os.environ.get("SAKKE_AUDIT_SERVICE", "pypi")  # "osv" is the other one


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


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        requirements, report_path = Path(tmp, "requirements.txt"), Path(tmp, "audit.json")
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
                "--vulnerability-service",
                SERVICE,
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
            code, lines = 3, ["The audit could NOT be done: pip-audit wrote no report."]
        else:
            code, lines = verdict(json.loads(report_path.read_text()))
    print("\n".join(lines))
    if code == 3 and os.environ.get("SAKKE_AUDIT_UNREACHABLE") == "warn":
        print("WARNING: dependency audit NOT DONE (SAKKE_AUDIT_UNREACHABLE=warn).")
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
