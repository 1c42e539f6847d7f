"""Indicators of a programme: how its goals are measured.

A manual indicator's values are typed in by the coordinator, a year at a time, each with
its source. A computed indicator names a source in the registry of programme.indicators;
a monthly job (programme.tasks) stores its value, so the dashboard reads a few stored rows
instead of counting live data on each request.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import SourcedModel
from municipalities.models import Municipality

from .programme import Goal, Programme


class IndicatorKind(models.TextChoices):
    MANUAL = "manual", _("Entered by the coordinator")
    COMPUTED = "computed", _("Computed from the service's data")


class Indicator(SourcedModel):
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        help_text=_("The goal the indicator follows, if one."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("For example %"))
    kind = models.CharField(
        _("kind"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.MANUAL
    )
    # Not a choices field: the sources are registered by the apps at start-up
    # (programme.indicators.register_indicator_source), and a migration must not list them.
    source_key = models.CharField(
        _("computed from"),
        max_length=100,
        blank=True,
        help_text=_("The named computation the monthly snapshot runs."),
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="manual", source_key="")
                | (Q(kind="computed") & ~Q(source_key="")),
                name="programme_computed_indicator_names_its_source",
                violation_error_message=_(
                    "A computed indicator names its source; a manual one none."
                ),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.kind == IndicatorKind.COMPUTED


class IndicatorValue(models.Model):
    """One value of an indicator on a date: a manual year's value (dated 1 January) or a
    computed month's snapshot (dated the first of the month), for the whole region or
    one municipality."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="points"
    )
    date = models.DateField(_("date"))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty for the whole region."),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "date", "municipality"]
        # Two constraints, since NULLs are distinct in a unique index: one value a date for
        # the region, one a date for each municipality. They make the snapshot idempotent.
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                condition=Q(municipality=None),
                name="programme_one_regional_value_a_date",
            ),
            models.UniqueConstraint(
                fields=["indicator", "date", "municipality"],
                name="programme_one_municipal_value_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.date}: {self.value}"
