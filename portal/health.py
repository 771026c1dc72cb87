"""What operators watch: is the portal able to do its work now?

``/healthz`` (portal.views.healthz) answers 200 when every check passes and 503 otherwise,
with one JSON object the proxy and the monitoring read. The Secretariat's dashboard shows
the same checks when one fails, in words (reporting.dashboard).

The checks:
- database: a query answers;
- redis: the broker and cache answers a PING within a second (only when REDIS_URL is set);
- worker: a worker ran the heartbeat task (beat sends it every minute) within
  PORTAL_HEALTH_WORKER_MAX_AGE seconds; the heartbeat is kept in the cache (Redis, shared by
  every process). Without Redis, tasks run inside the web process: there is no worker to watch;
- beat: the scheduler's last run of a periodic task (django-celery-beat's ``last_run_at``,
  which beat saves every few minutes) within PORTAL_HEALTH_BEAT_MAX_AGE seconds (Redis only);
- outbox: no message has been due (its next attempt's time passed) for longer than
  PORTAL_HEALTH_OUTBOX_MAX_AGE seconds; how many are in doubt (a worker died while sending them). Counts and ages only:
  nothing personal;
- mail_server: deliveries are not paused by a mail server that failed (outbox.mail_server).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Max, Min
from django.utils import timezone

HEARTBEAT_KEY = "portal:worker-heartbeat"
HEARTBEAT_EVERY_SECONDS = 60.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"ok": self.ok, **self.detail}


def record_heartbeat(*, now: datetime | None = None) -> None:
    """What the heartbeat task does in the worker: write when it ran (kept twice the longest age)."""
    stamp = (now or timezone.now()).timestamp()
    cache.set(HEARTBEAT_KEY, stamp, timeout=max(settings.PORTAL_HEALTH_WORKER_MAX_AGE * 2, 120))


def _age(moment: datetime | None, now: datetime) -> int | None:
    return None if moment is None else max(int((now - moment).total_seconds()), 0)


def check_database() -> Check:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure of the database is the answer
        return Check("database", False, {"error": type(error).__name__})
    return Check("database", True, {"ms": round((time.perf_counter() - started) * 1000, 1)})


def check_redis() -> Check:
    if not settings.REDIS_URL:
        return Check("redis", True, {"used": False})
    import redis

    started = time.perf_counter()
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except (redis.exceptions.RedisError, OSError) as error:
        return Check("redis", False, {"used": True, "error": type(error).__name__})
    return Check("redis", True, {"used": True, "ms": round((time.perf_counter() - started) * 1000, 1)})


def check_worker(now: datetime) -> Check:
    if not settings.REDIS_URL:
        return Check("worker", True, {"used": False})
    stamp = cache.get(HEARTBEAT_KEY)
    age = None if stamp is None else max(int(now.timestamp() - float(stamp)), 0)
    limit = settings.PORTAL_HEALTH_WORKER_MAX_AGE
    return Check("worker", age is not None and age <= limit, {"used": True, "age_s": age, "max_age_s": limit})


def check_beat(now: datetime) -> Check:
    if not settings.REDIS_URL:
        return Check("beat", True, {"used": False})
    from django_celery_beat.models import PeriodicTask

    last_run = PeriodicTask.objects.filter(enabled=True).aggregate(last=Max("last_run_at"))["last"]
    age = _age(last_run, now)
    limit = settings.PORTAL_HEALTH_BEAT_MAX_AGE
    return Check("beat", age is not None and age <= limit, {"used": True, "age_s": age, "max_age_s": limit})


def check_outbox(now: datetime) -> Check:
    from outbox.models import Notice

    waiting = Notice.objects.filter(state__in=[Notice.State.PENDING, Notice.State.SENDING])
    # How late the queue is: the longest a message has been due and not sent. A message that
    # waits its back-off after a refusal (greylisting, a full mailbox) is not late.
    due_since = waiting.filter(state=Notice.State.PENDING, next_attempt_at__lte=now).aggregate(
        due=Min("next_attempt_at")
    )["due"]
    age = _age(due_since, now)
    limit = settings.PORTAL_HEALTH_OUTBOX_MAX_AGE
    lease = timezone.timedelta(seconds=settings.PORTAL_OUTBOX_SENDING_LEASE)
    in_doubt = waiting.filter(state=Notice.State.SENDING, last_attempt_at__lte=now - lease).count()
    detail = {"pending": waiting.count(), "in_doubt": in_doubt, "oldest_pending_age_s": age, "max_age_s": limit}
    return Check("outbox", age is None or age <= limit, detail)


def check_mail_server(now: datetime) -> Check:
    """Deliveries are paused while the mail server is down (outbox.mail_server)."""
    from outbox.models import MailServer

    server = MailServer.objects.filter(down_since__isnull=False).first()
    if server is None:
        return Check("mail_server", True, {"down": False})
    detail = {"down": True, "down_for_s": _age(server.down_since, now), "tests": server.probes}
    return Check("mail_server", False, detail)


def run_checks(*, now: datetime | None = None) -> list[Check]:
    """Every check; the database first, and the ones that read it only when it answers."""
    now = now or timezone.now()
    database = check_database()
    checks = [database, check_redis(), check_worker(now)]
    if database.ok:
        checks += [_answered(name, check, now) for name, check in DATABASE_CHECKS]
    return checks


DATABASE_CHECKS = (("beat", check_beat), ("outbox", check_outbox), ("mail_server", check_mail_server))


def _answered(name: str, check, now: datetime) -> Check:
    """A check that reads the database fails, rather than the page, when its table does not answer."""
    try:
        return check(now)
    except DatabaseError as error:
        return Check(name, False, {"error": type(error).__name__})


def report(checks: list[Check]) -> dict:
    return {"ok": all(check.ok for check in checks), "checks": {check.name: check.as_dict() for check in checks}}
