"""Django's Redis cache that carries on without Redis.

Every web node reads the shared cache on almost every request: the anonymous page cache,
rate limits, counts. With Django's own RedisCache a stopped Redis turns each of those
reads into a 500. This one treats an unreachable Redis as an empty cache that forgets
what it is given: pages are rendered afresh, counts are counted again, limits start from
zero (they let people through rather than lock everyone out), and sessions, kept in the
database, go on. It logs once a minute while Redis is away.

A page cached before Redis went away, and still there when it returns, is served until
it expires (PAGE_CACHE_SECONDS): a change saved meanwhile could not reach the cache.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
#: Seconds between two warnings about the same unreachable cache.
WARN_EVERY = 60
_last_warning = {"at": -WARN_EVERY}


def _warn(error: Exception) -> None:
    now = time.monotonic()
    if now - _last_warning["at"] >= WARN_EVERY:
        _last_warning["at"] = now
        logger.warning("The cache (Redis) cannot be reached; serving without it: %s", error)


def _fail_soft(result):
    """Run the method; when Redis cannot be reached, return `result(args, kwargs)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                _warn(error)
                return result(args, kwargs)

        return wrapper

    return decorate


def _default(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


def _nothing(args, kwargs):
    return None


class FailSoftRedisCache(RedisCache):
    """RedisCache whose reads miss and whose writes are dropped while Redis is away."""

    get = _fail_soft(_default)(RedisCache.get)
    get_many = _fail_soft(lambda a, k: {})(RedisCache.get_many)
    has_key = _fail_soft(lambda a, k: False)(RedisCache.has_key)
    set = _fail_soft(_nothing)(RedisCache.set)
    set_many = _fail_soft(lambda a, k: [])(RedisCache.set_many)
    # "Added": a rate limit's first hit, a challenge not seen before. Refusing instead
    # would turn every sign-in and form away until Redis returns.
    add = _fail_soft(lambda a, k: True)(RedisCache.add)
    touch = _fail_soft(lambda a, k: False)(RedisCache.touch)
    delete = _fail_soft(lambda a, k: False)(RedisCache.delete)
    delete_many = _fail_soft(_nothing)(RedisCache.delete_many)
    clear = _fail_soft(lambda a, k: False)(RedisCache.clear)

    @_fail_soft(lambda a, k: a[1] if len(a) > 1 else k.get("delta", 1))
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)
