"""What a load balancer or a monitor asks: does the service answer, and is its
background work keeping up?

The web answers only if the database does. The workers and beat run elsewhere; their
sign of life is the work they leave waiting. An app whose queue they empty registers it
in its AppConfig.ready(), since core sits below the apps: the search app registers
"search_queue", whose objects are indexed within a minute while a worker and beat run
(search.tasks.index_pending_task).
"""

import datetime as dt
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.utils import timezone

#: Work older than this means the workers or beat are not running.
BACKGROUND_LAG_LIMIT_SECONDS = 10 * 60

#: Background queues by name: a function giving when the oldest waiting item was queued,
#: or None when nothing waits. The report shows each as "<name>_oldest_seconds".
background_queues: dict[str, Callable[[], dt.datetime | None]] = {}


def register_background_queue(
    name: str, oldest_queued_at: Callable[[], dt.datetime | None]
) -> None:
    """Have /health/ report how long the oldest item of queue `name` has waited."""
    background_queues[name] = oldest_queued_at


def service_health() -> dict:
    """{"status": "ok" | "degraded" | "error", ...}; "error" only when the database fails."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        oldest = {name: queued_at() for name, queued_at in background_queues.items()}
    except DatabaseError:
        return {"status": "error", "database": "error"}
    now = timezone.now()
    lags = {
        f"{name}_oldest_seconds": round((now - queued).total_seconds()) if queued else 0
        for name, queued in oldest.items()
    }
    late = any(lag > BACKGROUND_LAG_LIMIT_SECONDS for lag in lags.values())
    return {"status": "degraded" if late else "ok", "database": "ok", **lags}
