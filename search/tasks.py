from celery import shared_task

from .index import index_pending


@shared_task
def index_pending_task() -> int:
    """Bring the search index up to date with the objects queued for it (after an import).

    Queued by the import once it commits, and run every minute by Celery beat as a
    safety net; the same as `manage.py index_pending`. The queue is a table, so a lost
    message only delays the indexing.
    """
    return index_pending()
