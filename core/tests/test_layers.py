"""The layer contract of pyproject.toml covers every app of the project.

`lint-imports` (make lint, CI) checks that imports point down the layers; this test makes
sure a new app cannot slip past it by being left out of the contract.
"""

import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings


def _contract() -> dict:
    with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]


def _layered_packages(contract: dict) -> list[str]:
    (layers,) = [c["layers"] for c in contract["contracts"] if c["type"] == "layers"]
    return [name.strip() for layer in layers for name in layer.replace(":", "|").split("|")]


def _project_apps() -> set[str]:
    base = Path(settings.BASE_DIR).resolve()
    return {config.name for config in apps.get_app_configs() if Path(config.path).parent == base}


def test_every_app_of_the_project_has_a_layer():
    layered = _layered_packages(_contract())
    assert _project_apps() - set(layered) == set()


def test_every_layered_package_is_checked_and_named_once():
    contract = _contract()
    layered = _layered_packages(contract)
    assert len(layered) == len(set(layered))
    assert set(layered) == set(contract["root_packages"])
