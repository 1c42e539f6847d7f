"""One way to run a content write: a transaction, a revision, and batched side effects.

    from core.writes import content_write

    with content_write(user, _("Saved the event")):
        event.save()
        event.topics.set(topics)

Apps above core add their own batching from their AppConfig.ready(): the site search
registers search.signals.index_once, so an object saved and related several times
inside the block is indexed once, at its end, still inside the transaction. Core
cannot import search, hence the registry.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager

from django.db import transaction

from .history import record
from .page_cache import content_changed

WriteBatcher = Callable[[], AbstractContextManager]

_batchers: list[WriteBatcher] = []


def register_write_batcher(factory: WriteBatcher) -> None:
    """Run every content write inside `factory()` (once, however often registered)."""
    if factory not in _batchers:
        _batchers.append(factory)


@contextmanager
def content_write(user, comment: str) -> Iterator[None]:
    """Run the block atomically as one revision by `user` with `comment`, batches around it.

    An exception rolls the whole block back and skips the batched work.
    """
    with transaction.atomic(), record(user, comment), ExitStack() as batches:
        for factory in _batchers:
            batches.enter_context(factory())
        # Also for writes that bypass the signals (update(), bulk_create()).
        content_changed()
        yield
