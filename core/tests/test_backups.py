"""The restore drill: backup, a fresh database, restore: the same rows, files and sign-in.

Runs on the database the suite runs on: SQLite, and PostgreSQL when DATABASE_URL says so
(CI runs both).
"""

import datetime as dt
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory
from core.backups import backups_prune, media_files, row_counts
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def drop_every_table() -> None:
    """Make the database as empty as a new one."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            return
        cursor.execute("PRAGMA foreign_keys = OFF")
        # Full-text tables first: dropping one drops its shadow tables.
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY sql NOT LIKE 'CREATE VIRTUAL%'"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
        cursor.execute("PRAGMA foreign_keys = ON")


def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_files_and_sign_in(
    client, media, tmp_path
):
    user = UserFactory(email="maija@example.org")
    OrganizationFactory.create_batch(3)
    default_storage.save("organizations/logo.png", ContentFile(b"\x89PNG logo"))
    default_storage.save("events/kuva.jpg", ContentFile(b"\xff\xd8 kuva"))
    counts, files = row_counts(), media_files(media)

    call_command("backup", to=str(tmp_path / "backups"), keep=3)
    [folder] = (tmp_path / "backups").glob("sakke-*")
    drop_every_table()
    for path in media.rglob("*.*"):
        path.unlink()
    assert row_counts() == {}

    call_command("restore", str(folder), yes=True)

    assert row_counts() == counts
    assert media_files(media) == files
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 200


def test_the_manifest_records_the_rows_and_files_of_the_backup(media, tmp_path):
    OrganizationFactory()
    default_storage.save("a.txt", ContentFile(b"a"))

    call_command("backup", to=str(tmp_path), keep=1)

    [folder] = tmp_path.glob("sakke-*")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert manifest["row_counts"]["organizations_organization"] == 1
    assert manifest["media"]["a.txt"]["size"] == 1
    assert (folder / manifest["database_file"]).stat().st_size > 0


def test_only_the_newest_backups_are_kept(tmp_path):
    for day in range(1, 5):
        (tmp_path / f"sakke-202612{day:02d}T000000000000Z").mkdir()
        (tmp_path / f"sakke-202612{day:02d}T000000000000Z" / "manifest.json").write_text("{}")
    (tmp_path / ".sakke-20261205T000000000000Z.partial").mkdir()

    deleted = backups_prune(target=tmp_path, keep=2)

    assert [p.name[6:14] for p in deleted] == ["20261201", "20261202"]
    assert sorted(p.name[6:14] for p in tmp_path.glob("sakke-*")) == ["20261203", "20261204"]


def test_a_folder_without_a_manifest_is_not_restored(tmp_path):
    OrganizationFactory()
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(tmp_path), yes=True)
    assert row_counts()["organizations_organization"] == 1


def test_a_restore_that_does_not_match_the_manifest_is_reported(media, tmp_path):
    OrganizationFactory()
    call_command("backup", to=str(tmp_path), keep=1)
    [folder] = tmp_path.glob("sakke-*")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["row_counts"]["organizations_organization"] = 5
    (folder / "manifest.json").write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="organizations_organization"):
        call_command("restore", str(folder), yes=True)


def test_backups_taken_at_different_times_get_different_folders(tmp_path):
    from core.backups import backup_create

    first = backup_create(target=tmp_path, keep=5, now=dt.datetime(2026, 12, 7, 3, tzinfo=dt.UTC))
    second = backup_create(target=tmp_path, keep=5, now=dt.datetime(2026, 12, 8, 3, tzinfo=dt.UTC))

    assert first != second and first.exists() and second.exists()
