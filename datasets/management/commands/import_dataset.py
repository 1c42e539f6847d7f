import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from datasets.services import ImportReport, dataset_import, dataset_total


def read_dataset(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CommandError(_("No such file: %(path)s") % {"path": path}) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(
            _("%(path)s is not a JSON file: %(error)s") % {"path": path, "error": error}
        ) from error


def run_import(command: BaseCommand, importer) -> ImportReport:
    """Run `importer(progress=...)` under a progress bar; report errors as a CommandError."""
    try:
        report = importer()
    except ValidationError as error:
        raise CommandError(
            "\n".join([_("The dataset was not imported:"), *error.messages])
        ) from error
    for kind, counts in report.counts.items():
        command.stdout.write(
            _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
            % {"kind": kind, **counts}
        )
    command.stdout.write(
        _("%(objects)d objects in %(seconds).2f s (%(rate).0f objects/s)")
        % {"objects": report.objects, "seconds": report.seconds, "rate": report.rate}
    )
    if report.queued_for_search:
        command.stdout.write(
            _(
                "%(count)d objects wait for the search index: a background worker adds "
                "them (manage.py index_pending does it now)."
            )
            % {"count": report.queued_for_search}
        )
    return report


class Command(BaseCommand):
    help = "Import a dataset in the exchange format (sakke-dataset/1)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The dataset's JSON file.")
        parser.add_argument(
            "--index-now",
            action="store_true",
            help="Update the search index in this command, not in a background worker.",
        )

    def handle(self, *args, path: Path, index_now: bool, **options):
        data = read_dataset(path)
        total = dataset_total(data) if isinstance(data, dict) else 0
        with tqdm(total=total, unit="obj", disable=options["verbosity"] < 1) as bar:
            run_import(
                self,
                lambda: dataset_import(data=data, progress=bar.update, index_now=index_now),
            )
