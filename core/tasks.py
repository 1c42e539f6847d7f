import logging

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError


@shared_task
def ping() -> str:
    """A task that proves a worker is listening: `celery -A config call core.tasks.ping`."""
    return "pong"


logger = logging.getLogger(__name__)


def send_after_commit(task, *, args=(), eta=None, safety_net: str) -> None:
    """Queue `task` once the current transaction commits, for work the database records.

    The broker (Redis) being down must not fail the request that has already saved its
    work: the message is then left unsent and logged, and `safety_net`, a periodic job
    that finds the work from the database, queues it once the broker is back.
    """

    def send() -> None:
        try:
            task.apply_async(args=list(args), eta=eta)
        except (KombuOperationalError, OSError) as error:
            logger.warning(
                "Could not reach the task broker for %s%r (%s); %s will queue it.",
                task.name,
                tuple(args),
                error,
                safety_net,
            )

    transaction.on_commit(send)
