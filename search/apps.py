from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core.indexing import register_missing_indexer
        from core.writes import register_write_batcher

        from . import index, signals

        signals.connect()
        # Every content write (core.writes.content_write) indexes its objects once.
        register_write_batcher(signals.index_once)
        # Apps below search ask it for what it lacks (news posts whose time has come).
        register_missing_indexer(index.index_missing)
