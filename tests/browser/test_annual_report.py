"""The Secretariat opens the yearly report to the committee in a real browser (issue 9): the page
opens on the last year a webinar was held, shows a chart with its table beside it, reads right
to left in Arabic with the chart mirrored, and gives the report as an XLSX file in Arabic."""

import io
from pathlib import Path

import openpyxl
import pytest

from accounts.tests.factories import StaffFactory
from reporting.tests.test_figures import YEAR, year_of_data  # noqa: F401  (the fixture, used by name)
from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("year_of_data")
def test_the_secretariat_reads_the_report_with_charts_switches_to_arabic_and_downloads_xlsx(
    page, live_server, log_in, screenshot, axe
):
    StaffFactory(username="secretariat", password=PASSWORD)
    log_in(page, "secretariat")

    page.goto(f"{live_server.url}/en/secretariat/report/")

    assert page.get_by_role("heading", level=1).inner_text().endswith(f"report for {YEAR}")
    plan = page.locator('[data-table="plan"]')
    assert plan.get_by_role("img", name="Planned, held and cancelled webinars").is_visible()
    assert plan.get_by_role("table", name="Webinars held against the plan").is_visible()
    assert plan.locator("tbody tr").first.inner_text().split()[:5] == [str(YEAR), "6", "3", "2", "1"]
    assert page.get_by_text("2 webinars of the technical-assistance programme", exact=False).is_visible()
    screenshot(page, "annual-report-en")
    axe(page, "annual-report-en")
    assert page.console_errors == []

    page.select_option("#language-switcher", "ar")
    with page.expect_navigation():
        page.locator("form:has(#language-switcher) [type=submit]").click()

    assert page.url.startswith(f"{live_server.url}/ar/secretariat/report/")
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    chart = page.locator('[data-table="plan"] svg')
    assert chart.get_attribute("data-direction") == "rtl"
    assert page.locator('[data-table="plan"] tbody tr').count() == 1
    screenshot(page, "annual-report-ar")
    axe(page, "annual-report-ar")

    with page.expect_download() as download_info:
        page.locator('a[data-format="xlsx"]').click()
    download = download_info.value
    assert download.suggested_filename == f"webinar-report-{YEAR}-ar.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert all(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)
    plan_sheet = next(sheet for sheet in workbook.worksheets if sheet["A3"].value == YEAR)
    assert [cell.value for cell in plan_sheet[3]] == [YEAR, 6, 3, 2, 1]
    assert page.console_errors == []
