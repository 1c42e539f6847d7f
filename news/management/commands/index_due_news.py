from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from news.services import news_index_due


class Command(BaseCommand):
    help = "Add news posts whose scheduled publication time has come to the site search."

    def handle(self, *args, **options):
        count = news_index_due()
        if options["verbosity"] > 0:
            self.stdout.write(_("News posts added to the search: %(count)s.") % {"count": count})
