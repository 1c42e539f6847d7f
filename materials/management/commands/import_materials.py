from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from materials.imports import documents_import, extract_now, manifest_entries


class Command(BaseCommand):
    help = (
        "Add every file of a folder to the materials library, described by the folder's CSV "
        "manifest (columns: file, title, kind, year, language, municipalities, topics, "
        "description, publisher, licence, id). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--manifest", type=Path, help="Default: FOLDER/manifest.csv")
        parser.add_argument("--no-extract", action="store_true")

    def handle(self, *args, **options):
        try:
            entries = manifest_entries(options["folder"], options["manifest"])
            documents = documents_import(entries)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        if not options["no_extract"]:
            extract_now(documents)
        for document in documents:
            self.stdout.write(f"{document.public_id}\t{document.title}\t{document.extraction}")
        self.stdout.write(f"{len(documents)} documents added.")
