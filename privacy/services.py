"""Accessibility feedback to the coordinator, and the date the statement was checked."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.emails import templated_email
from core.roles import is_coordinator

from .models import AccessibilityStatementCheck


def accessibility_statement_date() -> dt.date:
    """The date of the statement's latest check, or the configured one before any."""
    latest = AccessibilityStatementCheck.objects.order_by("-checked_on", "-pk").first()
    return latest.checked_on if latest else settings.SAKKE_ACCESSIBILITY_STATEMENT_DATE


def accessibility_statement_checked(*, user, checked_on: dt.date) -> AccessibilityStatementCheck:
    """The coordinator has checked the statement: its date becomes `checked_on`."""
    if not is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator may do this."))
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": _("The date cannot be in the future.")})
    return AccessibilityStatementCheck.objects.create(checked_on=checked_on)


def feedback_recipients() -> list[str]:
    """SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL, or else every active coordinator."""
    if settings.SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL:
        return [settings.SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL]
    coordinators = User.objects.filter(is_coordinator=True, is_active=True)
    return sorted(coordinators.values_list("email", flat=True))


def accessibility_feedback_send(*, message: str, reply_to: str = "") -> None:
    """E-mail the feedback to the coordinator, in the site's default language."""
    if not message.strip():
        raise ValidationError({"message": _("Write your feedback.")})
    context = {"message": message, "reply_to": reply_to, "SITE_NAME": settings.SAKKE_SITE_NAME}
    with translation.override(settings.LANGUAGE_CODE):
        email = templated_email(
            "privacy/email/accessibility_feedback", context, to=settings.DEFAULT_FROM_EMAIL
        )
    email.to = feedback_recipients() or [settings.DEFAULT_FROM_EMAIL]
    if reply_to:
        email.reply_to = [reply_to]
    email.send()
