from celery import shared_task


@shared_task
def ping() -> str:
    """A task that proves a worker is listening (used by the health check and tests)."""
    return "pong"
