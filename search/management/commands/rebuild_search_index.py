from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from search.index import rebuild_search_index


class Command(BaseCommand):
    help = "Empty the search index and fill it again from every searchable object."

    def handle(self, *args, **options):
        show = options["verbosity"] > 0
        with tqdm(unit=" objects", disable=not show, file=self.stderr) as bar:
            total = rebuild_search_index(progress=bar.update)
        if show:
            self.stdout.write(_("Search index rebuilt: %(count)s entries.") % {"count": total})
