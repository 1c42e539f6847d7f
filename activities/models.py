from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Accessibility, Confirmable, Publishable, SourcedModel, accessibility_labels
from core.urls_cache import reverse_detail
from municipalities.models import Municipality
from organizations.models import Organization
from places.models import Place
from taxonomy.models import Audience, Language, Topic


class Activity(SourcedModel, Publishable, Confirmable):
    """Ongoing activity (toiminta): a weekly group, club, peer support or volunteering task."""

    class Kind(models.TextChoices):
        HOBBY = "hobby", _("Hobby")
        SUPPORT = "support", _("Support")
        VOLUNTEERING = "volunteering", _("Volunteering")

    class Participation(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        ONLINE = "online", _("Online")
        PHONE = "phone", _("By phone")

    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    participation = models.JSONField(
        _("how to take part"),
        default=list,
        blank=True,
        help_text=_("Any of: on_site, online, phone (both on site and online = hybrid)."),
    )
    organizer = models.ForeignKey(
        Organization,
        verbose_name=_("organizer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
    )
    location = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    image = models.ImageField(_("picture"), upload_to="activities/", blank=True)
    # Required with a picture (the self-service checks it): people who cannot see it hear it.
    image_alt = models.CharField(
        _("description of the picture"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="activities"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="activities"
    )
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("audiences"), blank=True, related_name="activities"
    )
    in_language = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="activities"
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.CharField(_("price"), max_length=100, blank=True)
    accessibility = models.JSONField(_("accessibility"), default=list, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    # Volunteering tasks: what a volunteer should bring and how much time it takes.
    skills_wanted = models.TextField(
        _("skills wanted"),
        blank=True,
        help_text=_("What a volunteer should know or be able to do, if anything."),
    )
    time_commitment = models.CharField(
        _("time commitment"),
        max_length=200,
        blank=True,
        help_text=_('E.g. "2 hours a week" or "one weekend in May".'),
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["name", "id"]

    def clean(self):
        unknown = set(self.participation or []) - set(self.Participation.values)
        unknown_access = set(self.accessibility or []) - set(Accessibility.values)
        errors = {}
        if unknown:
            errors["participation"] = _("Unknown ways to take part: %(codes)s") % {
                "codes": ", ".join(sorted(unknown))
            }
        if unknown_access:
            errors["accessibility"] = _("Unknown accessibility features: %(codes)s") % {
                "codes": ", ".join(sorted(unknown_access))
            }
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse_detail("activities:detail", "public_id", self.public_id)

    @property
    def is_hybrid(self):
        return {"on_site", "online"} <= set(self.participation or [])

    @property
    def participation_labels(self):
        labels = dict(self.Participation.choices)
        return [labels[p] for p in self.participation if p in labels]

    @property
    def accessibility_labels(self):
        return accessibility_labels(self.accessibility)


class WeeklySlot(models.Model):
    """One weekly meeting time of an activity, in local Finnish time."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="schedule")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("starts"))
    end = models.TimeField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("weekly time")
        verbose_name_plural = _("weekly times")
        ordering = ["weekday", "start"]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}"
