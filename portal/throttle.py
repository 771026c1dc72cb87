"""Counting requests in the cache, in fixed windows: the limits on forms that send mail.

Joining the network and asking for a password reset each send a message to an address
someone typed; without a limit either form would let anyone flood a mailbox. The count
lives in the cache: if the cache is away (portal/cache.py) the limits open rather than
lock everybody out.
"""

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """'5/h' -> five per hour. Units: s, m, h, d."""
        count, _slash, unit = text.partition("/")
        seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip().lower()[:1]]
        return cls(count=int(count), seconds=seconds)


def within_rate(key: str, rate: Rate) -> bool:
    """Count one request under `key`; True while the window that began with the first stays within the rate."""
    cache.add(key, 0, timeout=rate.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window closed between add and incr
        cache.set(key, 1, timeout=rate.seconds)
        count = 1
    return count <= rate.count
