import json

import pytest
from django.core.management import CommandError, call_command

from organizations.models import Organization

from .small_dataset import small_dataset

pytestmark = pytest.mark.django_db


def _write(tmp_path, content):
    path = tmp_path / "dataset.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_import_dataset_imports_a_file_and_prints_the_counts(tmp_path, capsys):
    call_command("import_dataset", _write(tmp_path, small_dataset()), verbosity=0)

    out = capsys.readouterr().out
    assert "organizations: 2 created, 0 updated, 0 unchanged" in out
    assert "objects/s" in out
    assert Organization.objects.count() == 2


def test_import_dataset_fails_on_a_bad_file_and_imports_nothing(tmp_path):
    data = small_dataset()
    data["events"][0]["start_time"] = "tomorrow"

    with pytest.raises(CommandError, match=r"events\[0\] \(event-1\): start_time"):
        call_command("import_dataset", _write(tmp_path, data), verbosity=0)
    assert Organization.objects.count() == 0


def test_import_dataset_fails_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_dataset", tmp_path / "nowhere.json", verbosity=0)


def test_import_dataset_fails_on_a_file_that_is_not_json(tmp_path):
    with pytest.raises(CommandError, match="is not a JSON file"):
        call_command("import_dataset", _write(tmp_path, "format: yaml?"), verbosity=0)
