"""The e-mails of claims, invitations and moderation; texts in templates/moderation/emails/."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse


def _absolute(path: str) -> str:
    """A link of an e-mail: the path on the service's one address, SAKKE_BASE_URL."""
    return settings.SAKKE_BASE_URL.rstrip("/") + path


def _send(*, template: str, to: list[str], context: dict) -> None:
    """Send after the transaction commits, so a rolled-back decision sends nothing."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    # Every message links the content policy (privacy app), by which moderation decides.
    policy_url = _absolute(reverse("privacy:content_policy"))
    context = {"site_name": settings.SAKKE_SITE_NAME, "content_policy_url": policy_url, **context}
    subject = render_to_string(f"moderation/emails/{template}_subject.txt", context)
    subject = " ".join(subject.split())
    body = render_to_string(f"moderation/emails/{template}.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients))


def coordinator_addresses() -> list[str]:
    from accounts.models import User

    coordinators = User.objects.filter(is_coordinator=True, is_active=True)
    return list(coordinators.values_list("email", flat=True))


def send_claim_received(claim) -> None:
    context = {"claim": claim, "queue_url": _absolute(reverse("moderation:queue"))}
    _send(template="claim_received", to=coordinator_addresses(), context=context)


def send_claim_decision(claim) -> None:
    context = {"claim": claim, "requests_url": _absolute(reverse("moderation:my_requests"))}
    _send(template="claim_decision", to=[claim.user.email], context=context)


def send_invitation(invitation, accept_url: str) -> None:
    _send(
        template="invitation",
        to=[invitation.email],
        context={"invitation": invitation, "accept_url": accept_url},
    )


def send_content_declined(obj, message: str, to: list[str]) -> None:
    _send(template="content_declined", to=to, context={"object": obj, "message": message})
