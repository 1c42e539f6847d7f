"""Building blocks shared by every content model of the service."""

from django.db import models
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
