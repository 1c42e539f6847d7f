"""The dashboard's cache: its counts and its rendered charts and tables, kept under a
generation that changes whenever what they were drawn from changes.

A saved or deleted programme, theme, goal, measure, commitment, progress report,
indicator or indicator value (the monthly snapshots too: their bulk writes call
`dashboards_changed` themselves) starts a new generation once its transaction commits, so
the next request draws the dashboard again and a change shows at once. A cache hit
renders almost nothing. The generation is one for every programme: their data changes
rarely, and a receiver then needs no query to find which programme a row belongs to.

What the dashboard reads from other apps (an association's municipality or publication,
a municipality's name) starts no new generation: it shows within
SAKKE_PROGRAMME_DASHBOARD_SECONDS, the longest any entry is kept. So does a change made on
another process when the cache is the per-process memory one (CACHE_URL unset).
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "programme:dashboard:generation"


def dashboards_changed() -> None:
    """Forget every cached dashboard now and again once the transaction commits.

    Now, so that the writing code (and a test, whose transaction never commits) sees its
    change; again at the commit, since a request may have drawn the dashboard from the
    data as it was before the commit under the generation started now. The second is
    scheduled once per transaction, however many rows it writes."""
    _new_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        entry[1] is _new_generation for entry in connection.run_on_commit
    ):
        transaction.on_commit(_new_generation)


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def dashboard_key(kind: str, programme, municipality, *parts) -> str | None:
    """The key of one cached part of a dashboard, or None when the cache is off. Read the
    key before the data: what is stored under it is then at least as new as its
    generation."""
    if not settings.SAKKE_PROGRAMME_DASHBOARD_SECONDS:
        return None
    place = municipality.pk if municipality is not None else 0
    tail = ":".join(str(part) for part in parts)
    return f"programme:dashboard:{kind}:{_generation()}:{programme.pk}:{place}:{tail}"


def cached(key: str | None, make):
    """The value under `key`, else `make()`, stored under it (not stored when key is None)."""
    if key is None:
        return make()
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, settings.SAKKE_PROGRAMME_DASHBOARD_SECONDS)
    return value


def _changed(sender, **kwargs) -> None:
    dashboards_changed()


def connect_signals() -> None:
    """Any saved or deleted row the dashboard is drawn from starts a new generation."""
    from .models import (
        Commitment,
        Goal,
        Indicator,
        IndicatorValue,
        Measure,
        Programme,
        ProgressReport,
        Theme,
    )

    models = (Programme, Theme, Goal, Measure, Commitment, ProgressReport)
    for model in (*models, Indicator, IndicatorValue):
        for signal in (post_save, post_delete):
            signal.connect(
                _changed, sender=model, dispatch_uid=f"programme_dashboard_{model.__name__}"
            )
