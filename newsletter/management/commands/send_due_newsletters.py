from django.core.management.base import BaseCommand

from newsletter.tasks import dispatch_due_issues_task


class Command(BaseCommand):
    help = "Start scheduled issues that are due and resume issues whose senders stopped."

    def handle(self, *args, **options):
        started = dispatch_due_issues_task()
        self.stdout.write(f"Started {started} issue(s).")
