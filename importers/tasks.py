"""Polling the importers' sources in the background (Celery beat: config/celery.py)."""

from celery import shared_task

from .linked_events_models import LinkedEventsSource
from .linked_events_services import linked_events_source_poll
from .models import CalendarSource
from .services import source_poll, sources_due

#: A poll that takes longer than this is stopped; the next beat tries again.
POLL_TIME_LIMIT = 120
#: A Linked Events sync reads up to ten pages, each with the fetcher's own time limit.
SYNC_TIME_LIMIT = 300


@shared_task(ignore_result=True)
def poll_due_calendar_sources() -> int:
    """Queue one task per due source, calendar feed or Linked Events API: the worker
    pool's size bounds how many run at once, and each has its own time limit, so a slow
    source delays no other."""
    due = sources_due()
    for source in due:
        poll_calendar_source.delay(source.pk)
    linked = sources_due(model=LinkedEventsSource)
    for source in linked:
        poll_linked_events_source.delay(source.pk)
    return len(due) + len(linked)


@shared_task(ignore_result=True, soft_time_limit=POLL_TIME_LIMIT, time_limit=POLL_TIME_LIMIT + 10)
def poll_calendar_source(source_id: int) -> None:
    source = CalendarSource.objects.filter(pk=source_id, is_active=True).first()
    if source is not None:
        source_poll(source)


@shared_task(ignore_result=True, soft_time_limit=SYNC_TIME_LIMIT, time_limit=SYNC_TIME_LIMIT + 10)
def poll_linked_events_source(source_id: int) -> None:
    source = LinkedEventsSource.objects.filter(pk=source_id, is_active=True).first()
    if source is not None:
        linked_events_source_poll(source)


@shared_task(ignore_result=True, soft_time_limit=600, time_limit=660)
def check_association_register_task() -> dict:
    """A batch of associations checked against the PRH/YTJ register (importers/registry.py)."""
    from .registry import check_register_batch

    return check_register_batch()
