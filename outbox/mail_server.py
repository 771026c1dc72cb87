"""The brake on a mail server that is down: deliveries pause, one probe at a time tests it.

Without it, every queued message would try (and fail) on its own: opening a consultation
to 300 coordinators during an outage would mean hundreds of SMTP attempts every few
minutes. With it, the first failure at the server marks it down; from then on a delivery
goes ahead only as the probe, which one worker at a time may take, each probe waiting
longer than the one before (PORTAL_OUTBOX_PROBE_SECONDS, doubling, at most ten minutes).
The probe is a real delivery: when it goes through, the server is up and the sweep goes on.
"""

from datetime import datetime, timedelta
from enum import Enum

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outbox.models import MailServer

SERVER = 1  # the one row
LONGEST_PROBE_WAIT = timedelta(minutes=10)


class Clearance(Enum):
    GO = "go"  # the server is up, as far as anyone knows
    PROBE = "probe"  # the server is down and this delivery is the one probe
    WAIT = "wait"  # the server is down and another probe is not due yet


def probe_wait(probes: int) -> timedelta:
    """How long after the `probes`-th test the next one may go.

    Never less than EMAIL_TIMEOUT: a probe that hangs has given up before the next one goes,
    so two probes never run at once.
    """
    seconds = max(settings.PORTAL_OUTBOX_PROBE_SECONDS * 2 ** min(max(probes - 1, 0), 20), settings.EMAIL_TIMEOUT)
    return min(timedelta(seconds=seconds), LONGEST_PROBE_WAIT)


def is_down() -> bool:
    return MailServer.objects.filter(pk=SERVER, down_since__isnull=False).exists()


def clearance(*, now: datetime | None = None) -> Clearance:
    """May a delivery go now? Taking the probe is recorded at once, so no other worker takes it."""
    now = now or timezone.now()
    if not is_down():
        return Clearance.GO
    with transaction.atomic():
        server = MailServer.objects.select_for_update().filter(pk=SERVER).first()
        if server is None or server.down_since is None:
            return Clearance.GO
        if server.next_probe_at is not None and server.next_probe_at > now:
            return Clearance.WAIT
        server.probes += 1
        server.next_probe_at = now + probe_wait(server.probes)
        server.save(update_fields=["probes", "next_probe_at", "changed_at"])
    return Clearance.PROBE


def record_down(*, error: str, now: datetime | None = None) -> None:
    """The server failed a delivery: pause deliveries until the next probe."""
    now = now or timezone.now()
    with transaction.atomic():
        server, _created = MailServer.objects.select_for_update().get_or_create(pk=SERVER)
        if server.down_since is None:
            server.down_since = now
            server.probes = 0
            server.next_probe_at = now + probe_wait(0)
        server.last_error = error
        server.save()


def record_up() -> None:
    """A delivery went through: whatever was paused goes again."""
    MailServer.objects.filter(pk=SERVER, down_since__isnull=False).update(
        down_since=None, next_probe_at=None, probes=0, changed_at=timezone.now()
    )
