"""Counting requests in the cache: a fixed one-hour window per key.

Used for "forgotten password" requests, which send mail to an address someone typed:
without a limit, the form would let anyone flood a mailbox (or our mail server).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _cache_key(scope: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"accounts:throttle:{scope}:{digest}"


def _hit(key: str, limit: int) -> bool:
    """Count one request; True while the key stays within its limit for the window."""
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= limit


def allow_password_reset_request(*, email: str, ip_address: str | None) -> bool:
    """At most PORTAL_PASSWORD_RESETS_PER_HOUR requests per address and per IP address.

    Known and unknown addresses count alike, so the limit reveals nothing about accounts.
    """
    limit = settings.PORTAL_PASSWORD_RESETS_PER_HOUR
    allowed_for_email = _hit(_cache_key("reset-email", email), limit)
    allowed_for_ip = _hit(_cache_key("reset-ip", ip_address or "unknown"), limit)
    return allowed_for_email and allowed_for_ip
