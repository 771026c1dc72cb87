"""The Celery app: Redis as broker in the real deployment, in-process without it."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="portal.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Every minute (beat): the worker says it is alive, for /healthz (portal.health)."""
    from portal.health import record_heartbeat

    record_heartbeat()
