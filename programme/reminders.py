"""Reminders to the people who carry the programme.

Four occasions, each a key remembered in ReminderSent, so a person hears of each once
however often the daily job runs:
- `task-due:<task>`: a task is due within SAKKE_PROGRAMME_TASK_DUE_DAYS;
- `task-late:<task>`: a task is past its due date and not done;
- `stale:<measure>:<date of the last update>`: an open measure has had no update for
  SAKKE_PROGRAMME_STALE_DAYS (a new update starts a new occasion);
- `report:<commitment>:<date of the last report>`: an association has not reported on a
  measure it adopted for SAKKE_PROGRAMME_REPORT_DAYS.

A measure's reminders go to its responsible parties: the editors of a responsible
association or municipality, and the coordinators for the coordinator's organisation or a
network. A report's reminder goes to the association's editors. Nobody who opted out
(ReminderOptOut) and no inactive account gets one.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation

from core.emails import default_base_url, recipient_language, send_each, templated_email

from .models import (
    OPEN_STATUSES,
    Commitment,
    Measure,
    PartyKind,
    ReminderSent,
    Responsibility,
    Task,
)
from .selectors import PUBLISHED

User = get_user_model()


@dataclass
class Occasion:
    key: str
    kind: str  # task_due, task_late, stale, report
    measure: Measure
    name: str = ""  # the task's name, or the association's
    date: dt.date | None = None  # the due date, or the last update or report


def _measure_recipients(measures: set[int]) -> dict[int, set[int]]:
    """{measure id: user ids of its responsible parties}: one query."""
    recipients: dict[int, set[int]] = defaultdict(set)
    coordinators = list(
        User.objects.filter(is_coordinator=True, is_active=True).values_list("pk", flat=True)
    )
    parties = Responsibility.objects.filter(measure__in=measures).values_list(
        "measure_id", "kind", "organization__editor_roles__user", "municipality__editor_roles__user"
    )
    for measure_id, kind, org_user, municipality_user in parties:
        if kind in (PartyKind.COORDINATOR, PartyKind.NETWORK):
            recipients[measure_id].update(coordinators)
        recipients[measure_id].update(pk for pk in (org_user, municipality_user) if pk)
    return recipients


def current_occasions(*, today: dt.date) -> list[tuple[Occasion, set[int] | None]]:
    """The occasions open on the day, each with the editors it goes to, or None for the
    measure's responsible parties."""
    occasions: list[tuple[Occasion, set[int] | None]] = []
    soon = today + dt.timedelta(days=settings.SAKKE_PROGRAMME_TASK_DUE_DAYS)
    open_tasks = Task.objects.filter(
        done_on=None, due_date__lte=soon, measure__status__in=OPEN_STATUSES
    ).select_related("measure")
    for task in open_tasks:
        kind = "task_late" if task.due_date < today else "task_due"
        key = f"task-{'late' if kind == 'task_late' else 'due'}:{task.pk}"
        occasions.append((Occasion(key, kind, task.measure, task.name, task.due_date), None))

    silent_since = today - dt.timedelta(days=settings.SAKKE_PROGRAMME_STALE_DAYS)
    stale = (
        Measure.objects.filter(status__in=OPEN_STATUSES, starts_on__lte=silent_since)
        .annotate(last_update=Max("updates__date"))
        .filter(Q(last_update=None) | Q(last_update__lte=silent_since))
    )
    for measure in stale:
        since = measure.last_update or measure.starts_on
        occasions.append(
            (Occasion(f"stale:{measure.pk}:{since}", "stale", measure, "", since), None)
        )

    report_since = today - dt.timedelta(days=settings.SAKKE_PROGRAMME_REPORT_DAYS)
    silent_commitments = (
        Commitment.objects.filter(
            publication_status=PUBLISHED,
            created_at__date__lte=report_since,
            measure__status__in=OPEN_STATUSES,
        )
        .annotate(last_report=Max("reports__date"))
        .filter(Q(last_report=None) | Q(last_report__lte=report_since))
        .select_related("measure", "organization")
    )
    editors: dict[int, set[int]] = defaultdict(set)
    for commitment in silent_commitments:
        since = commitment.last_report or timezone.localdate(commitment.created_at)
        occasion = Occasion(
            f"report:{commitment.pk}:{since}",
            "report",
            commitment.measure,
            str(commitment.organization),
            since,
        )
        occasions.append((occasion, editors[commitment.organization_id]))
    if editors:
        for org_id, user_id in User.objects.filter(
            organization_roles__organization__in=list(editors), is_active=True
        ).values_list("organization_roles__organization", "pk"):
            editors[org_id].add(user_id)
    return occasions


def due_occasions(*, today: dt.date) -> dict[int, list[Occasion]]:
    """{user id: the occasions the user has not yet heard of}, opted-out people left out."""
    occasions = current_occasions(today=today)
    by_measure = _measure_recipients({o.measure.pk for o, users in occasions if users is None})
    opted_out = set(
        User.objects.filter(programme_reminder_opt_out__isnull=False).values_list("pk", flat=True)
    )
    sent = set(
        ReminderSent.objects.filter(occasion__in=[o.key for o, _users in occasions]).values_list(
            "user_id", "occasion"
        )
    )
    due: dict[int, list[Occasion]] = defaultdict(list)
    for occasion, users in occasions:
        for user_id in users if users is not None else by_measure.get(occasion.measure.pk, ()):
            if user_id not in opted_out and (user_id, occasion.key) not in sent:
                due[user_id].append(occasion)
    return due


def send_programme_reminders(*, today: dt.date | None = None, base_url: str | None = None) -> int:
    """E-mail each person the occasions they have not heard of; the number of e-mails.

    One e-mail a person a day, listing all their occasions. Run daily."""
    today = today or timezone.localdate()
    base_url = (base_url or default_base_url()).rstrip("/")
    due = due_occasions(today=today)
    users = User.objects.in_bulk(list(due))
    sent = 0
    for user_id, occasions in due.items():
        user = users[user_id]
        with translation.override(recipient_language(user)):
            context = {
                "user": user,
                "occasions": [
                    (occasion, base_url + occasion.measure.get_absolute_url())
                    for occasion in sorted(occasions, key=lambda o: (o.kind, o.key))
                ],
                "settings_url": base_url + reverse("programme:reminders"),
                "SITE_NAME": settings.SAKKE_SITE_NAME,
            }
            message = templated_email("programme/email/reminder", context, to=user.email)
        if not send_each([message], "a programme reminder"):
            continue
        sent += 1
        for occasion in occasions:
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(user=user, occasion=occasion.key)
            except IntegrityError:  # a parallel run got there first
                pass
    return sent


def forget_past_reminders(*, today: dt.date | None = None) -> int:
    """Delete the records of reminders sent more than SAKKE_PROGRAMME_REMINDER_RECORD_DAYS
    ago whose occasion is over (the task done or moved, the measure updated, the report
    written); how many. A record of an occasion still open is kept, or its reminder would
    go out again. Safe to run again (Celery beat, config/celery.py)."""
    today = today or timezone.localdate()
    cutoff = dt.datetime.combine(
        today - dt.timedelta(days=settings.SAKKE_PROGRAMME_REMINDER_RECORD_DAYS),
        dt.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    still_open = {occasion.key for occasion, _users in current_occasions(today=today)}
    old = ReminderSent.objects.filter(sent_at__lt=cutoff)
    forgotten = [pk for pk, key in old.values_list("pk", "occasion") if key not in still_open]
    deleted = 0
    for start in range(0, len(forgotten), 500):
        deleted += ReminderSent.objects.filter(pk__in=forgotten[start : start + 500]).delete()[0]
    return deleted
