"""/healthz for the proxy and the monitoring: 200 when the portal can do its work, 503 with the
failing check named otherwise (portal.health)."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from outbox.models import Notice
from outbox.tests.factories import NoticeFactory
from portal import health

pytestmark = pytest.mark.django_db


def healthz(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


def test_a_portal_that_can_work_answers_200_with_each_check(client, settings):
    settings.REDIS_URL = ""  # tasks in the web process: no worker or beat to watch
    NoticeFactory()

    status, body = healthz(client)

    assert status == 200 and body["ok"] is True
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["worker"] == {"ok": True, "used": False}
    assert body["checks"]["outbox"]["pending"] == 1
    assert body["checks"]["outbox"]["oldest_pending_age_s"] is None  # just written: not due yet


def test_an_outbox_stuck_longer_than_the_setting_answers_503(client, settings):
    settings.REDIS_URL = ""
    settings.PORTAL_HEALTH_OUTBOX_MAX_AGE = 600
    stuck = NoticeFactory()
    eleven_minutes_ago = timezone.now() - timedelta(minutes=11)
    Notice.objects.filter(pk=stuck.pk).update(created_at=eleven_minutes_ago, next_attempt_at=eleven_minutes_ago)

    status, body = healthz(client)

    assert status == 503 and body["ok"] is False
    assert body["checks"]["outbox"]["ok"] is False
    assert body["checks"]["outbox"]["oldest_pending_age_s"] >= 660
    Notice.objects.filter(pk=stuck.pk).update(state=Notice.State.SENT, sent_at=timezone.now())
    assert healthz(client)[0] == 200  # sent at last: healthy again


def test_a_message_waiting_its_back_off_for_days_is_not_a_stuck_outbox(client, settings):
    settings.REDIS_URL = ""
    settings.PORTAL_HEALTH_OUTBOX_MAX_AGE = 600
    greylisted = NoticeFactory(attempts=9, retrying_since=timezone.now() - timedelta(days=2))
    Notice.objects.filter(pk=greylisted.pk).update(
        created_at=timezone.now() - timedelta(days=2), next_attempt_at=timezone.now() + timedelta(hours=3)
    )

    status, body = healthz(client)

    assert status == 200 and body["checks"]["outbox"]["pending"] == 1


def test_a_database_that_does_not_answer_answers_503_not_500(client, monkeypatch, settings):
    settings.REDIS_URL = ""

    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", refuse)

    status, body = healthz(client)

    assert status == 503
    assert body["checks"]["database"] == {"ok": False, "error": "DatabaseError"}
    assert "outbox" not in body["checks"]  # the checks that read the database are not run


def test_the_answer_is_never_cached_and_names_nothing_personal(client, settings):
    settings.REDIS_URL = ""
    NoticeFactory(to="amina@example.org", subject="Your registration")

    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert b"amina" not in response.content and b"registration" not in response.content


def test_beat_sends_the_heartbeat_every_minute():
    assert settings.CELERY_BEAT_SCHEDULE["portal-heartbeat"] == {"task": "portal.heartbeat", "schedule": 60.0}


@pytest.mark.redis
def test_with_redis_a_silent_worker_or_beat_answers_503_until_they_run(client):
    from django.core.cache import cache
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    cache.delete(health.HEARTBEAT_KEY)
    every_minute = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    task = PeriodicTask.objects.create(
        name="heartbeat",
        task="portal.heartbeat",
        interval=every_minute,
        last_run_at=timezone.now() - timedelta(hours=2),
    )

    status, body = healthz(client)
    assert status == 503
    assert body["checks"]["redis"]["ok"] is True
    assert body["checks"]["worker"]["ok"] is False and body["checks"]["worker"]["age_s"] is None
    assert body["checks"]["beat"]["ok"] is False and body["checks"]["beat"]["age_s"] >= 7200

    health.record_heartbeat()
    PeriodicTask.objects.filter(pk=task.pk).update(last_run_at=timezone.now())
    status, body = healthz(client)
    assert status == 200, body
    cache.delete(health.HEARTBEAT_KEY)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_heartbeat_and_the_worker_check_passes(client):
    from celery.contrib.testing.worker import start_worker
    from django.core.cache import cache

    from portal.celery import app, heartbeat

    cache.delete(health.HEARTBEAT_KEY)
    assert health.check_worker(timezone.now()).ok is False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        heartbeat.delay()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and cache.get(health.HEARTBEAT_KEY) is None:
            time.sleep(0.2)
    check = health.check_worker(timezone.now())
    assert check.ok is True and check.detail["age_s"] <= 30
    cache.delete(health.HEARTBEAT_KEY)
