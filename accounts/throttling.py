"""The limit on "forgotten password" requests, which send mail to an address someone typed:
without it, the form would let anyone flood a mailbox (or our mail server).
"""

import hashlib

from django.conf import settings

from portal.throttle import Rate, within_rate


def _cache_key(scope: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"accounts:throttle:{scope}:{digest}"


def allow_password_reset_request(*, email: str, ip_address: str | None) -> bool:
    """At most PORTAL_PASSWORD_RESETS_PER_HOUR requests per address and per IP address.

    Known and unknown addresses count alike, so the limit reveals nothing about accounts.
    """
    rate = Rate(count=settings.PORTAL_PASSWORD_RESETS_PER_HOUR, seconds=3600)
    allowed_for_email = within_rate(_cache_key("reset-email", email), rate)
    allowed_for_ip = within_rate(_cache_key("reset-ip", ip_address or "unknown"), rate)
    return allowed_for_email and allowed_for_ip
