"""Associations checked against the PRH/YTJ register: registered name and status.

The register's answer is kept on the association (`registered_name`, `register_status`,
`register_checked_at`); it is metadata about the listing, not its content, so it is
written without a revision and changes nothing the public sees. An association that
the register says is dissolved (or does not know) is flagged for the coordinator, who
decides whether the listing is marked dissolved (`organization_mark_dissolved`).
"""

import datetime as dt
import logging
import time
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import is_coordinator
from core.writes import content_write
from organizations.models import Organization

from .ytj import Getter, RegisterEntry, RegistryError, fetch_entry

logger = logging.getLogger(__name__)

#: An association is asked again this long after its last check.
RECHECK_DAYS = 30
#: How many associations one run checks, and the pause between two requests: the
#: open data interface is shared by everyone, so we ask slowly.
BATCH_SIZE = 50
PAUSE_SECONDS = 1.0

FLAGGED_STATUSES = (Organization.RegisterStatus.DISSOLVED, Organization.RegisterStatus.NOT_FOUND)


def organization_register_check(
    *, organization: Organization, getter: Getter | None = None, now: dt.datetime | None = None
) -> RegisterEntry:
    """Ask the register about the association's business id and keep its answer.

    Raises RegistryError when the register cannot be asked; then nothing changes."""
    if not organization.business_id:
        raise ValidationError({"business_id": _("The association has no business id.")})
    entry = fetch_entry(organization.business_id, getter=getter)
    fields = {
        "register_status": entry.status,
        "register_checked_at": now or timezone.now(),
    }
    if entry.name:
        fields["registered_name"] = entry.name
    Organization.objects.filter(pk=organization.pk).update(**fields)
    for name, value in fields.items():
        setattr(organization, name, value)
    return entry


def organizations_due_for_check(*, now: dt.datetime | None = None) -> QuerySet[Organization]:
    """Associations with a business id never checked, or not for RECHECK_DAYS, oldest first."""
    now = now or timezone.now()
    stale = Q(register_checked_at__isnull=True) | Q(
        register_checked_at__lt=now - dt.timedelta(days=RECHECK_DAYS)
    )
    return (
        Organization.objects.exclude(business_id="")
        .filter(stale)
        .order_by(F("register_checked_at").asc(nulls_first=True), "pk")
        .only("pk", "business_id", "register_status", "registered_name", "register_checked_at")
    )


def check_register_batch(
    *,
    limit: int = BATCH_SIZE,
    getter: Getter | None = None,
    pause: float = PAUSE_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
    now: dt.datetime | None = None,
) -> dict[str, int]:
    """Check up to `limit` due associations one by one with a pause between requests.

    One association the register cannot answer for is logged and skipped; the rest go on."""
    counts = {"checked": 0, "failed": 0, "flagged": 0}
    organizations = list(organizations_due_for_check(now=now)[:limit])
    for index, organization in enumerate(organizations):
        if index and pause:
            sleep(pause)
        try:
            entry = organization_register_check(organization=organization, getter=getter, now=now)
        except RegistryError as error:
            logger.warning("Register check of %s failed: %s", organization.business_id, error)
            counts["failed"] += 1
            continue
        counts["checked"] += 1
        if entry.status in FLAGGED_STATUSES:
            counts["flagged"] += 1
    return counts


def flagged_organizations() -> QuerySet[Organization]:
    """Listings still shown as active whose register entry says dissolved or is missing."""
    return (
        Organization.objects.filter(
            register_status__in=FLAGGED_STATUSES, status=Organization.Status.ACTIVE
        )
        .select_related("address_municipality")
        .order_by("register_status", "name_fi", "pk")
    )


def organization_mark_dissolved(*, user, organization: Organization) -> Organization:
    """The coordinator marks a flagged association dissolved; its page says so."""
    if not is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator may mark an association dissolved."))
    with content_write(user, _("Marked dissolved after the register check")):
        organization.status = Organization.Status.DISSOLVED
        organization.save(update_fields=["status", "updated_at"])
    return organization
