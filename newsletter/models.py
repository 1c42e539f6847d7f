"""The newsletter: subscribers and their consent, items associations offer, issues, deliveries.

A Delivery row per (issue, subscriber) is the unit of sending; workers claim deliveries
with a lease in the database, which (not the broker) makes each recipient get one copy.
See docs/newsletter.md.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LANGUAGE_CHOICES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]

#: The version of the consent text shown on the subscription form; stored with each
#: consent, so that a later change of wording does not rewrite what people agreed to.
CONSENT_TEXT_VERSION = "2026-11-1"


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Address does not work")
        COMPLAINED = "complained", _("Reported as spam")

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    topics = models.ManyToManyField(
        "taxonomy.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("municipalities"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_text_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    # Repeated subscriptions of one address get at most one confirmation a day (list bombing).
    confirmation_sent_at = models.DateTimeField(_("confirmation link sent"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    suppressed_reason = models.CharField(_("why mail stopped"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE


def address_hash(email: str) -> str:
    """A one-way, keyed hash of an address: enough to recognise it again, not to read it."""
    from django.utils.crypto import salted_hmac

    normalised = email.strip().lower()
    return salted_hmac("newsletter.suppression", normalised, algorithm="sha256").hexdigest()


class SuppressedAddress(models.Model):
    """An address that bounced or reported the newsletter as spam, after its subscriber row
    was deleted (newsletter.retention): only its hash is kept, so no mail goes to it again.
    The hash is keyed with SECRET_KEY; changing the key forgets the list."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", _("Address does not work")
        COMPLAINED = "complained", _("Reported as spam")

    email_hash = models.CharField(_("hash of the address"), max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self):
        return self.email_hash[:12]


class Offer(models.Model):
    """An item an association offers for the newsletter ("Haluatko tiedottaa uutiskirjeessä?")."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Waiting for the coordinator")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="newsletter_offers",
        verbose_name=_("association"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("offered by"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    link = models.URLField(_("link"), blank=True)
    image = models.ImageField(_("image"), upload_to="newsletter/", blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    wished_issue = models.ForeignKey(
        "Issue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("wished issue"),
    )
    wished_date = models.DateField(_("wished date"), null=True, blank=True)
    topics = models.ManyToManyField(
        "taxonomy.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("municipalities"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFERED, db_index=True
    )
    issue = models.ForeignKey(
        "Issue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
        verbose_name=_("issue"),
    )
    coordinator_message = models.TextField(_("message from the coordinator"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("offered"), auto_now_add=True)

    class Meta:
        verbose_name = _("offered item")
        verbose_name_plural = _("offered items")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", pgettext_lazy("newsletter issue status", "Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    events = models.ManyToManyField(
        "events.Event", blank=True, related_name="+", verbose_name=_("events")
    )
    news_items = models.JSONField(
        _("news"),
        default=list,
        blank=True,
        help_text=_("The news chosen for the issue, copied when the issue is composed."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    sending_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("composed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-period_start", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsletter:archive_detail", kwargs={"pk": self.pk})


class Delivery(models.Model):
    """One issue to one subscriber; created when sending starts, claimed by workers."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        # The worker died after handing the whole message to the server and before it
        # recorded the answer; not sent again (docs/newsletter.md, "exactly once").
        UNCONFIRMED = "unconfirmed", _("Handed over, answer not recorded")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped (no longer subscribed)")

    # Each change of a row writes every index again, three times per message, so the
    # table keeps only the indexes it needs: issue lookups use the claim index and the
    # unique constraint (both begin with the issue); Message-IDs are not looked up (they
    # carry the issue and the subscriber, see rendering.parse_message_id).
    issue = models.ForeignKey(
        Issue,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("issue"),
        db_index=False,
    )
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscriber"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    message_id = models.CharField(_("Message-ID"), max_length=200)
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    lease_until = models.DateTimeField(_("lease until"), null=True, blank=True)
    handed_over_at = models.DateTimeField(
        _("handed over"),
        null=True,
        blank=True,
        help_text=_("When the end of the message was about to be sent to the mail server."),
    )
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    smtp_response = models.CharField(_("mail server's answer"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_issue")
        ]
        indexes = [models.Index(fields=["issue", "status", "id"], name="delivery_claim_idx")]

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber_id}"
