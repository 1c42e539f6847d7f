from django.core.management.base import BaseCommand

from newsletter.services.sending import run_sender


class Command(BaseCommand):
    help = (
        "Send an issue's deliveries from this process until none is left to claim "
        "(what a Celery sender task does; safe beside other senders)."
    )

    def add_arguments(self, parser):
        parser.add_argument("issue", type=int)
        parser.add_argument("--worker", default=None, help="A name for this sender.")
        parser.add_argument("--max-batches", type=int, default=None)

    def handle(self, *args, issue, worker, max_batches, **options):
        totals = run_sender(issue_id=issue, worker=worker, max_batches=max_batches)
        self.stdout.write(str(totals))
