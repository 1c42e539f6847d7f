from django.core.management.base import BaseCommand

from freshness.services import send_confirmation_reminders


class Command(BaseCommand):
    help = (
        "E-mail the editors of associations whose information has not been checked for "
        "SAKKE_CONFIRM_REMINDER_DAYS a one-click confirmation link. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="Address of the service for the e-mail links, e.g. https://sakke.example.fi "
            "(default: the SAKKE_BASE_URL setting).",
        )

    def handle(self, *args, base_url=None, **options):
        sent = send_confirmation_reminders(base_url=base_url)
        self.stdout.write(f"Sent {sent} confirmation reminder(s).")
