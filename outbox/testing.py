"""Test helpers for anything that writes notices.

With REDIS_URL set (CI), Celery sends tasks to the broker instead of running them; tests
that read django.core.mail.outbox need delivery in-process. `in_process_tasks` makes it
so for one test and restores the setting after it.
"""

import pytest


@pytest.fixture
def in_process_tasks():
    from portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
