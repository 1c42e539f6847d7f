"""E-mailed links point to where the service runs: one setting, SAKKE_BASE_URL."""

import os
import subprocess
from pathlib import Path

from django.test import override_settings

from core.emails import default_base_url

REPOSITORY = Path(__file__).resolve().parents[2]


def base_url_seen_by_make_run(**variables) -> str:
    """SAKKE_BASE_URL as the processes that `make run` starts see it in their environment."""
    environment = {k: v for k, v in os.environ.items() if k != "SAKKE_BASE_URL"}
    environment.update(variables)
    command = [
        "make", "--no-print-directory", "-s", "-f", "Makefile",
        "--eval", "show-base-url: ; @echo \"$$SAKKE_BASE_URL\"", "show-base-url",
    ]  # fmt: skip
    result = subprocess.run(
        command, cwd=REPOSITORY, env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_make_run_gives_its_processes_the_base_url_of_its_port():
    assert base_url_seen_by_make_run(PORT="8471") == "http://127.0.0.1:8471"


def test_make_run_keeps_a_base_url_set_in_the_environment():
    assert base_url_seen_by_make_run(SAKKE_BASE_URL="https://sakke.example.fi") == (
        "https://sakke.example.fi"
    )


@override_settings(SAKKE_BASE_URL="http://127.0.0.1:8471/")
def test_e_mails_sent_outside_a_request_link_to_the_setting():
    assert default_base_url() == "http://127.0.0.1:8471"
