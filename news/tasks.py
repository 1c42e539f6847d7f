from celery import shared_task

from .services import news_index_due


@shared_task
def index_due_news_task() -> int:
    """Scheduled news posts whose time has come, into the site search (Celery beat).

    The same as `manage.py index_due_news`; a post already indexed is left alone.
    """
    return news_index_due()
