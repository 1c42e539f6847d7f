"""The association programme (yhdistysohjelma): a strategy with themes, goals and
scheduled measures, who is responsible for each, and how the work is going.

Modelled after Kausal Watch's action plans. A programme has themes, a theme goals, a
goal measures. Associations adopt measures (commitments) and report their progress,
which is published like their other content (core.publication).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Publishable, SourcedModel
from core.urls_cache import reverse_detail
from municipalities.models import Municipality
from organizations.models import Organization


class Programme(SourcedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    vision = models.TextField(_("vision"), blank=True)
    future_outlook = models.TextField(
        _("future outlook"),
        blank=True,
        help_text=_("Where the associations' field is heading (tulevaisuudennäkymät)."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_year", "name"]

    def __str__(self):
        return f"{self.name} {self.start_year}–{self.end_year}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("programme:detail", args=[self.slug])


class Theme(SourcedModel):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="themes"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="programme_theme_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Goal(SourcedModel):
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="goals"
    )
    identifier = models.CharField(_("identifier"), max_length=20, help_text=_("For example 2.1"))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["theme__number", "order", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "identifier"], name="programme_goal_identifier"
            )
        ]

    def __str__(self):
        return f"{self.identifier} {self.name}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("programme:goal", args=[self.public_id])


class ScheduleUnit(models.TextChoices):
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("Half-year")


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


#: Late is not stored: it follows from the schedule and today's date (Measure.is_late).
LATE = "late"
OPEN_STATUSES = (MeasureStatus.NOT_STARTED, MeasureStatus.IN_PROGRESS)
STATUS_LABELS = {
    MeasureStatus.NOT_STARTED: MeasureStatus.NOT_STARTED.label,
    MeasureStatus.IN_PROGRESS: MeasureStatus.IN_PROGRESS.label,
    LATE: _("Late"),
    MeasureStatus.DONE: MeasureStatus.DONE.label,
    MeasureStatus.CANCELLED: MeasureStatus.CANCELLED.label,
}


def period_start(year: int, period: int, unit: str) -> dt.date:
    """The first day of quarter or half-year `period` (1-based) of `year`."""
    months = 3 if unit == ScheduleUnit.QUARTER else 6
    return dt.date(year, 1 + (period - 1) * months, 1)


def period_end(year: int, period: int, unit: str) -> dt.date:
    """The last day of quarter or half-year `period` of `year`."""
    months = 3 if unit == ScheduleUnit.QUARTER else 6
    month = period * months
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


class Measure(SourcedModel):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="measures"
    )
    identifier = models.CharField(_("identifier"), max_length=20, help_text=_("For example 2.3"))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    schedule_unit = models.CharField(
        _("schedule by"),
        max_length=10,
        choices=ScheduleUnit.choices,
        default=ScheduleUnit.HALF_YEAR,
    )
    start_year = models.PositiveSmallIntegerField(_("start year"))
    start_period = models.PositiveSmallIntegerField(
        _("start quarter or half-year"), help_text=_("1–4 for quarters, 1–2 for half-years.")
    )
    end_year = models.PositiveSmallIntegerField(_("end year"))
    end_period = models.PositiveSmallIntegerField(_("end quarter or half-year"))
    # Kept from the periods on save, so that lists can ask "ends before today" in SQL.
    starts_on = models.DateField(_("starts"), editable=False)
    ends_on = models.DateField(_("ends"), editable=False, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeasureStatus.choices,
        default=MeasureStatus.NOT_STARTED,
        db_index=True,
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["goal__theme__number", "goal__order", "goal__identifier", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "identifier"], name="programme_measure_identifier"
            )
        ]

    def __str__(self):
        return f"{self.identifier} {self.name}"

    def get_absolute_url(self):
        return reverse_detail("programme:measure", "public_id", self.public_id)

    def save(self, *args, **kwargs):
        self.starts_on = period_start(self.start_year, self.start_period, self.schedule_unit)
        self.ends_on = period_end(self.end_year, self.end_period, self.schedule_unit)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "starts_on", "ends_on"}
        super().save(*args, **kwargs)

    def is_late(self, today: dt.date | None = None) -> bool:
        """Still open after the end of its schedule."""
        today = today or timezone.localdate()
        return self.status in OPEN_STATUSES and self.ends_on < today

    def shown_status(self, today: dt.date | None = None) -> str:
        """The status to show: `late` when open past its schedule, else the stored one."""
        return LATE if self.is_late(today) else self.status

    @property
    def shown_status_label(self) -> str:
        return STATUS_LABELS[self.shown_status()]

    def period_label(self, year: int, period: int) -> str:
        if self.schedule_unit == ScheduleUnit.QUARTER:
            return _("Q%(period)s/%(year)s") % {"period": period, "year": year}
        return _("H%(period)s/%(year)s") % {"period": period, "year": year}

    @property
    def schedule_label(self) -> str:
        start = self.period_label(self.start_year, self.start_period)
        end = self.period_label(self.end_year, self.end_period)
        return start if start == end else f"{start}–{end}"


class PartyKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    MUNICIPALITY = "municipality", _("Municipality")
    COORDINATOR = "coordinator", _("Regional coordinator")
    NETWORK = "network", _("Network")


class PartyRole(models.TextChoices):
    PRIMARY = "primary", _("Primary")
    COLLABORATING = "collaborating", _("Collaborating")


class Responsibility(models.Model):
    """A party responsible for a measure: an association, a municipality, or by name the
    coordinator's organisation or a network."""

    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="responsibilities",
    )
    kind = models.CharField(_("kind of party"), max_length=20, choices=PartyKind.choices)
    role = models.CharField(
        _("role"), max_length=20, choices=PartyRole.choices, default=PartyRole.PRIMARY
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="programme_responsibilities",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="programme_responsibilities",
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("The coordinator's organisation or the network, by name."),
    )

    class Meta:
        verbose_name = _("responsible party")
        verbose_name_plural = _("responsible parties")
        # "primary" sorts after "collaborating": descending puts the primary parties first.
        ordering = ["-role", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="association", organization__isnull=False, municipality=None)
                    | models.Q(kind="municipality", municipality__isnull=False, organization=None)
                    | (
                        models.Q(kind__in=["coordinator", "network"])
                        & models.Q(organization=None, municipality=None)
                        & ~models.Q(name="")
                    )
                ),
                name="programme_responsibility_names_its_party",
                violation_error_message=_(
                    "Name the party: an association, a municipality, or by name the "
                    "coordinator's organisation or a network."
                ),
            )
        ]

    def __str__(self):
        return self.party_name

    @property
    def party_name(self) -> str:
        if self.organization_id:
            return str(self.organization)
        if self.municipality_id:
            return str(self.municipality)
        return self.name


class Task(models.Model):
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="tasks"
    )
    name = models.CharField(_("name"), max_length=300)
    due_date = models.DateField(_("due date"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def is_late(self, today: dt.date | None = None) -> bool:
        return not self.is_done and self.due_date < (today or timezone.localdate())


class MeasureUpdate(models.Model):
    """A dated status update of a measure by one of its responsible parties or the coordinator."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(
        _("status after the update"), max_length=20, choices=MeasureStatus.choices
    )
    text = models.TextField(_("text"))
    party = models.CharField(
        _("reported by"), max_length=200, help_text=_("The party the update is from.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("measure update")
        verbose_name_plural = _("measure updates")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.measure.identifier} {self.date}"


class Commitment(SourcedModel, Publishable):
    """An association adopts a measure: "we make this measure part of our work"."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="commitments"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="programme_commitments",
    )
    description = models.TextField(_("what we will do"))

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "organization"], name="programme_one_commitment_per_association"
            )
        ]

    def __str__(self):
        return f"{self.organization} – {self.measure}"

    def get_absolute_url(self):
        return self.measure.get_absolute_url()

    # moderation tells the editors of an item's `organizer` why it was declined.
    @property
    def organizer(self):
        return self.organization

    @property
    def organizer_id(self):
        return self.organization_id


class ProgressReport(SourcedModel, Publishable):
    """A dated report of what an association has done for a measure it adopted."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what we did"))

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.commitment} {self.date}"

    def get_absolute_url(self):
        return self.commitment.measure.get_absolute_url()

    @property
    def organizer(self):
        return self.commitment.organization

    @property
    def organizer_id(self):
        return self.commitment.organization_id
