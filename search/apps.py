from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core.filtering import register_text_matcher
        from core.health import register_background_queue
        from core.indexing import register_missing_indexer
        from core.writes import register_write_batcher

        from . import index, signals
        from .services import text_filter_ids

        signals.connect()
        # core sits below search, so search plugs itself in here:
        # every content write (core.writes.content_write) indexes its objects once;
        register_write_batcher(signals.index_once)
        # apps below search ask it for what it lacks (news posts whose time has come);
        register_missing_indexer(index.index_missing)
        # the `q` filter of every list and /health/ ask search through core.
        register_text_matcher(text_filter_ids)
        register_background_queue("search_queue", index.oldest_pending_queued_at)
        # A web worker reads the vocabularies as it starts, not in its first search.
        from core.warmup import register_warmer

        from .query import warm_vocabularies

        register_warmer(warm_vocabularies)
        # The consultation radar suggests topics and municipalities with the Finnish
        # analysis (lemmas and compound parts), which lives here above it.
        from cooperation.matching import register_analyser

        from .analysis import index_terms

        register_analyser(index_terms)
