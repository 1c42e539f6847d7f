"""Shared vocabularies: topics (toimialat), audiences (kohderyhmät) and languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    yso = models.CharField(
        _("YSO concept"),
        max_length=40,
        blank=True,
        help_text=_("Finnish General Upper Ontology concept id, e.g. yso:p916."),
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(Term):
    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Audience(Term):
    class Meta(Term.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class Language(models.Model):
    """A language an event or activity is held in (ISO 639; fse = Finnish Sign Language)."""

    code = models.CharField(_("ISO 639 code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]

    def __str__(self):
        return self.name
