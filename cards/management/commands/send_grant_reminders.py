from django.core.management.base import BaseCommand

from cards.services import send_grant_reminders


class Command(BaseCommand):
    help = (
        "E-mail the people who asked for grant reminders the deadlines coming up within "
        "their chosen number of days. Each person hears of each deadline once. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="Address of the service for the e-mail links, e.g. https://sakke.example.fi "
            "(default: the SAKKE_BASE_URL setting).",
        )

    def handle(self, *args, base_url=None, **options):
        sent = send_grant_reminders(base_url=base_url)
        self.stdout.write(f"Sent {sent} grant reminder(s).")
