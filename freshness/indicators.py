"""Up-to-date listings as an indicator of the association programme.

Registered from FreshnessConfig.ready(): the share of the active, public associations whose
editors have confirmed their listing within the last 12 months, by home municipality.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import PublicationStatus
from organizations.models import Organization
from programme.indicators import register_indicator_source

CONFIRMED_WITHIN = dt.timedelta(days=365)


def confirmed_share(programme, today: dt.date) -> dict[int | None, Decimal]:
    """The percentage of listings confirmed within 12 months of `today`."""
    since = dt.datetime.combine(
        today - CONFIRMED_WITHIN, dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    listings = Organization.objects.filter(
        publication_status=PublicationStatus.PUBLISHED, status=Organization.Status.ACTIVE
    ).order_by()
    fresh = Q(confirmed_at__gte=since)
    rows = listings.values("address_municipality").annotate(
        total=Count("pk"), fresh=Count("pk", filter=fresh)
    )
    shares = {
        row["address_municipality"]: _percent(row["fresh"], row["total"])
        for row in rows
        if row["address_municipality"]
    }
    region = listings.aggregate(total=Count("pk"), fresh=Count("pk", filter=fresh))
    shares[None] = _percent(region["fresh"], region["total"])
    return shares


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def register_indicator_sources() -> None:
    register_indicator_source(
        "freshness.confirmed_share",
        _("Listings confirmed within 12 months (%)"),
        confirmed_share,
        description=_(
            "The share of active, public associations whose listing was confirmed in the "
            "last 12 months, by home municipality."
        ),
    )
