"""Building blocks shared by every content model of the service."""

from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Data source of objects created in the service itself (not imported).
LOCAL_DATA_SOURCE = "sakke"


class SourcedModel(models.Model):
    """An object with a stable public id `<data_source>:<origin id>`.

    Imported objects keep the id they had in their source, so importing the same
    file again updates them in place; objects created here get `sakke:<n>`.
    """

    public_id = models.CharField(_("public id"), max_length=200, unique=True)
    data_source = models.CharField(_("data source"), max_length=100, default=LOCAL_DATA_SOURCE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return getattr(self, "name", None) or self.public_id


class Accessibility(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("Wheelchair accessible")
    INDUCTION_LOOP = "induction_loop", _("Induction loop")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Accessible toilet")
    ACCESSIBLE_PARKING = "accessible_parking", _("Accessible parking")
    SIGN_LANGUAGE = "sign_language", _("Sign language interpretation")
    EASY_FINNISH = "easy_finnish", _("Easy Finnish (selkokieli)")


def accessibility_labels(values):
    """The translated labels of a list of accessibility codes, unknown ones skipped."""
    labels = dict(Accessibility.choices)
    return [labels[v] for v in values if v in labels]


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for approval")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class Publishable(models.Model):
    """Content the public sees only once published; the coordinator reviews changes."""

    publication_status = models.CharField(
        _("publication"),
        max_length=20,
        choices=PublicationStatus.choices,
        # db_default too: bulk loaders that name only some columns get a published row.
        default=PublicationStatus.PUBLISHED,
        db_default=PublicationStatus.PUBLISHED,
        db_index=True,
    )
    reviewed_at = models.DateTimeField(
        _("reviewed"),
        null=True,
        blank=True,
        help_text=_("When the coordinator last reviewed this content."),
    )

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.publication_status == PublicationStatus.PUBLISHED


class Confirmable(models.Model):
    """A listing whose owner confirms now and then that it is still right ("tiedot tarkistettu")."""

    confirmed_at = models.DateTimeField(
        _("information checked"),
        default=timezone.now,
        db_default=Now(),
        db_index=True,
    )
    confirmation_reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        abstract = True


class Tombstone(models.Model):
    """A public object that left the API: deleted, or no longer published.

    Mirrors of the API ask for these with `?show_deleted=true` (core.rest.sync), so
    that a copy kept in sync with `last_modified_since` also loses what Sakke lost.
    Written by core.tombstones from the save and delete signals of SourcedModels.
    """

    class Reason(models.TextChoices):
        DELETED = "deleted", _("Deleted")
        UNPUBLISHED = "unpublished", _("Unpublished")

    model = models.CharField(_("kind"), max_length=100, help_text=_('E.g. "events.event".'))
    public_id = models.CharField(_("public id"), max_length=200)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    removed_at = models.DateTimeField(_("removed"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("removed object")
        verbose_name_plural = _("removed objects")
        ordering = ["removed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["model", "public_id"], name="tombstone_unique_object")
        ]

    def __str__(self):
        return f"{self.model} {self.public_id}"
