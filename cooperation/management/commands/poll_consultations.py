from django.core.management.base import BaseCommand

from cooperation.radar import sources_poll


class Command(BaseCommand):
    help = "Fetch every active consultation source; a failing source keeps its last good state."

    def handle(self, *args, **options):
        for pk, changed in sources_poll().items():
            status = "failed" if changed is None else f"{changed} changed"
            self.stdout.write(f"source {pk}: {status}")
