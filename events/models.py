import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ExpressionWrapper, F, Max
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import Accessibility, Publishable, SourcedModel, accessibility_labels
from core.urls_cache import reverse_detail
from organizations.models import Organization
from places.models import Place
from taxonomy.models import Audience, Language, Topic

#: The words for the data sources that events come from (`SourcedModel.data_source`).
DATA_SOURCE_LABELS = {
    "sakke": _("entered in Sakke"),
    "ical": _("from the association's calendar"),
    "linkedevents": _("from a Linked Events service"),
}


class Event(SourcedModel, Publishable):
    """A one-off event (tapahtuma), in the shape of Linked Events."""

    class Status(models.TextChoices):
        # schema.org EventStatusType names, as Linked Events uses them.
        SCHEDULED = "EventScheduled", pgettext_lazy("event status", "Scheduled")
        CANCELLED = "EventCancelled", pgettext_lazy("event status", "Cancelled")
        POSTPONED = "EventPostponed", pgettext_lazy("event status", "Postponed")
        RESCHEDULED = "EventRescheduled", pgettext_lazy("event status", "Rescheduled")

    class SuperEventType(models.TextChoices):
        UMBRELLA = "umbrella", _("Umbrella event")
        RECURRING = "recurring", _("Recurring series")

    name = models.CharField(_("name"), max_length=250)
    short_description = models.CharField(_("short description"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    start_time = models.DateTimeField(_("starts"), db_index=True)
    end_time = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    online_url = models.URLField(_("online link"), blank=True)
    image = models.ImageField(_("picture"), upload_to="events/", blank=True)
    # Required with a picture (the self-service checks it): people who cannot see it hear it.
    image_alt = models.CharField(
        _("description of the picture"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    organizers = models.ManyToManyField(
        Organization, verbose_name=_("organizers"), blank=True, related_name="events"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="events"
    )
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("audiences"), blank=True, related_name="events"
    )
    audience_min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    audience_max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    in_language = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="events"
    )
    is_free = models.BooleanField(_("free of charge"), default=True, db_index=True)
    price = models.CharField(_("price"), max_length=100, blank=True, help_text=_('E.g. "5–15 €".'))
    offer_info_url = models.URLField(_("ticket information"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    event_status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    accessibility = models.JSONField(
        _("accessibility"),
        default=list,
        blank=True,
        help_text=format_lazy(_("Any of: {codes}"), codes=", ".join(Accessibility.values)),
    )
    super_event = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sub_events",
    )
    super_event_type = models.CharField(
        _("kind of series"),
        max_length=20,
        choices=SuperEventType.choices,
        blank=True,
        help_text=_("Set on an umbrella event or on the head of a recurring series."),
    )
    # The same event from another source (same time and place, a similar name): shown
    # once, as the event it duplicates, whose page names both sources (importers.duplicates).
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text=_("The same event from another source; this one is not listed."),
    )
    recurrence_rule = models.TextField(
        _("recurrence rule"),
        blank=True,
        help_text=_("RFC 5545 RRULE of a recurring series, e.g. FREQ=WEEKLY;COUNT=10."),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start_time", "id"]
        indexes = [
            models.Index(fields=["event_status", "start_time"]),
            # A municipality's events in a date window, counted from the index alone
            # (PostgreSQL): one short range per place. The planner prefers it for all but
            # the largest municipalities, for which event_published_start serves.
            models.Index(
                fields=["location", "start_time"],
                include=["end_time"],
                condition=models.Q(publication_status="published", duplicate_of__isnull=True),
                name="event_location_published",
            ),
            # A filtered list's events from the index alone on PostgreSQL, in the list's
            # order: the date window, the end_time test and the municipality (via
            # location) need no visit to the table, to count them or to find a page's ids
            # (core.pagination). SQLite ignores INCLUDE and keeps the partial index.
            models.Index(
                fields=["start_time", "id"],
                include=["end_time", "location"],
                condition=models.Q(publication_status="published", duplicate_of__isnull=True),
                name="event_published_start",
            ),
        ]

    def clean(self):
        if self.end_time and self.start_time and self.end_time < self.start_time:
            raise ValidationError({"end_time": _("The event cannot end before it starts.")})
        unknown = set(self.accessibility or []) - set(Accessibility.values)
        if unknown:
            raise ValidationError(
                {
                    "accessibility": _("Unknown accessibility features: %(codes)s")
                    % {"codes": ", ".join(sorted(unknown))}
                }
            )
        if self.recurrence_rule:
            from .recurrence import RecurrenceError, occurrences

            try:
                occurrences(self.recurrence_rule, self.start_time, limit=1)
            except RecurrenceError as error:
                raise ValidationError({"recurrence_rule": str(error)}) from error

    def get_absolute_url(self):
        return reverse_detail("events:detail", "public_id", self.public_id)

    @classmethod
    def longest_duration(cls) -> dt.timedelta | None:
        """How long the longest event lasts: bounds a search for events going on at a time.

        On PostgreSQL an expression index (migration 0004) answers this without a scan.
        """
        duration = ExpressionWrapper(
            F("end_time") - F("start_time"), output_field=models.DurationField()
        )
        # The end_time condition matches the partial index's predicate; without it
        # PostgreSQL scans every event.
        with_end = cls.objects.filter(end_time__isnull=False)
        return with_end.aggregate(longest=Max(duration))["longest"]

    @property
    def source_label(self) -> str:
        """Where the event came from, in words: its data source's label, else its code."""
        return str(DATA_SOURCE_LABELS.get(self.data_source, self.data_source))

    @property
    def is_cancelled(self):
        return self.event_status == self.Status.CANCELLED

    @property
    def accessibility_labels(self):
        return accessibility_labels(self.accessibility)


class KeptApart(models.Model):
    """Two events a person said are not the same, though they look alike: the duplicate
    check leaves the pair alone on every later sync. Undoing keeps the row, so the record
    of who decided what stays (importers.duplicates)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    other = models.ForeignKey(
        Event, verbose_name=_("the other event"), on_delete=models.CASCADE, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"))
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("events kept apart")
        verbose_name_plural = _("events kept apart")
        ordering = ["-decided_at", "-id"]
        constraints = [
            # One pair, stored once (the smaller id first), has at most one standing decision.
            models.CheckConstraint(
                condition=models.Q(event__lt=models.F("other")), name="kept_apart_ordered_pair"
            ),
            models.UniqueConstraint(
                fields=["event", "other"],
                condition=models.Q(undone_at__isnull=True),
                name="kept_apart_one_standing",
            ),
        ]

    def __str__(self):
        return f"{self.event_id} ≠ {self.other_id}"

    @property
    def is_standing(self) -> bool:
        return self.undone_at is None
