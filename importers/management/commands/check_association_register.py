from django.core.management.base import BaseCommand

from importers.registry import BATCH_SIZE, PAUSE_SECONDS, check_register_batch


class Command(BaseCommand):
    help = (
        "Check associations with a business id against the PRH/YTJ open data: registered "
        "name and status. Those not checked for 30 days go first; dissolved ones are flagged "
        "for the coordinator. Celery beat runs it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=BATCH_SIZE, help="How many associations to check."
        )
        parser.add_argument(
            "--pause",
            type=float,
            default=PAUSE_SECONDS,
            help="Seconds to wait between two requests to the register.",
        )

    def handle(self, *args, limit, pause, **options):
        counts = check_register_batch(limit=limit, pause=pause)
        self.stdout.write("Checked {checked}, failed {failed}, flagged {flagged}.".format(**counts))
