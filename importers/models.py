"""Sources an association's editors connect so that Sakke pulls their events.

An iCalendar feed (the association's website, a Google or Outlook calendar) is polled
with conditional GET; its events are created, updated and cancelled by UID, and each
poll leaves a run with a log of what changed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Event
from organizations.models import Organization


class PollStatus(models.TextChoices):
    IMPORTED = "imported", _("Imported")
    NOT_MODIFIED = "not_modified", _("No changes")
    FAILED = "failed", _("Failed")


class PolledSource(models.Model):
    """What every polled source of an association's events keeps: how often it is polled
    and how the last poll went. The concrete sources add their address and the
    association (each with its own related name)."""

    Status = PollStatus

    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("polled"), default=True)
    interval_minutes = models.PositiveIntegerField(_("poll every (minutes)"), default=60)
    last_run_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_status = models.CharField(
        _("result of the last poll"), max_length=20, choices=PollStatus.choices, blank=True
    )
    last_message = models.TextField(_("message of the last poll"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["organization", "name", "id"]

    def __str__(self):
        return self.name


class PollRun(models.Model):
    """One poll of a source: its result, counts and a log of each change."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("result"), max_length=20, choices=PollStatus.choices)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    cancelled = models.PositiveIntegerField(_("cancelled"), default=0)
    message = models.TextField(_("message"), blank=True)
    log = models.JSONField(_("changes"), default=list, blank=True)

    class Meta:
        abstract = True
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"


class CalendarSource(PolledSource):
    """An association's iCalendar feed, polled with conditional GET."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="calendar_sources",
    )
    url = models.URLField(_("address of the calendar (iCal)"), max_length=1000)
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)

    class Meta(PolledSource.Meta):
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")


class ImportRun(PollRun):
    source = models.ForeignKey(
        CalendarSource,
        verbose_name=_("calendar feed"),
        on_delete=models.CASCADE,
        related_name="runs",
    )

    class Meta(PollRun.Meta):
        verbose_name = _("poll")
        verbose_name_plural = _("polls")


class ImportedEvent(models.Model):
    """An event that came from a feed: its UID, and for a date of a series its RECURRENCE-ID."""

    source = models.ForeignKey(
        CalendarSource,
        verbose_name=_("calendar feed"),
        on_delete=models.CASCADE,
        related_name="imported_events",
    )
    uid = models.CharField(_("UID"), max_length=500)
    recurrence_id = models.CharField(
        _("recurrence id"),
        max_length=40,
        blank=True,
        help_text=_("The original start (UTC) of one date of a series; empty for the series."),
    )
    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="imported_from"
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    detached = models.BooleanField(
        _("edited here"),
        default=False,
        help_text=_("Detached events are edited in Sakke; the feed no longer changes them."),
    )

    class Meta:
        verbose_name = _("imported event")
        verbose_name_plural = _("imported events")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "uid", "recurrence_id"], name="imported_event_unique_key"
            )
        ]

    def __str__(self):
        return f"{self.uid} {self.recurrence_id}".strip()


class SheetImport(models.Model):
    """A spreadsheet import: its rows kept between the preview and the commit, then its
    result, which stays as the log of what changed."""

    class Kind(models.TextChoices):
        EVENTS = "events", _("Events")
        ACTIVITIES = "activities", _("Activities")
        ASSOCIATIONS = "associations", _("Associations")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Waiting for confirmation")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sheet_imports",
        help_text=_("Whose events or activities; empty for associations."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=255)
    file_hash = models.CharField(_("SHA-256 of the file"), max_length=64)
    rows = models.JSONField(
        _("rows"), default=list, blank=True, help_text=_("Kept until the import is confirmed.")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    expires_at = models.DateTimeField(_("preview valid until"))
    status = models.CharField(
        _("result"), max_length=20, choices=Status.choices, default=Status.PREVIEWED
    )
    finished_at = models.DateTimeField(_("imported"), null=True, blank=True)
    created = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    log = models.JSONField(_("changes"), default=list, blank=True)

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_previewed(self) -> bool:
        return self.status == self.Status.PREVIEWED


# The Linked Events source lives in its own module; Django finds models imported here.
from .linked_events_models import (  # noqa: E402
    KeywordTopic,
    LinkedEventsEvent,
    LinkedEventsRun,
    LinkedEventsSource,
)

__all__ = [
    "CalendarSource",
    "ImportRun",
    "ImportedEvent",
    "KeywordTopic",
    "LinkedEventsEvent",
    "LinkedEventsRun",
    "LinkedEventsSource",
    "SheetImport",
]
