"""Fixtures of the fault tests: a real SMTP server, the real broker, an in-process worker."""

import pytest
from aiosmtpd.controller import Controller

from tests.processes import SmtpSink, free_port


@pytest.fixture
def smtp(settings):
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    sink.port = controller.port
    yield sink
    sink.release.set()
    controller.stop()


@pytest.fixture
def broker():
    """The Celery app on the real Redis, its default queue emptied of other runs' leftovers."""
    from portal.celery import app

    assert not app.conf.task_always_eager, "with REDIS_URL set, tasks must go through the broker"
    app.control.purge()
    return app


@pytest.fixture
def worker(broker):
    from celery.contrib.testing.worker import start_worker

    with start_worker(broker, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running
