"""Accessibility feedback to the coordinator."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.emails import templated_email


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
