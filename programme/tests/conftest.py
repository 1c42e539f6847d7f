import pytest


@pytest.fixture(autouse=True)
def no_dashboard_counts_of_an_earlier_test():
    """The dashboard keeps its counts in the cache by programme id; ids repeat across tests."""
    from django.core.cache import cache

    cache.clear()
    yield
