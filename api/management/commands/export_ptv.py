import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from api.ptv import exportable_activities, ptv_export


class Command(BaseCommand):
    help = (
        "Write the activities of associations with a business id as Suomi.fi service "
        "register (PTV) services and channels, as JSON (docs/api.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, *args, output=None, **options):
        with translation.override("fi"):
            document = ptv_export(exportable_activities(), base_url=settings.SAKKE_BASE_URL)
        text = json.dumps(document, ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stdout.write(f"Wrote {document['meta']['count']} service(s) to {output}.")
        else:
            self.stdout.write(text)
