from celery import shared_task


@shared_task
def ping() -> str:
    """A task that proves a worker is listening: `celery -A config call core.tasks.ping`."""
    return "pong"
