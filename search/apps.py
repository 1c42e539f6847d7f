from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core.filtering import register_text_matcher
        from core.health import register_background_queue

        from . import signals
        from .index import oldest_pending_queued_at
        from .services import text_filter_ids

        signals.connect()
        # core sits below search: the `q` filter of every list and /health/ ask search here.
        register_text_matcher(text_filter_ids)
        register_background_queue("search_queue", oldest_pending_queued_at)
