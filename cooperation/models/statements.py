"""Joint statements (yhteislausunto): drafted in versions, commented, signed by
associations, sent and published, and their outcome followed up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import SourcedModel
from core.urls_cache import reverse_detail
from organizations.models import Organization

from .bodies import Body
from .consultations import Consultation


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Drafting")
    SIGNING = "signing", _("Open for signatures")
    SENT = "sent", _("Sent")


class Effect(models.TextChoices):
    TAKEN = "taken", _("The views were taken into account")
    PARTLY = "partly", _("The views were partly taken into account")
    NOT_TAKEN = "not_taken", _("The views were not taken into account")
    UNKNOWN = "unknown", _("Not known")


class Statement(SourcedModel):
    """A joint statement on a consultation. Its text is the newest of its versions."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        help_text=_("The body whose chair opened the draft, if any."),
    )
    title = models.CharField(_("title"), max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_statements",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    outcome_decision = models.TextField(_("decision"), blank=True)
    outcome_url = models.URLField(_("link to the decision"), max_length=500, blank=True)
    effect = models.CharField(
        _("effect of the statement"), max_length=10, choices=Effect.choices, blank=True
    )
    effect_note = models.TextField(_("how the views were taken into account"), blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("joint statement")
        verbose_name_plural = _("joint statements")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_detail("cooperation:statement", "public_id", self.public_id)

    @property
    def is_published(self) -> bool:
        return self.status == StatementStatus.SENT

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()


class StatementVersion(models.Model):
    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of a statement")
        verbose_name_plural = _("versions of statements")
        ordering = ["statement", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "number"], name="cooperation_statement_version"
            )
        ]

    def __str__(self):
        return f"{self.statement} v{self.number}"


class StatementComment(models.Model):
    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="comments"
    )
    version = models.ForeignKey(
        StatementVersion,
        verbose_name=_("on version"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a statement")
        verbose_name_plural = _("comments on statements")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.organization}: {self.text[:40]}"


class Signature(models.Model):
    """An association's signature; withdrawn signatures are kept, marked withdrawn."""

    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="signatures"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="statement_signatures",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "organization"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="cooperation_one_signature_per_association",
            )
        ]

    def __str__(self):
        return f"{self.organization} – {self.statement}"
