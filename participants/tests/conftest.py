import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """The limits on the public forms (registration, joining, date alerts) count in the cache,
    and every test client posts from 127.0.0.1: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()
