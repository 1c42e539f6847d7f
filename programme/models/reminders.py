"""Reminders of the programme: who has said no, and which reminders have gone out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderOptOut(models.Model):
    """A person wants no programme reminders."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="programme_reminder_opt_out",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme reminder opt-out")
        verbose_name_plural = _("programme reminder opt-outs")

    def __str__(self):
        return str(self.user)


class ReminderSent(models.Model):
    """Remembers a reminder sent, so each person hears of each occasion once. The occasion
    is a key such as `task-due:12` or `stale:7:2026-01-31` (programme.reminders)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    occasion = models.CharField(_("occasion"), max_length=100)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme reminder sent")
        verbose_name_plural = _("programme reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "occasion"], name="programme_one_reminder_per_occasion"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.occasion}"
