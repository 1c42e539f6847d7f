"""The consultation radar: requests for comment from several sources, de-duplicated."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import SourcedModel
from core.urls_cache import reverse_detail
from municipalities.models import Municipality
from taxonomy.models import Topic


class SourceKind(models.TextChoices):
    ODATA = "odata", _("Lausuntopalvelu.fi-style JSON feed (OData)")
    FEED = "feed", _("RSS or Atom feed")
    MANUAL = "manual", _("Manual entry")


class ConsultationSource(models.Model):
    """Where consultations come from, and how its last fetch went."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices)
    url = models.URLField(_("address"), max_length=500, blank=True)
    is_active = models.BooleanField(_("fetched"), default=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A municipality's own feed: its items concern that municipality."),
    )
    field_mapping = models.JSONField(
        _("field mapping"),
        default=dict,
        blank=True,
        help_text=_(
            "For a JSON feed whose field names differ from Lausuntopalvelu.fi's: for "
            'example {"records": "data.items", "external_id": "uuid", "title": "otsikko", '
            '"deadline": "maaraaika", "date_format": "%d.%m.%Y"}. See docs/importers.md.'
        ),
    )
    last_success_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_error_at = models.DateTimeField(_("last failed"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("consultation source")
        verbose_name_plural = _("consultation sources")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        from ..sources import check_mapping

        if problems := check_mapping(self.field_mapping):
            raise ValidationError(
                {
                    "field_mapping": _("The field mapping is not valid: %(problems)s")
                    % {"problems": " ".join(problems)}
                }
            )
        if self.field_mapping and self.kind != SourceKind.ODATA:
            raise ValidationError({"field_mapping": _("Only a JSON feed reads a field mapping.")})


class Consultation(SourcedModel):
    """A request for comment (lausuntopyyntö) or hearing (kuuleminen)."""

    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    organiser = models.CharField(_("requested by"), max_length=300, blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    #: The URL without scheme, "www.", tracking parameters or trailing slash, and the
    #: case-folded words of the title: one request seen in two sources shares either.
    url_key = models.CharField(_("address key"), max_length=500, blank=True, db_index=True)
    title_key = models.CharField(_("title key"), max_length=500, db_index=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True
    )
    #: The coordinator has corrected topics and areas: a fetch no longer suggests them.
    tags_confirmed = models.BooleanField(_("topics and areas checked"), default=False)
    first_seen_at = models.DateTimeField(_("first seen"), default=timezone.now)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["deadline", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_detail("cooperation:consultation", "public_id", self.public_id)

    @property
    def is_open(self) -> bool:
        return self.deadline is None or self.deadline >= timezone.localdate()


class ConsultationOrigin(models.Model):
    """One source's item that is (or was merged into) a consultation."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="origins",
    )
    source = models.ForeignKey(
        ConsultationSource,
        verbose_name=_("source"),
        on_delete=models.CASCADE,
        related_name="origins",
    )
    external_id = models.CharField(_("id in the source"), max_length=300)
    seen_at = models.DateTimeField(_("last seen"), default=timezone.now)

    class Meta:
        verbose_name = _("origin of a consultation")
        verbose_name_plural = _("origins of consultations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="cooperation_origin_unique"
            )
        ]

    def __str__(self):
        return f"{self.source}: {self.external_id}"
