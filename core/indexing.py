"""Asking the site search, from below it, to index what it lacks.

Content apps cannot import search (it sits above them), yet news posts scheduled for
later enter the search only when their time comes. Search plugs its indexer in from its
AppConfig.ready(); without search, nothing is indexed.
"""

from collections.abc import Callable

from django.db.models import QuerySet

MissingIndexer = Callable[[QuerySet], int]

_indexer: MissingIndexer | None = None


def register_missing_indexer(indexer: MissingIndexer) -> None:
    """`indexer(objects)` indexes those of `objects` missing from the search, returns how many."""
    global _indexer
    _indexer = indexer


def index_missing(objects: QuerySet) -> int:
    """Put in the search those of `objects` it lacks; how many."""
    return _indexer(objects) if _indexer is not None else 0
