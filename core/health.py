"""What a load balancer or a monitor asks: does the service answer, and is its
background work keeping up?

The web answers only if the database does. The workers and beat run elsewhere; their
sign of life is the work they leave waiting: objects queued for the search index are
indexed within a minute while a worker and beat run (search.tasks.index_pending_task).
"""

from django.db import DatabaseError, connection
from django.utils import timezone

#: Work older than this means the workers or beat are not running.
BACKGROUND_LAG_LIMIT_SECONDS = 10 * 60


def service_health() -> dict:
    """{"status": "ok" | "degraded" | "error", ...}; "error" only when the database fails."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        oldest = oldest_waiting_search_work()
    except DatabaseError:
        return {"status": "error", "database": "error"}
    lag = round((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {
        "status": "degraded" if lag > BACKGROUND_LAG_LIMIT_SECONDS else "ok",
        "database": "ok",
        "search_queue_oldest_seconds": lag,
    }


def oldest_waiting_search_work():
    from search.models import PendingIndex

    return PendingIndex.objects.order_by("queued_at").values_list("queued_at", flat=True).first()
