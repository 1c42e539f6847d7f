"""`manage.py check --deploy` is clean with the production settings, and `make audit`
tells a clean audit from one that could not be done."""

import importlib.util
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


#: What several machines add (docs/deployment.md); nothing is connected to by the checks.
SEVERAL_MACHINES = {
    "DATABASE_URL": "postgres://sakke@db.internal:5432/sakke",
    "DATABASE_REPLICA_URL": "postgres://sakke@replica.internal:5432/sakke",
    "CACHE_URL": "redis://redis.internal:6379/1",
    "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
    "SESSION_STORE": "cached_db",
    "SAKKE_MEDIA_S3_BUCKET": "sakke-media",
    "SAKKE_MEDIA_S3_ENDPOINT_URL": "https://s3.example.fi",
}


@pytest.mark.parametrize("machines", ["one", "several"])
def test_the_deploy_checks_find_nothing_with_production_settings(machines):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "sakke.example.fi",
        "SECURE_SSL_REDIRECT": "1",
        **(SEVERAL_MACHINES if machines == "several" else {}),
    }
    env.pop("SAKKE_INSECURE_DEV_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def audit():
    spec = importlib.util.spec_from_file_location("audit", ROOT / ".ci" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_audit_passes_when_every_package_was_checked_and_none_is_vulnerable():
    report = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
    assert audit().verdict(report)[0] == 0


def test_the_audit_fails_on_a_known_vulnerability_and_names_the_fix():
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["5.2.20"]}
    report = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": [vuln]}]}
    code, lines = audit().verdict(report)
    assert code == 1
    assert "django 5.2.19: PYSEC-2099-1 (5.2.20)" in lines


def test_the_audit_fails_apart_when_the_vulnerability_service_checked_nothing():
    skipped = {"name": "django", "skip_reason": "Dependency not found on PyPI"}
    code, lines = audit().verdict({"dependencies": [skipped]})
    assert code == 3
    assert "could NOT be done" in lines[0]


def advisories():
    spec = importlib.util.spec_from_file_location("advisories", ROOT / ".ci" / "advisories.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_advisory_range_is_read_in_version_order_whatever_order_it_is_written_in():
    # As PyPA writes them: the newest series first.
    advisory = {
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": "Django"},
                "ranges": [
                    {
                        "type": "ECOSYSTEM",
                        "events": [
                            {"introduced": "4.2"},
                            {"fixed": "4.2.3"},
                            {"introduced": "3.2"},
                            {"fixed": "3.2.20"},
                        ],
                    }
                ],
            }
        ]
    }
    affects = advisories().affects
    assert affects(advisory, "django", "4.2.2")
    assert affects(advisory, "django", "3.2.19")
    assert not affects(advisory, "django", "4.2.3")
    assert not affects(advisory, "django", "4.1")
    assert not affects(advisory, "django", "3.1.9")
    assert not affects(advisory, "flask", "4.2.2")


def test_last_affected_includes_that_version_and_no_later_one():
    advisory = {
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": "pillow"},
                "ranges": [
                    {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"last_affected": "9.0"}]}
                ],
            }
        ]
    }
    affects = advisories().affects
    assert affects(advisory, "Pillow", "8.4")
    assert affects(advisory, "pillow", "9.0")
    assert not affects(advisory, "pillow", "9.0.1")


def test_pip_audit_against_the_local_copy_fails_on_a_known_vulnerability(tmp_path):
    """pip-audit itself, pointed at the committed advisory copy, finds an old Django's CVE."""
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("django==4.2.2\n")
    code, lines = audit().audit_against_local_copy(requirements)
    assert code == 1, lines
    assert any("django 4.2.2: PYSEC-2023-100" in line for line in lines), lines
    assert "local copy of PyPA's advisory database" in lines[0]


def locked_version(name: str) -> str:
    lock = (ROOT / "uv.lock").read_text()
    return lock.split(f'name = "{name}"\nversion = "', 1)[1].split('"', 1)[0]


def test_pip_audit_against_the_local_copy_passes_the_locked_django(tmp_path):
    """The copy knows no advisory against the Django of the lock (else CI would fail)."""
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"django=={locked_version('django')}\n")
    code, lines = audit().audit_against_local_copy(requirements)
    assert code == 0, lines


def runtime_packages_of_the_image() -> set[str]:
    """The Debian packages the Dockerfile's runtime stage installs."""
    text = (ROOT / "Dockerfile").read_text()
    runtime = text[text.index("AS runtime") :]
    install = runtime[runtime.index("apt-get install") : runtime.index("rm -rf /var/lib/apt")]
    words = install.replace("\\", " ").split()
    return {w for w in words if not w.startswith("-") and w not in {"apt-get", "install", "&&"}}


def test_the_image_has_every_system_package_the_service_runs_with():
    """What CI installs for the service to run (Voikko, Tesseract, Pango, fonts) is in the
    image too; only the test tools (Chromium, gettext) and the servers are not."""
    ci = (ROOT / ".ci" / "run").read_text()
    listed = ci[ci.index("for pkg in") : ci.index("; do")].replace("\\", " ").split()[3:]
    not_in_the_image = {"chromium", "gettext", "postgresql", "redis-server"}
    assert set(listed) - not_in_the_image <= runtime_packages_of_the_image()
    assert "tesseract-ocr-fin" in runtime_packages_of_the_image()
