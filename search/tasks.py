import logging

from celery import shared_task
from django.db import transaction

from .index import index_pending

logger = logging.getLogger(__name__)


# reject_on_worker_lost: a pool process killed mid-batch (the kernel's OOM killer, say)
# gives the task back to the queue instead of failing it; the batch it had not committed
# was rolled back, so running it again indexes nothing twice.
@shared_task(reject_on_worker_lost=True)
def index_pending_task() -> int:
    """Bring the search index up to date with the objects queued for it.

    Sent once an import, or a rename that shows in other objects' rows, commits
    (index_pending_after_commit), and run every minute by Celery beat as a safety net;
    the same as `manage.py index_pending`. The queue is a table, so a lost
    message only delays the indexing.
    """
    return index_pending()


def index_pending_after_commit() -> None:
    """Ask a worker to index the queued objects once the current transaction commits.

    The broker being down loses nothing: the queue is a table, and beat's periodic run
    of the same task (or `manage.py index_pending`) indexes it later.
    """
    transaction.on_commit(_send_index_pending_task)


def _send_index_pending_task() -> None:
    try:
        index_pending_task.delay()
    except Exception:
        logger.warning(
            "Could not reach the task broker; the periodic job (or `manage.py "
            "index_pending`) will index the queued objects.",
            exc_info=True,
        )
