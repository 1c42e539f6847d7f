"""Who follows which topics and municipalities, and which alerts were sent (once each)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from organizations.models import Organization
from taxonomy.models import Topic

from .consultations import Consultation


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class Follow(models.Model):
    """A person's (or an association's) wish to hear of consultations on some topics or
    in some municipalities. Following nothing matches nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="consultation_follows",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("for the association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultation_follows",
    )
    email = models.EmailField(_("e-mail address"))
    frequency = models.CharField(
        _("digest"), max_length=6, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True
    )
    reminders = models.BooleanField(_("reminder a week before the deadline"), default=True)
    token = models.CharField(_("unsubscribe key"), max_length=64, unique=True, default=_new_token)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed topics and areas")
        verbose_name_plural = _("followed topics and areas")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=models.Q(organization__isnull=False),
                name="cooperation_follow_one_per_association",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(organization__isnull=True),
                name="cooperation_follow_one_personal",
            ),
        ]

    def __str__(self):
        return f"{self.email} ({self.organization or _('personal')})"


class AlertKind(models.TextChoices):
    DIGEST = "digest", _("In a digest")
    REMINDER = "reminder", _("Deadline reminder")


class AlertSent(models.Model):
    """That `follow` was told of `consultation` in this way: never twice."""

    follow = models.ForeignKey(
        Follow, verbose_name=_("follower"), on_delete=models.CASCADE, related_name="sent"
    )
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AlertKind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("alert sent")
        verbose_name_plural = _("alerts sent")
        constraints = [
            models.UniqueConstraint(
                fields=["follow", "consultation", "kind"], name="cooperation_alert_once"
            )
        ]

    def __str__(self):
        return f"{self.follow.email}: {self.consultation} ({self.get_kind_display()})"
