import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from newsletter.services.feedback import report_process


class Command(BaseCommand):
    help = (
        "Read bounce (DSN, RFC 3464) or complaint (ARF, RFC 5965) messages, from files or "
        "standard input (e.g. piped from the bounce mailbox), and stop mail to those addresses."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Message files; standard input if none.")

    def handle(self, *args, files, **options):
        sources = [Path(f).read_bytes() for f in files] or [sys.stdin.buffer.read()]
        stopped = sum(report_process(raw) for raw in sources)
        self.stdout.write(f"Stopped mail to {stopped} address(es).")
