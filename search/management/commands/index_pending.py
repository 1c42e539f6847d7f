from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from search.index import index_pending


class Command(BaseCommand):
    help = "Index the objects waiting for the search index (queued by imports)."

    def handle(self, *args, **options):
        count = index_pending()
        if options["verbosity"] > 0:
            self.stdout.write(_("Search index updated: %(count)d objects.") % {"count": count})
