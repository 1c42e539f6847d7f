from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from datasets.reference import reference_data_load


class Command(BaseCommand):
    help = (
        "Create or update regions, municipalities, topics, audiences and languages from "
        "municipalities/reference/. Safe to run again."
    )

    def handle(self, *args, **options):
        counts = reference_data_load()
        for kind, count in counts.items():
            self.stdout.write(_("%(kind)s: %(count)d") % {"kind": kind, "count": count})
