"""Celery: background work (newsletter sending, imports, reminders) outside web requests.

Production uses Redis as the broker (CELERY_BROKER_URL=redis://...), with workers on as
many machines as needed. The embedded default uses kombu's filesystem transport, a
broker that needs no server: `make run` starts one worker beside gunicorn. Correctness
(each recipient exactly once) lives in the database, never in the broker.
"""

import logging
import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("sakke")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The periodic jobs, run by `celery -A config beat` (one beat process per installation;
# see docs/configuration.md). Times are in CELERY_TIMEZONE (TIME_ZONE). Each task is safe
# to run again or late: the reminders remember whom they told, and the newsletter's
# database leases decide who sends what.
app.conf.beat_schedule = {
    # Associations' calendar feeds and Linked Events sources whose interval has passed,
    # one task each (bounded by the worker pool, each with its own time limit;
    # importers/tasks.py).
    "calendar-feeds-due": {
        "task": "importers.tasks.poll_due_calendar_sources",
        "schedule": crontab(minute="*/5"),
    },
    # Starts scheduled issues whose time has come and resumes issues whose senders
    # stopped (the same as `manage.py send_due_newsletters`); an issue's own ETA task
    # normally starts it on time, this is the safety net.
    # Associations with a business id checked against the PRH/YTJ register, a polite
    # batch a day (`manage.py check_association_register`); dissolved ones are flagged.
    "association-register-check": {
        "task": "importers.tasks.check_association_register_task",
        "schedule": crontab(hour=3, minute=40),
    },
    "newsletter-due-issues": {
        "task": "newsletter.tasks.dispatch_due_issues_task",
        "schedule": crontab(minute="*/5"),
    },
    # News posts published for a later time join the site search when it comes
    # (`manage.py index_due_news`); until then their title must not show in results.
    "news-due-posts-to-search": {
        "task": "news.tasks.index_due_news_task",
        "schedule": crontab(minute="*/5"),
    },
    # Objects queued for the search index (by an import, or a rename that shows in other
    # objects' rows): each queues this task once it commits; this is the safety net for a
    # lost message (`manage.py index_pending`).
    "search-pending-objects": {
        "task": "search.tasks.index_pending_task",
        "schedule": crontab(minute="*"),
    },
    # Uploaded documents still waiting for their text ten minutes on: their message
    # never reached the broker (it was down) or was lost; a document extracted
    # meanwhile is no longer pending (materials.tasks).
    "materials-pending-extractions": {
        "task": "materials.tasks.queue_pending_extractions_task",
        "schedule": crontab(minute="*/10"),
    },
    # Invitations a coordinator asked for that are not sent yet, in every open round
    # (the broker was down, or a send failed); each is claimed in the database before
    # its e-mail goes out, so none goes twice (surveys.invitations).
    "survey-pending-invitations": {
        "task": "surveys.tasks.send_pending_invitations_task",
        "schedule": crontab(minute="*/10"),
    },
    # Grant deadlines coming up, to the people who asked (`manage.py send_grant_reminders`).
    "grant-deadline-reminders": {
        "task": "cards.tasks.send_grant_reminders_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # The consultation radar polls its sources (`manage.py poll_consultations`); a failed
    # source keeps its last good state and is tried again on the next run.
    "poll-consultation-sources": {
        "task": "cooperation.tasks.poll_consultation_sources_task",
        "schedule": crontab(minute=20, hour="*/2"),
    },
    # Consultation digests (daily, or weekly on Mondays) and deadline reminders, each once.
    "consultation-alerts": {
        "task": "cooperation.tasks.send_consultation_alerts_task",
        "schedule": crontab(hour=7, minute=30),
    },
    # NGO survey reminders before a round closes, each invitation once, unless opted out.
    "survey-reminders": {
        "task": "surveys.tasks.send_reminders_task",
        "schedule": crontab(hour=8, minute=0),
    },
    # Programme indicators of the survey rounds that closed by their date.
    "survey-round-indicators": {
        "task": "surveys.tasks.publish_round_indicators_task",
        "schedule": crontab(hour=2, minute=30),
    },
    # Associations whose information nobody has confirmed for SAKKE_CONFIRM_REMINDER_DAYS
    # (`manage.py send_confirmation_reminders`).
    "freshness-confirmation-reminders": {
        "task": "freshness.tasks.send_confirmation_reminders_task",
        "schedule": crontab(hour=7, minute=15),
    },
    # The programme's computed indicators, a snapshot a month (`manage.py
    # programme_snapshots`); daily, so a missed day is caught up, and the month's first
    # run is the only one that writes.
    "programme-indicator-snapshots": {
        "task": "programme.tasks.take_indicator_snapshots_task",
        "schedule": crontab(hour=2, minute=30),
    },
    # Tasks due soon or late, measures without updates, reports due, to the people
    # responsible; each once per occasion (`manage.py send_programme_reminders`).
    "programme-reminders": {
        "task": "programme.tasks.send_programme_reminders_task",
        "schedule": crontab(hour=7, minute=30),
    },
    # Retention (the privacy notice's periods; settings SAKKE_*_DAYS, NEWSLETTER_*_DAYS):
    # each deletes what is past its period, so a late or repeated run does no harm.
    "retention-unverified-accounts": {
        "task": "accounts.tasks.forget_unverified_accounts_task",
        "schedule": crontab(hour=3, minute=10),
    },
    "retention-sign-in-records": {
        "task": "accounts.tasks.forget_sign_in_records_task",
        "schedule": crontab(hour=3, minute=20),
    },
    "retention-audit-log": {
        "task": "accounts.tasks.forget_audit_entries_task",
        "schedule": crontab(hour=3, minute=25),
    },
    "retention-invitations": {
        "task": "moderation.tasks.forget_expired_invitations_task",
        "schedule": crontab(hour=3, minute=30),
    },
    "retention-newsletter-subscribers": {
        "task": "newsletter.tasks.forget_subscribers_task",
        "schedule": crontab(hour=3, minute=40),
    },
    "retention-newsletter-delivery-logs": {
        "task": "newsletter.tasks.forget_delivery_logs_task",
        "schedule": crontab(hour=3, minute=50),
    },
    "retention-grant-reminders-sent": {
        "task": "cards.tasks.forget_past_reminders_task",
        "schedule": crontab(hour=3, minute=55),
    },
    "retention-programme-reminders-sent": {
        "task": "programme.tasks.forget_past_reminders_task",
        "schedule": crontab(hour=4, minute=5),
    },
    "retention-survey-invitations": {
        "task": "surveys.tasks.forget_closed_round_contacts_task",
        "schedule": crontab(hour=4, minute=5),
    },
}


#: Queued by every worker that starts: the work a killed worker left behind. Both are
#: safe to run at any time, on any number of workers (the database decides who does what).
RESUME_ON_START = ["search.tasks.index_pending_task", "newsletter.tasks.resume_sending_task"]


@worker_ready.connect
def resume_interrupted_work(sender=None, **kwargs):
    """A worker that starts picks up what a killed one left, without waiting for beat.

    A worker killed with SIGKILL (or a machine that lost power) never acknowledged its
    task: Redis gives it again after the visibility timeout, the filesystem broker not at
    all. The queue of objects to index and the newsletter's deliveries are rows in the
    database, so queuing their tasks here resumes that work as soon as a worker is back.
    Several workers starting together queue them once (a lock in the cache, for seconds).
    """
    from django.core.cache import cache

    try:
        if not cache.add("sakke:resume-on-worker-start", 1, timeout=10):
            return
        for name in RESUME_ON_START:
            app.send_task(name)
    except Exception:  # the broker or the cache is down: beat's periodic jobs catch up
        logging.getLogger(__name__).warning("Could not queue the resumed work", exc_info=True)


@app.on_after_configure.connect
def create_filesystem_broker_folders(sender, **kwargs):
    """The filesystem transport expects its folders to exist."""
    from pathlib import Path

    if str(sender.conf.broker_url).startswith("filesystem://"):
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            folder = sender.conf.broker_transport_options.get(key)
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)
