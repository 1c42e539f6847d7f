from django.core.management.base import BaseCommand

from programme.reminders import send_programme_reminders


class Command(BaseCommand):
    help = (
        "E-mail the people responsible for the programme's measures about tasks due soon, "
        "late tasks, measures without updates and progress reports due. Each person hears "
        "of each occasion once, and never after opting out. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base-url", help="Address of the service for the e-mail links.")

    def handle(self, *args, base_url=None, **options):
        sent = send_programme_reminders(base_url=base_url)
        self.stdout.write(f"Sent {sent} programme reminder(s).")
