"""Celery tasks of the newsletter; each is safe to run twice or on several machines at once.

The sending tasks set reject_on_worker_lost: a pool process killed while it sends (the
kernel's OOM killer, say) gives its task back to the queue instead of failing it, and the
delivery leases keep the next run from sending anything twice.
"""

from celery import shared_task
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import Delivery, Issue
from .services.sending import issue_finish_if_done, issue_start_sending, next_check_in, run_sender


@shared_task(reject_on_worker_lost=True)
def start_issue_task(issue_id: int) -> None:
    """At the scheduled time: create the deliveries and start the senders."""
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status not in (Issue.Status.SCHEDULED, Issue.Status.SENDING):
        return  # unscheduled or already sent
    if issue.status == Issue.Status.SCHEDULED and issue.send_at and issue.send_at > timezone.now():
        # Rescheduled to a later time: that time's task starts it.
        return
    issue_start_sending(issue=issue)
    for _n in range(settings.NEWSLETTER_PARALLEL_SENDERS):
        send_issue_task.delay(issue_id)


@shared_task(reject_on_worker_lost=True)
def send_issue_task(issue_id: int) -> None:
    """Send what can be claimed now; come back for retries and deliveries of stopped workers."""
    run_sender(issue_id=issue_id)
    if not issue_finish_if_done(issue_id=issue_id):
        delay = next_check_in(issue_id=issue_id)
        if delay is not None:
            send_issue_task.apply_async(args=[issue_id], countdown=delay)


@shared_task
def dispatch_due_issues_task() -> int:
    """For Celery beat or cron: start due issues and resume any whose senders stopped.

    An issue being sent whose deliveries someone holds with a live lease has a sender
    at work: it gets no extra one, so that running this every few minutes does not
    multiply the senders (and the sending rate) of a long issue.
    """
    now = timezone.now()
    started = _start_due_issues(now)
    at_work = Delivery.objects.filter(
        issue=OuterRef("pk"), status=Delivery.Status.SENDING, lease_until__gte=now
    )
    for issue in Issue.objects.filter(status=Issue.Status.SENDING).exclude(Exists(at_work)):
        send_issue_task.delay(issue.pk)
    return started


@shared_task(reject_on_worker_lost=True)
def resume_sending_task() -> int:
    """When a worker starts (config/celery.py): one sender for every issue being sent.

    Unlike the periodic job it does not wait for the leases of a worker that was killed
    to expire: the new sender sends what is still waiting at once, and comes back for
    the dead worker's deliveries when their lease runs out (next_check_in). With the
    filesystem broker a killed worker's task is gone, so this is what resumes its work.
    """
    started = _start_due_issues(timezone.now())
    for issue_id in Issue.objects.filter(status=Issue.Status.SENDING).values_list("pk", flat=True):
        send_issue_task.delay(issue_id)
    return started


def _start_due_issues(now) -> int:
    started = 0
    for issue in Issue.objects.filter(status=Issue.Status.SCHEDULED, send_at__lte=now):
        start_issue_task.delay(issue.pk)
        started += 1
    return started


@shared_task
def forget_subscribers_task() -> int:
    """Delete unsubscribed and unconfirmed addresses past their period (newsletter.retention)."""
    from .retention import forget_subscribers

    return forget_subscribers()


@shared_task
def forget_delivery_logs_task() -> int:
    from .retention import forget_delivery_logs

    return forget_delivery_logs()
