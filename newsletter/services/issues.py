"""Composing, previewing, scheduling and sending issues."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.permissions import is_coordinator
from core.tasks import send_after_commit

from ..models import Issue, Offer, Subscriber
from ..rendering import IssueRenderer
from ..selectors import news_snapshot, suggested_events, suggested_news

EDITABLE = (Issue.Status.DRAFT, Issue.Status.SCHEDULED)


def _check(user, issue: Issue | None = None):
    if not is_coordinator(user):
        raise PermissionDenied
    if issue is not None and issue.status not in EDITABLE:
        raise ValidationError(_("This issue is being sent or has been sent; it cannot change."))


def issue_save(*, user, issue: Issue | None = None, fields: dict) -> Issue:
    """Create or change an issue's title, introduction and period.

    A new issue starts with the period's events and news as suggestions.
    """
    _check(user, issue)
    if fields["period_end"] < fields["period_start"]:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    creating = issue is None
    with transaction.atomic():
        issue = issue or Issue(created_by=user)
        for name, value in fields.items():
            setattr(issue, name, value)
        issue.save()
        if creating:
            issue.events.set(suggested_events(issue))
            issue.news_items = [news_snapshot(n) for n in suggested_news(issue)]
            issue.save(update_fields=["news_items"])
            Offer.objects.filter(
                status=Offer.Status.ACCEPTED, issue__isnull=True, wished_issue=issue
            ).update(issue=issue)
    return issue


def issue_set_contents(*, user, issue: Issue, offers=(), events=(), news_ids=None) -> Issue:
    """Choose the accepted offers, events and news that go into the issue."""
    _check(user, issue)
    with transaction.atomic():
        Offer.objects.filter(issue=issue).exclude(pk__in=[o.pk for o in offers]).update(issue=None)
        Offer.objects.filter(pk__in=[o.pk for o in offers], status=Offer.Status.ACCEPTED).update(
            issue=issue
        )
        issue.events.set(events)
        if news_ids is not None:
            available = {str(n.pk): n for n in suggested_news(issue)}
            kept = [n for n in issue.news_items if n.get("id") in news_ids]
            kept_ids = {n.get("id") for n in kept}
            kept += [
                news_snapshot(available[i])
                for i in news_ids
                if i in available and i not in kept_ids
            ]
            issue.news_items = kept
            issue.save(update_fields=["news_items"])
    return issue


def issue_send_test(*, user, issue: Issue, language: str = "fi") -> None:
    """Send the issue, with every item, to the coordinator's own address."""
    if not is_coordinator(user):
        raise PermissionDenied
    renderer = IssueRenderer(issue)
    preview = Subscriber(email=user.email, language=language)
    with translation.override(language):
        subject_format = _("[Test] %(subject)s") % {"subject": "%s"}
    renderer.message(preview, subject_format=subject_format).send()


def issue_schedule(*, user, issue: Issue, send_at: dt.datetime) -> Issue:
    """Send the issue at `send_at` (now or later)."""
    _check(user, issue)
    now = timezone.now()
    send_at = max(send_at, now)
    Issue.objects.filter(pk=issue.pk, status__in=EDITABLE).update(
        status=Issue.Status.SCHEDULED, send_at=send_at
    )
    issue.refresh_from_db()
    from ..tasks import start_issue_task

    # The issue is recorded as scheduled: beat's dispatch_due_issues_task starts it even
    # if this message cannot be sent (the broker down).
    send_after_commit(
        start_issue_task, args=[issue.pk], eta=send_at, safety_net="dispatch_due_issues_task"
    )
    return issue


def issue_unschedule(*, user, issue: Issue) -> Issue:
    _check(user, issue)
    Issue.objects.filter(pk=issue.pk, status=Issue.Status.SCHEDULED).update(
        status=Issue.Status.DRAFT, send_at=None
    )
    issue.refresh_from_db()
    return issue
