from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Publishable, SourcedModel
from municipalities.models import Municipality


class Place(Publishable, SourcedModel):
    """Where events and activities happen.

    Imported places are public as they come. A place an association's editor adds waits
    for the coordinator (publication_status "pending"); meanwhile only that association
    can choose it for its events and activities (`proposed_by`).
    """

    name = models.CharField(_("name"), max_length=250)
    street_address = models.CharField(_("street address"), max_length=250, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="places",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    proposed_by = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_places",
        help_text=_("The association whose editor added the place here."),
    )

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]

    @property
    def has_position(self):
        return self.latitude is not None and self.longitude is not None
