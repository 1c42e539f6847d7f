"""manage.py restore: replace the database and the media with a backup, then check them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database and the media with a backup folder written by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("source", help="A backup folder (sakke-<time>).")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: the current data is replaced."
        )

    def handle(self, *args, source, yes, **options):
        folder = Path(source)
        if not (folder / "manifest.json").exists():
            raise CommandError(f"{folder} is not a backup (no manifest.json).")
        if not yes and input("This replaces the database and the media. Type yes: ") != "yes":
            raise CommandError("Nothing was restored.")
        try:
            manifest = backup_restore(source=folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables, rows = len(manifest["row_counts"]), sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Restored {rows} rows in {tables} tables and {len(manifest['media'])} files "
            f"from {folder}; they match the backup."
        )
