"""Test set-up shared by the whole suite.

Tests that need a real service carry a marker (postgres, redis, celery_worker,
browser). On a laptop without the service they skip and say why; in CI (CI=true)
a missing service fails the run instead, so a green CI always means they ran.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SERVICE_MARKERS = ("postgres", "redis", "celery_worker", "browser")


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def _missing_service(marker: str) -> str | None:
    """Why the service a marker needs is not here, or None when it is."""
    if marker == "postgres":
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            return "needs PostgreSQL: set DATABASE_URL=postgres://... (the suite is running on SQLite)"
        return None
    if marker in ("redis", "celery_worker"):
        redis_url = settings.REDIS_URL
        if not redis_url:
            return "needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0"
        if not _reachable(redis_url, 6379):
            return f"needs Redis, but nothing answers at {redis_url}"
        return None
    if marker == "browser":
        try:
            import playwright  # noqa: F401
        except ImportError:
            return "needs the playwright package (pip install -r requirements-browser.txt)"
        if not shutil.which(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
            return "needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)"
        return None
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        for marker in SERVICE_MARKERS:
            if item.get_closest_marker(marker) is None:
                continue
            reason = _missing_service(marker)
            if reason is None:
                continue
            if IN_CI:
                item.user_properties.append(("missing_service", reason))
            else:
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_runtest_setup(item):
    reasons = [value for key, value in item.user_properties if key == "missing_service"]
    if reasons:
        pytest.fail("CI must run this test, but it " + "; ".join(reasons))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """In CI, a skipped service test is a failure: say so and turn the run red."""
    if not IN_CI:
        return
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if any(marker in report.keywords for marker in SERVICE_MARKERS)
    ]
    if skipped:
        terminalreporter.write_line(f"CI: {len(skipped)} service test(s) were skipped; failing the run.", red=True)
        config._service_tests_skipped = True


def pytest_sessionfinish(session, exitstatus):
    if getattr(session.config, "_service_tests_skipped", False) and session.exitstatus == 0:
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing a password takes about a second with the production hasher; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Run Celery tasks in-process unless the test drives a real worker.

    With REDIS_URL set (CI), tasks would otherwise go to the broker and a test reading
    django.core.mail.outbox would see nothing; tests marked celery_worker keep the broker.
    """
    if request.node.get_closest_marker("celery_worker") is not None:
        yield
        return
    from portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _no_outage_carried_over():
    """A test that took Redis or the broker away leaves no pause behind for the next test."""
    from portal import cache, handoff

    cache.resume()
    handoff.resume()
    yield
    cache.resume()
    handoff.resume()


@pytest.fixture(autouse=True)
def _no_language_carried_over():
    """A request under /fr/ activates French in the thread; every test starts in the default language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
