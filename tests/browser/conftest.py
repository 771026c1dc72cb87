"""Playwright on Debian's Chromium, against pytest-django's live server.

Playwright's own browser download does not work on our networks, so the tests drive
/usr/bin/chromium (scripts/install-browser.sh puts it there). Every test here carries
`@pytest.mark.browser`: the root conftest skips it on a laptop without Chromium or
Playwright and fails it in CI. Tests that use `live_server` also need
`@pytest.mark.django_db(transaction=True)`: the server thread sees only committed rows.

Fixtures: `page` (a fresh context; `browser_locale` and `browser_timezone` can be
parametrised), `screenshot` (artifacts/screenshots/), `axe` (axe-core, artifacts/axe/),
`log_in` (through the real login form), and the data of the scenarios, `catalogue` (public
programme) and `consultation` (an open cycle, a coordinator in each of two groups). The live
server runs in this process, so `settings`, `mailoutbox` and the cache are shared with it.

Run: .venv/bin/pytest tests/browser -q -p no:cacheprovider
"""

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

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
AXE_REPORTS = Path(settings.BASE_DIR) / "artifacts" / "axe"
AXE_SOURCE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA: what the issue asks for ("semantic HTML, labelled controls,
# keyboard use, visible focus, sufficient contrast").
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_BLOCKING_IMPACTS = {"serious", "critical"}


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
def browser_timezone() -> str | None:
    """The browser's time zone (None: the machine's); override with @pytest.mark.parametrize."""
    return None


@pytest.fixture
def page(browser, browser_locale, browser_timezone):
    """A fresh page in its own context: no cookies or storage carried over between tests.

    `page.console_errors` collects what the console reports as errors (a blocked inline script
    under the CSP shows up there).
    """
    context = browser.new_context(
        locale=browser_locale, timezone_id=browser_timezone, viewport={"width": 1280, "height": 900}
    )
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


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The live server runs in this process with the local-memory cache: the network's join
    limits (and anything else counted there) start from zero in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_SOURCE_PATH.read_text(encoding="utf-8")


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


class Axe:
    """Runs axe-core on a page as it is now, for WCAG 2.0/2.1 A and AA.

    axe is evaluated through the DevTools protocol (page.evaluate), not added as a <script>:
    the portal's CSP forbids inline scripts and would block add_script_tag(content=...).
    Every result, minor ones and those axe leaves "to review" included, is kept in
    artifacts/axe/<name>.json.
    """

    def __init__(self, source: str):
        self.source = source

    def scan(self, page, name: str) -> str:
        """The serious and critical violations on the page, described; "" when there are none."""
        if not re.fullmatch(r"[\w.-]+", name):
            raise ValueError(f"not a plain file name: {name!r}")
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.source)
        results = page.evaluate(
            """async (tags) => {
                const results = await axe.run(document, {
                    runOnly: {type: "tag", values: tags},
                    resultTypes: ["violations", "incomplete"],
                });
                const describe = (v, nodes) => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: nodes.map((n) => ({
                        target: n.target, html: n.html, impact: n.impact,
                        summary: n.failureSummary || n.any.map((check) => check.message).join("; "),
                    })),
                });
                // axe cannot tell text drawn in its background's colour from text hidden on
                // purpose, so it leaves a 1:1 contrast "to review". Visible text the reader
                // cannot see is a failure of WCAG 1.4.3 like any other: count it as serious.
                const equalRatio = (n) => n.any.some((check) => check.data && check.data.messageKey === "equalRatio");
                const invisible = results.incomplete
                    .filter((v) => v.id === "color-contrast")
                    .map((v) => ({...describe(v, v.nodes.filter(equalRatio)), impact: "serious",
                                  help: v.help + " (text in its background's colour, 1:1)"}))
                    .filter((v) => v.nodes.length > 0);
                return {
                    violations: results.violations.map((v) => describe(v, v.nodes)).concat(invisible),
                    needsReview: results.incomplete.map((v) => describe(v, v.nodes)),
                };
            }""",
            AXE_TAGS,
        )
        violations = results["violations"]
        AXE_REPORTS.mkdir(parents=True, exist_ok=True)
        (AXE_REPORTS / f"{name}.json").write_text(
            json.dumps({"url": page.url, **results}, indent=2, ensure_ascii=False), encoding="utf-8"
        )
        blocking = [violation for violation in violations if violation["impact"] in AXE_BLOCKING_IMPACTS]
        return f"axe-core on {page.url} ({name}):\n{_describe(blocking)}" if blocking else ""

    def __call__(self, page, name: str) -> None:
        """Fail on any serious or critical violation, listing each (rule id, help, elements)."""
        report = self.scan(page, name)
        assert not report, report


@pytest.fixture
def axe(axe_source) -> Axe:
    """axe(page, name) fails on serious/critical violations; axe.scan(page, name) returns them as text."""
    return Axe(axe_source)


# --- Data the scenarios share (factories, never the demo loader) ------------------------

PASSWORD = "demo-pass-1234"
SLIDES_BYTES = b"%PDF-1.4\n% Slides of the browser test\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture
def catalogue(settings, tmp_path):
    """A small public programme: two regions, three languages, a two-part series whose first
    part was held (with a recording and a slide file), an unrelated held webinar, and one
    proposal under consideration."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from proposals.models import Proposal
    from proposals.tests.factories import ConsultationCycleFactory, ProposalFactory
    from webinars.models import Material
    from webinars.tests.factories import (
        HeldWebinarFactory,
        LanguageFactory,
        MaterialFactory,
        RegionalGroupFactory,
        RegionFactory,
        SeriesFactory,
        WebinarFactory,
    )

    settings.MEDIA_ROOT = str(tmp_path / "media")
    english = LanguageFactory(code="en", name="English")
    french = LanguageFactory(code="fr", name="French")
    LanguageFactory(code="ar", name="Arabic")
    africa = RegionFactory(code="africa", name="Africa")
    asia = RegionFactory(code="asia-pacific", name="Asia and the Pacific")
    series = SeriesFactory(slug="technology-transfer", title="Technology transfer step by step")
    held = HeldWebinarFactory(
        slug="ip-in-universities",
        title="Managing intellectual property in universities",
        objectives="Set up an IP policy for a university.",
        summary="Three universities shared their IP policies.",
        series=series,
        series_position=1,
        regions=[africa],
        languages=[english, french],
    )
    MaterialFactory(webinar=held, kind=Material.Kind.RECORDING, title="Recording of the session")
    slides = MaterialFactory(
        webinar=held,
        kind=Material.Kind.SLIDES,
        title="Slides of the session",
        url="",
        file=SimpleUploadedFile("ip-universities-slides.pdf", SLIDES_BYTES, content_type="application/pdf"),
    )
    scheduled = WebinarFactory(
        slug="licensing-public-research",
        title="Licensing technology from public research",
        series=series,
        series_position=2,
        regions=[africa],
        languages=[french],
    )
    elsewhere = HeldWebinarFactory(
        slug="patent-data", title="Patent data for small firms", regions=[asia], languages=[english]
    )
    group = RegionalGroupFactory(code="african-group", name="African Group", regions=[africa])
    proposal = ProposalFactory(
        cycle=ConsultationCycleFactory(),
        group=group,
        title="Patent information for small firms",
        state=Proposal.State.SUBMITTED,
        submitted_at=timezone.now(),
    )
    proposal.languages.set([english])
    proposal.regions.set([africa])
    return {
        "series": series,
        "held": held,
        "slides": slides,
        "scheduled": scheduled,
        "elsewhere": elsewhere,
        "proposal": proposal,
        "slides_bytes": SLIDES_BYTES,
    }


@pytest.fixture
def consultation():
    """An open consultation with one candidate topic, and a coordinator in each of two groups."""
    from accounts.tests.factories import UserFactory
    from proposals.tests.factories import CandidateTopicFactory, ConsultationCycleFactory, CoordinatorFactory
    from webinars.tests.factories import LanguageFactory, RegionalGroupFactory, RegionFactory, TopicFactory

    cycle = ConsultationCycleFactory()
    languages = [
        LanguageFactory(code="en", name="English"),
        LanguageFactory(code="fr", name="French"),
        LanguageFactory(code="ar", name="Arabic"),
    ]
    africa = RegionFactory(code="africa", name="Africa")
    asia = RegionFactory(code="asia-pacific", name="Asia and the Pacific")
    candidate = CandidateTopicFactory(
        cycle=cycle,
        topic=TopicFactory(
            title="Technology transfer offices",
            objectives="Run a technology transfer office.",
            target_audience="Universities and research centres.",
        ),
    )
    coordinator = CoordinatorFactory(
        group=RegionalGroupFactory(code="african-group", name="African Group", regions=[africa]),
        user=UserFactory(username="amina", first_name="Amina", last_name="Diallo", password=PASSWORD),
    )
    outsider = CoordinatorFactory(
        group=RegionalGroupFactory(code="asia-pacific-group", name="Asia-Pacific Group", regions=[asia]),
        user=UserFactory(username="li", first_name="Li", last_name="Wei", password=PASSWORD),
    )
    return {
        "cycle": cycle,
        "languages": languages,
        "africa": africa,
        "candidate": candidate,
        "coordinator": coordinator,
        "outsider": outsider,
    }


@pytest.fixture
def log_in(live_server) -> Callable:
    """log_in(page, username, language="en") logs in through the real form (django-axes sees
    a real request) and waits for the redirect that follows."""

    def log_in_as(page, username: str, *, language: str = "en") -> None:
        page.goto(f"{live_server.url}/{language}/account/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main form [type=submit]").click()
        assert "/account/login/" not in page.url, f"login as {username} failed: {page.url}"

    return log_in_as
