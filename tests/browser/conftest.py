"""Playwright on Debian's Chromium, against pytest-django's live server.

Playwright's own browser download does not work on our networks, so the tests drive
/usr/bin/chromium (scripts/install-browser.sh puts it there). Every test here carries
`@pytest.mark.browser`: the root conftest skips it on a laptop without Chromium or
Playwright and fails it in CI. Tests that use `live_server` also need
`@pytest.mark.django_db(transaction=True)`: the server thread sees only committed rows.
"""

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    # Imported here so that collecting this package works without Playwright (the test skips).
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_locale() -> str:
    """The browser's language (Accept-Language); override with @pytest.mark.parametrize."""
    return "en-GB"


@pytest.fixture
def page(browser, browser_locale):
    """A fresh page in its own context: no cookies or storage carried over between tests.

    `page.console_errors` collects what the console reports as errors (a blocked inline script
    under the CSP shows up there).
    """
    context = browser.new_context(locale=browser_locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.console_errors = []

    def on_console(message):
        # Chromium asks for /favicon.ico on its own; the portal has none.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            page.console_errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def screenshot() -> Callable:
    """save(page, name) keeps a full-page screenshot as artifacts/screenshots/<name>.png."""

    def save(page, name: str) -> Path:
        if not re.fullmatch(r"[\w.-]+", name):
            raise ValueError(f"not a plain file name: {name!r}")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
