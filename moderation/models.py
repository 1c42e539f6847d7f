"""Requests to manage an association, invitations of further editors, and the
coordinator's decisions on content.

A claim asks for the editor role of an existing association, or adds a new one that
waits, unpublished, for the coordinator. An invitation hands the editor role of an
association or a municipality to an e-mail address. A decision records what the
coordinator did with a piece of content and why, so the history of a listing can be
read afterwards. Content history itself lives in django-reversion (see history.py).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Claim(models.Model):
    """A person asks to manage an association, an existing one or one they add."""

    class Kind(models.TextChoices):
        EXISTING = "existing", _("Existing association")
        NEW = "new", _("New association")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name=_("requested by"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name=_("association"),
        help_text=_("For a new association, the association added with the request."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    message = models.TextField(
        _("message to the coordinator"),
        blank=True,
        help_text=_("Who you are in the association, so the coordinator can check."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decision_message = models.TextField(_("message from the coordinator"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("request to manage an association")
        verbose_name_plural = _("requests to manage an association")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=Q(status="pending"),
                name="one_pending_claim_per_user_and_org",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organization}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


class Invitation(models.Model):
    """An editor role offered to an e-mail address through a signed, single-use link."""

    email = models.EmailField(_("e-mail address"))
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("association"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("municipality"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            # An invitation is to exactly one association or one municipality.
            models.CheckConstraint(
                condition=Q(organization__isnull=False, municipality__isnull=True)
                | Q(organization__isnull=True, municipality__isnull=False),
                name="invitation_has_one_target",
            )
        ]

    def __str__(self):
        return f"{self.email} – {self.target}"

    @property
    def target(self):
        return self.organization or self.municipality

    @property
    def is_open(self):
        unused = self.accepted_at is None and self.revoked_at is None
        return unused and self.expires_at > timezone.now()


class Decision(models.Model):
    """What the coordinator did with a listing (approved, declined, reviewed) and why."""

    class Action(models.TextChoices):
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        REVIEWED = "reviewed", _("Marked reviewed")
        RESTORED = "restored", _("Earlier version restored")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of content")
    )
    object_id = models.CharField(_("object id"), max_length=50, db_index=True)
    content_object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("content"), max_length=250)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    message = models.TextField(_("message"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"
