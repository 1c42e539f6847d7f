from django.core.management.base import BaseCommand

from programme.snapshots import indicator_snapshots_take


class Command(BaseCommand):
    help = (
        "Store this month's value of each computed indicator of the programmes. The first "
        "run of a month writes; later runs in the same month change nothing."
    )

    def handle(self, *args, **options):
        written = indicator_snapshots_take()
        self.stdout.write(f"Stored this month's values of {written} indicator(s).")
