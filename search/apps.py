from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core.writes import register_write_batcher

        from . import signals

        signals.connect()
        # Every content write (core.writes.content_write) indexes its objects once.
        register_write_batcher(signals.index_once)
