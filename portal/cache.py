"""A Redis cache that degrades instead of failing when Redis is unreachable.

The cache only ever holds what can be rebuilt (rendered pages, throttle counters, the
catalogue version). If Redis goes down, a coordinator's submission or a visitor's page
must still work: reads miss, writes are dropped, counters start again, and a warning is
logged. Throttles therefore open rather than lock everybody out while Redis is away. After
a failure the process does without the cache for a few seconds before trying Redis again.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


# After a failure the process leaves Redis alone this long: a Redis that hangs (stopped, not
# refusing) costs one socket timeout per pause, not one per cache call of every request.
PAUSE_AFTER_FAILURE_SECONDS = 10.0
_paused_until = 0.0


def _tolerant(name: str, fallback):
    def method(self, *args, **kwargs):
        global _paused_until
        if time.monotonic() >= _paused_until:
            try:
                return getattr(super(TolerantRedisCache, self), name)(*args, **kwargs)
            except UNREACHABLE:
                _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS
                logger.warning("Cache unreachable during %s; carrying on without it.", name, exc_info=True)
        return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


def resume() -> None:
    """Try Redis again at the next call (tests; a process that knows Redis is back)."""
    global _paused_until
    _paused_until = 0.0


def _default_of_get(key, default=None, version=None):
    return default


class TolerantRedisCache(RedisCache):
    get = _tolerant("get", _default_of_get)
    get_many = _tolerant("get_many", {})
    set = _tolerant("set", None)
    set_many = _tolerant("set_many", [])
    add = _tolerant("add", False)
    touch = _tolerant("touch", False)
    delete = _tolerant("delete", False)
    delete_many = _tolerant("delete_many", None)
    has_key = _tolerant("has_key", False)
    incr = _tolerant("incr", 1)
