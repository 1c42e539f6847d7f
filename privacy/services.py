"""Accessibility feedback to the coordinator."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from core.emails import templated_email


def accessibility_feedback_send(*, message: str, reply_to: str = "") -> None:
    """E-mail the feedback to SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL, in the site's language."""
    if not message.strip():
        raise ValidationError({"message": _("Write your feedback.")})
    to = settings.SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL or settings.DEFAULT_FROM_EMAIL
    context = {"message": message, "reply_to": reply_to, "SITE_NAME": settings.SAKKE_SITE_NAME}
    with translation.override(settings.LANGUAGE_CODE):
        email = templated_email("privacy/email/accessibility_feedback", context, to=to)
    if reply_to:
        email.reply_to = [reply_to]
    email.send()
