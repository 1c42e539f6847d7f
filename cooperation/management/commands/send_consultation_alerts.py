from django.core.management.base import BaseCommand

from cooperation.alerts import digests_send, reminders_send


class Command(BaseCommand):
    help = "Send the consultation digests due today and the deadline reminders (each once)."

    def handle(self, *args, **options):
        self.stdout.write(f"digests: {digests_send()}, reminders: {reminders_send()}")
