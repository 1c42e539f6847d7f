from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Confirmable, Publishable, SourcedModel
from core.urls_cache import reverse_detail
from municipalities.models import Municipality
from taxonomy.models import Audience, Topic

from .ytunnus import validate_ytunnus


class Organization(SourcedModel, Publishable, Confirmable):
    """An association (yhdistys), foundation, cooperative or other NGO of the region."""

    class LegalForm(models.TextChoices):
        ASSOCIATION = "association", _("Registered association")
        FOUNDATION = "foundation", _("Foundation")
        COOPERATIVE = "cooperative", _("Cooperative")
        UNREGISTERED = "unregistered", _("Unregistered group")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DISSOLVED = "dissolved", _("Dissolved")

    class RegisterStatus(models.TextChoices):
        """What the PRH/YTJ register says of the business id (importers/registry.py)."""

        NOT_CHECKED = "", _("Not checked")
        REGISTERED = "registered", _("Registered")
        WINDING_UP = "winding_up", _("In liquidation or bankruptcy")
        DISSOLVED = "dissolved", _("Dissolved or removed from the register")
        NOT_FOUND = "not_found", _("Not found in the register")

    name = models.CharField(_("name"), max_length=250)
    business_id = models.CharField(
        _("business id (Y-tunnus)"),
        max_length=9,
        blank=True,
        default="",
        validators=[validate_ytunnus],
        db_index=True,
    )
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.ASSOCIATION
    )
    description = models.TextField(_("description"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities served"),
        blank=True,
        related_name="organizations",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="organizations"
    )
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("audiences"), blank=True, related_name="organizations"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    address_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality of the address"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    founded = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("The district or umbrella organization this one belongs to."),
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    # Kept from the PRH/YTJ open data by importers.registry; a dissolved entry is flagged
    # for the coordinator, who decides whether the listing's own status changes.
    registered_name = models.CharField(_("name in the register"), max_length=250, blank=True)
    register_status = models.CharField(
        _("status in the register"),
        max_length=20,
        choices=RegisterStatus.choices,
        blank=True,
        default=RegisterStatus.NOT_CHECKED,
        db_index=True,
    )
    register_checked_at = models.DateTimeField(
        _("checked from the register"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        # By the Finnish name (always present), then id so pages never repeat or skip a row;
        # the index lets a page of 20 be read without sorting every organization.
        ordering = ["name_fi", "id"]
        indexes = [
            models.Index(fields=["name_fi", "id"], name="organization_name_order"),
            # The listed associations (published, active) with the date that decides
            # whether they are stale: a list's count joins it with a municipality's,
            # topic's or audience's rows without reading the table (PostgreSQL).
            models.Index(
                fields=["id"],
                include=["confirmed_at"],
                condition=models.Q(publication_status="published", status="active"),
                name="organization_listed",
            ),
            # The same associations in the list's order: a page deep in a municipality's
            # list skips its rows in this index without reading the table (PostgreSQL).
            models.Index(
                fields=["name_fi", "id"],
                include=["confirmed_at"],
                condition=models.Q(publication_status="published", status="active"),
                name="organization_listed_by_name",
            ),
        ]

    def get_absolute_url(self):
        return reverse_detail("organizations:detail", "public_id", self.public_id)


class SocialLink(models.Model):
    class Service(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        YOUTUBE = "youtube", "YouTube"
        TIKTOK = "tiktok", "TikTok"
        LINKEDIN = "linkedin", "LinkedIn"
        MASTODON = "mastodon", "Mastodon"
        BLUESKY = "bluesky", "Bluesky"
        X = "x", "X"
        OTHER = "other", _("Other")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="social_links"
    )
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    url = models.URLField(_("address"))

    class Meta:
        verbose_name = _("social media link")
        verbose_name_plural = _("social media links")

    def __str__(self):
        return self.url


#: The version of the consent wording an association's contact person agrees to (the help
#: text of the profile form's consent box); stored with each consent, so that a later change
#: of wording does not rewrite what people agreed to. Rows from before the consent record
#: carry LEGACY_CONTACT_CONSENT_TEXT_VERSION (the form then said "Ask the person first").
CONTACT_CONSENT_TEXT_VERSION = "2026-12-1"
LEGACY_CONTACT_CONSENT_TEXT_VERSION = "before-2026-12"


class Contact(models.Model):
    """A named contact person of an organization; public only with their consent.

    The consent record says who recorded it and when, and to which wording; withdrawing
    (by the person from their account page, or by an editor) hides the details at once.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
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
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name
