"""manage.py backup: the database and the media into a folder, keeping the newest N."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a consistent backup of the database and the media into a folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", default=settings.BACKUP_DIR, help="Folder of the backups (BACKUP_DIR)."
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=settings.BACKUP_KEEP,
            help="How many backups to keep; older ones are deleted (BACKUP_KEEP).",
        )

    def handle(self, *args, to, keep, **options):
        try:
            folder = backup_create(target=Path(to), keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {folder}")
