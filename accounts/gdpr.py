"""Everything the service holds about a person, as one JSON document (GDPR, article 15/20).

Other apps add their rows by registering an exporter, e.g. in their AppConfig.ready():

    from accounts.gdpr import register_exporter

    @register_exporter
    def claims(user):
        return {"claims": [{"organization": c.organization.public_id, ...} for c in ...]}

An exporter takes the user and returns a dict of JSON-serialisable values; its keys are
added to the top level of the document (a key already there is not overwritten).

Likewise an app registers an eraser (`register_eraser`): deleting an account calls each
with the user, before the user row goes, to remove what the app keeps about the person
that the database's cascades do not reach (e.g. rows found by the e-mail address).
"""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from .models import User

Exporter = Callable[[User], dict[str, Any]]
Eraser = Callable[[User], None]
_exporters: list[Exporter] = []
_erasers: list[Eraser] = []

# The fields of the user record that go into the export; never the password hash.
USER_FIELDS = [
    "id",
    "email",
    "name",
    "is_coordinator",
    "is_active",
    "is_staff",
    "date_joined",
    "last_login",
    "email_verified_at",
]


def register_exporter(exporter: Exporter) -> Exporter:
    """Add `exporter` to every person's data export; usable as a decorator."""
    if exporter not in _exporters:
        _exporters.append(exporter)
    return exporter


def register_eraser(eraser: Eraser) -> Eraser:
    """Call `eraser` when an account is deleted; usable as a decorator."""
    if eraser not in _erasers:
        _erasers.append(eraser)
    return eraser


def account_erase(user: User) -> None:
    """Run every app's eraser for the person (inside the deletion's transaction)."""
    for eraser in _erasers:
        eraser(user)


def account_export(user: User) -> dict[str, Any]:
    """The person's own data: the account, the roles, sign-ins, and every app's exporters."""
    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "user": {field: getattr(user, field) for field in USER_FIELDS},
        "organization_roles": [
            {
                "organization": role.organization.public_id,
                "organization_name": role.organization.name,
                "granted_at": role.created_at,
            }
            for role in user.organization_roles.select_related("organization")
        ],
        "municipality_roles": [
            {
                "municipality": role.municipality.code,
                "municipality_name": role.municipality.name,
                "granted_at": role.created_at,
            }
            for role in user.municipality_roles.select_related("municipality")
        ],
        "sign_ins": _sign_ins(user),
        "audit_log": _audit_entries(user),
        "security_keys": _security_keys(user),
    }
    for exporter in _exporters:
        for key, value in (exporter(user) or {}).items():
            data.setdefault(key, value)
    return data


def _sign_ins(user: User) -> list[dict[str, Any]]:
    from axes.models import AccessLog

    return [
        {"time": log.attempt_time, "ip_address": log.ip_address, "user_agent": log.user_agent}
        for log in AccessLog.objects.filter(username__iexact=user.email).order_by("-attempt_time")
    ]


def _audit_entries(user: User) -> list[dict[str, Any]]:
    from django.db.models import Q

    from .models import AuditEntry

    entries = AuditEntry.objects.filter(Q(user=user) | Q(email__iexact=user.email))
    return [
        {"time": e.created_at, "action": e.action, "detail": e.detail, "ip_address": e.ip_address}
        for e in entries
    ]


def _security_keys(user: User) -> list[dict[str, Any]]:
    from .models import SecurityKey

    return [
        {
            "name": key.name,
            "credential_id": key.credential_id,
            "added_at": key.created_at,
            "last_used_at": key.last_used_at,
            "transports": key.transports,
        }
        for key in SecurityKey.objects.filter(user=user)
    ]
