"""Cooperation bodies (councils, networks, forums), their members, seats and meetings."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import SourcedModel
from core.urls_cache import reverse_detail
from municipalities.models import Municipality
from organizations.models import Organization
from taxonomy.models import Topic

#: A term that ends within this many days is "ending soon" on the representation page.
TERM_ENDING_SOON_DAYS = 90


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("NGO council")
    NETWORK = "network", _("Thematic network")
    MUNICIPAL_FORUM = "municipal_forum", _("Municipal NGO forum")
    COUNTY_BODY = "county_body", _("Wellbeing services county participation body")


class Body(SourcedModel):
    """A council, network or forum where associations cooperate or have a seat."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    purpose = models.TextField(_("purpose"), blank=True)
    rules = models.TextField(_("rules"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_bodies",
        help_text=_("Empty for a regional body."),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("cooperation body")
        verbose_name_plural = _("cooperation bodies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_detail("cooperation:body", "public_id", self.public_id)


class MemberKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    MUNICIPALITY = "municipality", _("Municipality")
    OTHER = "other", _("Other organisation")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    MEMBER = "member", _("Member")
    DECLINED = "declined", _("Declined")


class Membership(models.Model):
    """A member organisation of a body, or an association's request to join it."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MemberKind.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="body_memberships",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="body_memberships",
    )
    name = models.CharField(_("name of another organisation"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.MEMBER,
    )
    message = models.TextField(_("message with the request"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "kind", "organization__name", "municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organization"],
                condition=models.Q(organization__isnull=False),
                name="cooperation_membership_one_per_association",
            )
        ]

    def __str__(self):
        return str(self.organization or self.municipality or self.name)

    @property
    def member_name(self) -> str:
        return str(self)


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", pgettext_lazy("seat", "Member")
    DEPUTY = "deputy", _("Deputy member")


class Seat(models.Model):
    """A place in a body: its role, who holds it, for which term, representing whom.

    A seat without a person is a vacancy. Contact details show only with the holder's
    consent.
    """

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="seats"
    )
    role = models.CharField(_("role"), max_length=10, choices=SeatRole.choices)
    person_name = models.CharField(
        _("person"), max_length=200, blank=True, help_text=_("Empty for a vacant seat.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_seats",
        help_text=_("The account of the person, so a chair or secretary can keep the body."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("represented association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="body_seats",
    )
    nominated_by = models.CharField(_("nominating body"), max_length=200, blank=True)
    term_start = models.DateField(_("term begins"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_consent = models.BooleanField(
        _("contact details may be shown"),
        default=False,
        help_text=_("The person has agreed that their contact details are public."),
    )

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["body", "role", "person_name"]

    def __str__(self):
        return f"{self.body}: {self.get_role_display()} {self.person_name}".strip()

    @property
    def is_vacant(self) -> bool:
        return not self.person_name

    def holds_on(self, day: dt.date) -> bool:
        """Whether the seat is held on `day` (a term without dates is open-ended)."""
        if self.is_vacant:
            return False
        return (self.term_start is None or self.term_start <= day) and (
            self.term_end is None or day <= self.term_end
        )

    @property
    def ends_soon(self) -> bool:
        today = timezone.localdate()
        return bool(
            self.term_end
            and today <= self.term_end <= today + dt.timedelta(days=TERM_ENDING_SOON_DAYS)
        )

    @property
    def public_contact(self) -> dict:
        """The contact details the public may see: none without consent."""
        if not self.contact_consent:
            return {}
        return {k: v for k, v in (("email", self.email), ("phone", self.phone)) if v}


class Meeting(SourcedModel):
    """A meeting of a body: when, where (or online), its agenda, minutes and decisions.

    Agenda, minutes and decisions are documents of the materials library (BodyDocument);
    the text, file and link fields stay for what is simpler written on the page itself.
    """

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("begins"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    agenda_file = models.FileField(_("agenda as a file"), upload_to="cooperation/", blank=True)
    agenda_url = models.URLField(_("agenda as a link"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(_("minutes as a file"), upload_to="cooperation/", blank=True)
    minutes_url = models.URLField(_("minutes as a link"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]

    def __str__(self):
        when = timezone.localtime(self.starts_at).date().isoformat()
        return f"{self.body} {when} {self.title}".strip()

    def get_absolute_url(self):
        return reverse_detail("cooperation:meeting", "public_id", self.public_id)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.place


class DocumentRole(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")
    DECISIONS = "decisions", _("Decisions")
    OTHER = "other", _("Other material")


class BodyDocument(models.Model):
    """A document of the materials library that belongs to a body, and to one of its
    meetings when it is that meeting's agenda, minutes or decisions.

    The link lives here, not in materials, because materials sits below cooperation.
    """

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="document_links"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="document_links",
    )
    document = models.ForeignKey(
        "materials.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="cooperation_links",
    )
    role = models.CharField(_("role"), max_length=10, choices=DocumentRole.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("document of a body")
        verbose_name_plural = _("documents of bodies")
        ordering = ["body", "meeting", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "document"],
                condition=models.Q(meeting__isnull=False),
                name="cooperation_meetingdocument_once",
            ),
            models.UniqueConstraint(
                fields=["body", "document"],
                condition=models.Q(meeting__isnull=True),
                name="cooperation_bodydocument_once",
            ),
        ]

    def __str__(self):
        return f"{self.body}: {self.get_role_display()} {self.document}"
