import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_rate_limits():
    """django-ratelimit counts in the cache, which would otherwise outlive each test."""
    cache.clear()
    yield
    cache.clear()
