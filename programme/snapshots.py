"""The monthly snapshot of the computed indicators.

Run daily by Celery beat (programme.tasks); the first run in a month stores the month's
values, dated the first of the month, and later runs in the same month find them there
and change nothing. A source that fails is logged and skipped: one app's bug must not
stop the other indicators' history.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from .dashboard_cache import dashboards_changed
from .indicators import indicator_source, reading_by_municipality
from .models import Indicator, IndicatorKind, IndicatorValue

log = logging.getLogger(__name__)


def indicator_snapshots_take(*, today: dt.date | None = None) -> int:
    """Store this month's value of every computed indicator that has none yet; the number
    of indicators written."""
    today = today or timezone.localdate()
    month = today.replace(day=1)
    done = set(
        IndicatorValue.objects.filter(
            date=month, municipality=None, indicator__kind=IndicatorKind.COMPUTED
        ).values_list("indicator_id", flat=True)
    )
    written = 0
    indicators = Indicator.objects.filter(kind=IndicatorKind.COMPUTED).select_related("programme")
    for indicator in indicators.exclude(pk__in=done):
        source = indicator_source(indicator.source_key)
        if source is None:
            log.warning(
                "Indicator %s names an unknown source %r", indicator.pk, indicator.source_key
            )
            continue
        try:
            values = reading_by_municipality(source.function(indicator.programme, today))
        except Exception:
            log.exception("The indicator source %r failed", indicator.source_key)
            continue
        rows = [
            IndicatorValue(indicator=indicator, date=month, municipality_id=key, value=value)
            for key, value in values.items()
        ]
        try:
            with transaction.atomic():
                IndicatorValue.objects.bulk_create(rows)
                dashboards_changed()  # bulk_create sends no post_save
        except IntegrityError:  # a parallel run stored this month first
            continue
        written += 1
    return written
