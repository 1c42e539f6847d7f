"""Municipality cards (kuntakortit): how each municipality works with its associations.

A card belongs to one municipality and is created the first time someone edits it.
Its rows are the municipality's NGO contact persons, premises associations may use,
grants with their application periods, and answers to the checklist of cooperation
practices, which the coordinator keeps in the admin.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Practice(models.Model):
    """One item of the checklist of good cooperation practices, e.g. "a named contact person"."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("cooperation practice")
        verbose_name_plural = _("cooperation practices")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class MunicipalityCard(models.Model):
    """What one municipality does with and for its associations."""

    municipality = models.OneToOneField(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="card",
        verbose_name=_("municipality"),
    )
    steps_taken = models.TextField(
        _("steps taken"),
        blank=True,
        help_text=_("What the municipality has done to work better with associations."),
    )
    steps_planned = models.TextField(
        _("steps planned"),
        blank=True,
        help_text=_("What the municipality plans to do next."),
    )
    verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("municipality card")
        verbose_name_plural = _("municipality cards")
        ordering = ["municipality__name"]

    def __str__(self):
        return str(self.municipality)

    def get_absolute_url(self):
        return reverse("cards:detail", kwargs={"slug": self.municipality.slug})

    @property
    def code(self) -> str:
        """The municipality's Statistics Finland code: the card's id in the API."""
        return self.municipality.code


#: The version of the consent wording a municipal contact person agrees to (the help text
#: of the card form's consent box); stored with each consent, so that a later change of
#: wording does not rewrite what people agreed to.
CONTACT_CONSENT_TEXT_VERSION = "2026-12-1"


class CardContact(models.Model):
    """A municipal employee associations may contact; public only with their consent.

    The consent record says who recorded it and when, and to which wording; withdrawing
    (by the person from their account page, or by an editor) hides the details at once.
    """

    card = models.ForeignKey(
        MunicipalityCard,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("municipality card"),
    )
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent = models.BooleanField(
        _("consents to being shown"),
        default=False,
        help_text=_("The person has agreed that their contact details are shown publicly."),
    )
    consent_date = models.DateField(_("consent given"), null=True, blank=True)
    consent_text_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("NGO contact person")
        verbose_name_plural = _("NGO contact persons")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Premises(models.Model):
    """Rooms and halls of the municipality that associations may use."""

    class Price(models.TextChoices):
        FREE = "free", _("Free for associations")
        REDUCED = "reduced", _("Reduced price for associations")
        NORMAL = "normal", _("Normal price")

    card = models.ForeignKey(
        MunicipalityCard,
        on_delete=models.CASCADE,
        related_name="premises",
        verbose_name=_("municipality card"),
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("place or address"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    accessibility_notes = models.TextField(_("accessibility"), blank=True)
    price = models.CharField(
        _("price for associations"), max_length=10, choices=Price.choices, default=Price.FREE
    )
    booking = models.TextField(_("how to book"), blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("premises")
        verbose_name_plural = _("premises")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Grant(models.Model):
    """A grant the municipality gives associations, applied for in one or more periods."""

    card = models.ForeignKey(
        MunicipalityCard,
        on_delete=models.CASCADE,
        related_name="grants",
        verbose_name=_("municipality card"),
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    eligibility = models.TextField(_("who may apply"), blank=True)
    amounts = models.CharField(_("budget or amounts"), max_length=200, blank=True)
    decision_timing = models.CharField(_("when decisions are made"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class GrantPeriod(models.Model):
    """An application period of a grant, ending at its deadline (a day, or a day and time)."""

    grant = models.ForeignKey(
        Grant, on_delete=models.CASCADE, related_name="periods", verbose_name=_("grant")
    )
    opens_on = models.DateField(_("application opens"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    deadline_time = models.TimeField(
        _("deadline time"),
        null=True,
        blank=True,
        help_text=_("Leave empty if applications are accepted all day."),
    )

    class Meta:
        verbose_name = _("application period")
        verbose_name_plural = _("application periods")
        ordering = ["deadline", "deadline_time", "pk"]

    def __str__(self):
        return f"{self.grant}: {self.deadline:%d.%m.%Y}"

    @property
    def deadline_at(self) -> dt.datetime | None:
        """The deadline as an aware datetime when it has a time, else None (all day)."""
        if self.deadline_time is None:
            return None
        from django.utils import timezone

        return timezone.make_aware(dt.datetime.combine(self.deadline, self.deadline_time))


class PracticeAnswer(models.Model):
    """A card's answer to one practice of the checklist."""

    class Status(models.TextChoices):
        YES = "yes", _("Yes")
        IN_PROGRESS = "in_progress", _("In progress")
        NO = "no", _("No")

    card = models.ForeignKey(
        MunicipalityCard,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("municipality card"),
    )
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="answers", verbose_name=_("practice")
    )
    status = models.CharField(_("answer"), max_length=12, choices=Status.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("practice answer")
        verbose_name_plural = _("practice answers")
        ordering = ["practice__order", "practice__pk"]
        constraints = [
            models.UniqueConstraint(fields=["card", "practice"], name="one_answer_per_practice")
        ]

    def __str__(self):
        return f"{self.practice}: {self.get_status_display()}"


class GrantReminderSubscription(models.Model):
    """A person wants an e-mail some days before each grant deadline of the region."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grant_reminder",
        verbose_name=_("user"),
    )
    days_before = models.PositiveSmallIntegerField(_("days before the deadline"), default=14)
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("municipalities"),
        help_text=_("Leave empty for the grants of every municipality."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("grant reminder subscription")
        verbose_name_plural = _("grant reminder subscriptions")

    def __str__(self):
        return str(self.user)


class GrantReminderSent(models.Model):
    """Remembers a reminder sent, so each person hears of each deadline once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    period = models.ForeignKey(
        GrantPeriod, on_delete=models.CASCADE, related_name="+", verbose_name=_("period")
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("grant reminder sent")
        verbose_name_plural = _("grant reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="one_reminder_per_deadline")
        ]

    def __str__(self):
        return f"{self.user} – {self.period}"
