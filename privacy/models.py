"""The accessibility statement's check dates: the coordinator records each review."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityStatementCheck(models.Model):
    """The coordinator checked the accessibility statement on `checked_on`; the latest
    is the date the statement shows (SAKKE_ACCESSIBILITY_STATEMENT_DATE before any)."""

    checked_on = models.DateField(_("checked on"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("accessibility statement check")
        verbose_name_plural = _("accessibility statement checks")
        ordering = ["-checked_on", "-pk"]

    def __str__(self):
        return str(self.checked_on)
