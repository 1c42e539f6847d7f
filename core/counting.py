"""Counting rows: exact when few, kept for a minute when many.

Counting a million events or half a million upcoming ones costs 30–40 ms on every
request that shows the number; a total that large may lag a minute behind without
misleading anyone. Counts under LARGE_COUNT are exact on every request, so a small
municipality's page or a filtered list shows a new event at once.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

# A count of at least this many rows is kept for LARGE_COUNT_SECONDS, by its SQL.
LARGE_COUNT = 10_000
LARGE_COUNT_SECONDS = 60


def count_rows(queryset: QuerySet) -> int:
    """queryset.count(), remembered for a minute (in the cache) when it is large."""
    queryset = queryset.order_by()
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. a text filter that matched nothing: pk IN ()
        return 0
    database = connections[queryset.db].settings_dict["NAME"]
    digest = hashlib.sha256(f"{database}\n{sql}\n{params!r}".encode()).hexdigest()
    key = f"count:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        if count >= LARGE_COUNT:
            cache.set(key, count, LARGE_COUNT_SECONDS)
    return count
