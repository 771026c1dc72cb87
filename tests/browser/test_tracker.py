"""A visitor follows the committee's decision in a real browser: the list of decisions, the
decision's page in French and in Arabic (right to left), and the annex downloaded as DOCX.

The decision is the demo's (CDIP/24/8, loaded by the demo loader's reporting part only).
Screenshots: artifacts/screenshots/tracker-*.png; axe reports: artifacts/axe/tracker-*.json.
"""

import io

import docx
import pytest
from django.utils import timezone, translation

from demo.management.commands.load_demo import DemoLoader
from reporting.models import CommitteeDecision, Measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROSTER_TITLE = "Regularly update and, where possible, improve the online roster of consultants"


@pytest.fixture
def decision() -> CommitteeDecision:
    with translation.override("en"):
        DemoLoader(timezone.localdate()).load_reporting()
    decision = CommitteeDecision.objects.get(session__number=18)
    roster = decision.measures.get(paragraph="5")
    roster.title_fr = "Mettre à jour régulièrement la liste de consultants en ligne"
    roster.save()
    return decision


def _direction(page) -> str:
    return page.evaluate("() => document.documentElement.getAttribute('dir')")


def test_visitor_follows_the_decision_in_french_and_arabic_and_downloads_the_annex(
    live_server, page, screenshot, axe, decision
):
    page.goto(f"{live_server.url}/en/")
    with page.expect_navigation():
        page.get_by_role("link", name="Committee decisions").click()
    assert page.url.endswith("/en/decisions/")
    assert page.get_by_role("heading", name="Committee decisions", level=1).is_visible()
    assert page.get_by_text("9 measures").is_visible()
    screenshot(page, "tracker-list-en")
    axe(page, "tracker-list-en")

    page.goto(f"{live_server.url}/fr/decisions/{decision.pk}/")
    assert _direction(page) == "ltr"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Assistance technique fournie par l’OMPI")
    measure = page.locator("article.measure", has_text="Mettre à jour régulièrement la liste de consultants")
    assert measure.get_by_role("link", name="CDIP/20/6").count() == 0  # the demo has no links: plain symbols
    assert measure.locator(".document-symbol", has_text="CDIP/20/6").is_visible()
    measure.locator("summary").click()
    assert measure.locator(".measure-history li").first.is_visible()
    screenshot(page, "tracker-decision-fr")
    axe(page, "tracker-decision-fr")

    page.goto(f"{live_server.url}/ar/decisions/{decision.pk}/")
    assert _direction(page) == "rtl"
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    # Arabic texts are not written yet: the English ones show, marked as such.
    assert page.locator(f'span[lang="en"]:text("{ROSTER_TITLE}")').is_visible()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the Arabic page is {overflow}px wider than the window"
    screenshot(page, "tracker-decision-ar")
    axe(page, "tracker-decision-ar")

    page.goto(f"{live_server.url}/en/decisions/{decision.pk}/")
    page.select_option("#annex-language", "fr")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download (Word, DOCX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-annex-fr.docx")
    with open(download.path(), "rb") as file:
        word = docx.Document(io.BytesIO(file.read()))
    text = "\n".join(cell.text for row in word.tables[0].rows for cell in row.cells)
    assert "(CDIP/20/6)" in text
    assert "Mettre à jour régulièrement la liste de consultants en ligne" in text
    assert len(word.tables[0].rows) == 1 + Measure.objects.filter(decision=decision).count()
    assert page.console_errors == []
