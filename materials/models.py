"""The materials library: workshop summaries, survey reports and background material.

A document keeps every file it has had (DocumentVersion); its public address names the
document, never a file, so replacing the file keeps links working. The text of the
current file is extracted page by page (DocumentPage) in a background worker, so the
site search can find a word on page 3 and send the reader there.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import SourcedModel
from municipalities.models import Municipality
from organizations.models import Organization
from taxonomy.models import Topic


class Kind(models.TextChoices):
    WORKSHOP_SUMMARY = "workshop_summary", _("Workshop summary")
    SURVEY_REPORT = "survey_report", _("Survey report")
    BACKGROUND = "background", _("Background material")
    STRATEGY = "strategy", _("Strategy document")
    GUIDE = "guide", _("Guide")
    PRESENTATION = "presentation", _("Presentation")
    MINUTES = "minutes", _("Minutes")


class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "cc0-1.0", _("Public domain (CC0 1.0)")
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")


class FileType(models.TextChoices):
    """What a file is, decided from its content (materials.files), never from its name."""

    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word document (DOCX)")
    ODT = "odt", _("OpenDocument text (ODT)")
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    PPTX = "pptx", _("PowerPoint presentation (PPTX)")
    PNG = "png", _("PNG image")
    JPEG = "jpeg", _("JPEG image")


CONTENT_TYPES = {
    FileType.PDF: "application/pdf",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.ODT: "application/vnd.oasis.opendocument.text",
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileType.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    FileType.PNG: "image/png",
    FileType.JPEG: "image/jpeg",
}


class Extraction(models.TextChoices):
    PENDING = "pending", _("Waiting for text extraction")
    DONE = "done", _("Text extracted")
    NO_TEXT = "no_text", _("No text layer (scanned)")
    OCR = "ocr", _("Scanned; text recognised automatically")
    FAILED = "failed", _("Text could not be extracted")


class Document(SourcedModel):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("type of document"), max_length=20, choices=Kind.choices, db_index=True
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="documents"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="documents"
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.FINNISH
    )
    #: The publisher: an association, a municipality, or (neither) the coordinator's
    #: organisation, settings.SAKKE_COORDINATOR_ORGANISATION.
    publisher_organization = models.ForeignKey(
        Organization,
        verbose_name=_("publishing association"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    publisher_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("publishing municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_documents",
    )
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY
    )
    measures = models.ManyToManyField(
        "programme.Measure",
        verbose_name=_("programme measures"),
        blank=True,
        related_name="documents",
    )
    cards = models.ManyToManyField(
        "cards.MunicipalityCard",
        verbose_name=_("municipality cards"),
        blank=True,
        related_name="documents",
    )
    #: A count, not a log: a download adds one and remembers nothing of who asked.
    download_count = models.PositiveIntegerField(_("downloads"), default=0)

    # What the worker found in the current file (materials.extraction).
    extraction = models.CharField(
        _("text extraction"),
        max_length=10,
        choices=Extraction.choices,
        default=Extraction.PENDING,
    )
    extraction_error = models.CharField(_("extraction error"), max_length=300, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    is_tagged = models.BooleanField(
        _("tagged for accessibility"),
        null=True,
        blank=True,
        help_text=_("Whether the PDF has a tagged structure that screen readers can follow."),
    )
    has_active_content = models.BooleanField(
        _("has scripts or launch actions"),
        default=False,
        help_text=_("The PDF contains JavaScript or actions that open other programs."),
    )
    thumbnail = models.ImageField(_("thumbnail"), upload_to="materials/thumbs/", blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("materials:detail", args=[self.public_id])

    def get_download_url(self):
        return reverse("materials:download", args=[self.public_id])

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()

    @property
    def is_scanned(self) -> bool:
        return self.extraction in (Extraction.NO_TEXT, Extraction.OCR)

    @property
    def needs_accessible_version(self) -> bool:
        """A PDF without tags: readers may ask the publisher for an accessible version."""
        return self.is_tagged is False

    @property
    def publisher_name(self) -> str:
        if self.publisher_organization_id:
            return str(self.publisher_organization)
        if self.publisher_municipality_id:
            return str(self.publisher_municipality)
        return settings.SAKKE_COORDINATOR_ORGANISATION


def version_path(version: "DocumentVersion", filename: str) -> str:
    # The stored name is ours, not the uploader's: a random part and the detected type.
    import secrets

    return f"materials/files/{secrets.token_hex(12)}.{version.file_type}"


class DocumentVersion(models.Model):
    """One file a document has had; the highest number is the current file."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_path, max_length=200)
    file_type = models.CharField(_("file type"), max_length=10, choices=FileType.choices)
    original_name = models.CharField(_("original file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="materials_version_number")
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"

    def get_absolute_url(self):
        return reverse("materials:version", args=[self.document.public_id, self.number])

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.file_type]


class DocumentPage(models.Model):
    """The text of one page (a slide, a sheet) of a document's current file."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveIntegerField(_("page"))
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="materials_page_number")
        ]

    def __str__(self):
        return f"{self.document} p. {self.number}"
