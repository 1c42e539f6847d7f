from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from materials.imports import Entry, documents_import, extract_now
from materials.models import Kind, Language


class Command(BaseCommand):
    help = (
        "Add a document to the materials library from a file. The file is checked as an "
        "upload is; a bad file or option exits non-zero and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--title", required=True, help="The title in Finnish.")
        parser.add_argument(
            "--municipality", action="append", default=[], help="Statistics Finland code."
        )
        parser.add_argument("--kind", default=Kind.BACKGROUND, choices=Kind.values)
        parser.add_argument("--year", type=int)
        parser.add_argument("--language", default=Language.FINNISH, choices=Language.values)
        parser.add_argument("--topic", action="append", default=[], help="A topic's identifier.")
        parser.add_argument("--description", default="")
        parser.add_argument("--publisher", default="", help="The public id of an association.")
        parser.add_argument(
            "--no-extract", action="store_true", help="Leave the text to the background worker."
        )

    def handle(self, *args, **options):
        entry = Entry(
            path=options["path"],
            title=options["title"],
            kind=options["kind"],
            year=options["year"],
            language=options["language"],
            municipalities=options["municipality"],
            topics=options["topic"],
            description=options["description"],
            publisher=options["publisher"],
        )
        try:
            (document,) = documents_import([entry])
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        if not options["no_extract"]:
            extract_now([document])
        self.stdout.write(f"{document.public_id}\t{document.title}\t{document.extraction}")
