"""E-mails sent outside a request: reminders in the recipient's language, sent one by one."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)


def default_base_url() -> str:
    """Where the service is (the SAKKE_BASE_URL setting, no trailing slash), for e-mailed links."""
    return settings.SAKKE_BASE_URL.rstrip("/")


def recipient_language(user) -> str:
    """The person's own language if the account knows it, else the site's default."""
    language = getattr(user, "language", "") or ""
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def templated_email(
    template: str, context: dict, *, to: str, html: bool = False
) -> EmailMultiAlternatives:
    """The e-mail of `template`_subject.txt and `template`.txt (and .html) to one address.

    Render it inside translation.override() of the recipient's language.
    """
    subject = render_to_string(f"{template}_subject.txt", context)
    text = render_to_string(f"{template}.txt", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[to])
    if html:
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def send_each(messages, what: str) -> int:
    """Send the messages one by one; the number sent. A failure is logged and skipped."""
    sent = 0
    for message in messages:
        try:
            message.send()
        except Exception:
            # One bad address must not keep the others from their e-mail.
            logger.exception("Could not send %s to %s", what, message.to)
        else:
            sent += 1
    return sent


def report_reminders_sent(request, *, sent: int, to_editors_of: str) -> None:
    """Tell the coordinator, who just sent a reminder, how many editors it reached."""
    if sent:
        message = ngettext(
            "Sent a reminder to %(count)d editor of %(name)s.",
            "Sent a reminder to %(count)d editors of %(name)s.",
            sent,
        )
        messages.success(request, message % {"count": sent, "name": to_editors_of})
    else:
        message = _("%(name)s has no editor with an e-mail address, so no reminder was sent.")
        messages.warning(request, message % {"name": to_editors_of})
