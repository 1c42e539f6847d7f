"""The audit log: sign-ins, second factors and the coordinator's decisions.

`audit_record` is the one way in; the sign-in signals of django.contrib.auth are
connected in AccountsConfig.ready(), and workflow apps (moderation) call it for the
coordinator's decisions. Admin edits stay in Django's LogEntry.
"""

from axes.helpers import get_client_ip_address
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

Action = AuditEntry.Action


def audit_record(*, action: str, user=None, email: str = "", detail: str = "", request=None):
    """Store one entry; the IP address is read from the request as django-axes reads it."""
    email = email or getattr(user, "email", "") or ""
    # Anonymous, or an account deleted a moment ago (signing out after deletion).
    if user is not None and (not getattr(user, "is_authenticated", False) or user.pk is None):
        user = None
    ip_address = get_client_ip_address(request) if request is not None else None
    return AuditEntry.objects.create(
        action=action,
        user=user,
        email=email[:254],
        detail=str(detail)[:300],
        ip_address=ip_address or None,
    )


def audit_entries() -> QuerySet:
    """The log, newest first, with the person of each entry."""
    return AuditEntry.objects.select_related("user")


def _sign_in_method(request, user) -> str:
    backend = getattr(user, "backend", "") or (
        request.session.get(BACKEND_SESSION_KEY, "") if request is not None else ""
    )
    return str(_("login link")) if "sesame" in backend else str(_("password"))


def on_signed_in(sender, request, user, **kwargs):
    audit_record(
        action=Action.SIGNED_IN, user=user, detail=_sign_in_method(request, user), request=request
    )


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    email = str((credentials or {}).get("username") or "").strip().lower()
    audit_record(action=Action.SIGN_IN_FAILED, email=email, request=request)


def on_signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=Action.SIGNED_OUT, user=user, request=request)
