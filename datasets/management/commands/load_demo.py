from django.core.management.base import BaseCommand
from tqdm import tqdm

from datasets.management.commands.import_dataset import run_import
from datasets.services import demo_load


class Command(BaseCommand):
    help = (
        "Load the reference data and the demo dataset, its events moved to start in the "
        "current week. Safe to run again."
    )

    def handle(self, *args, **options):
        with tqdm(unit="obj", disable=options["verbosity"] < 1) as bar:
            run_import(self, lambda: demo_load(progress=bar.update))
