"""A visitor on the public topic list in a real browser (issue 4): filters by region and
language, searches, switches to Arabic with the header's language switcher, opens a held
webinar and downloads its slides."""

import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _direction(page) -> list[str]:
    return page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")


def _submit(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def test_visitor_filters_searches_reads_in_arabic_and_downloads_the_slides(live_server, page, screenshot, catalogue):
    held, scheduled, elsewhere = catalogue["held"], catalogue["scheduled"], catalogue["elsewhere"]
    page.goto(f"{live_server.url}/en/")
    for webinar in (held, scheduled, elsewhere):
        assert page.get_by_role("link", name=webinar.title).is_visible()
    assert page.get_by_text(catalogue["proposal"].title).is_visible()

    # Region and language: what is aimed at Africa and given in French.
    filters = page.locator("form[role=search]")
    filters.get_by_label("Region", exact=True).select_option("africa")
    filters.get_by_label("Language", exact=True).select_option("fr")
    _submit(page, filters.get_by_role("button", name="Apply filters"))

    assert "region=africa" in page.url and "language=fr" in page.url
    assert page.get_by_role("link", name=held.title).is_visible()
    assert page.get_by_role("link", name=scheduled.title).is_visible()
    assert page.get_by_role("link", name=elsewhere.title).count() == 0
    screenshot(page, "topic-list-filtered-en")

    # Free text on top of the filters.
    filters = page.locator("form[role=search]")
    filters.get_by_label("Search").fill("universities")
    _submit(page, filters.get_by_role("button", name="Apply filters"))

    assert "q=universities" in page.url
    assert page.get_by_role("link", name=held.title).is_visible()
    assert page.get_by_role("link", name=scheduled.title).count() == 0

    # The header's language switcher: the same filtered view, right to left.
    page.select_option("#language-switcher", "ar")
    _submit(page, page.locator("form:has(#language-switcher) [type=submit]"))

    assert page.url.startswith(f"{live_server.url}/ar/?")
    assert "q=universities" in page.url and "region=africa" in page.url
    assert _direction(page) == ["ar", "rtl"]
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    assert page.get_by_role("link", name=scheduled.title).count() == 0
    screenshot(page, "topic-list-filtered-ar")

    # The held webinar's page, still in Arabic, and its slides.
    _submit(page, page.get_by_role("link", name=held.title))
    assert page.url == f"{live_server.url}/ar/webinars/{held.slug}/"
    assert _direction(page) == ["ar", "rtl"]
    assert page.get_by_text(held.summary).is_visible()
    slides_link = page.locator("#materials a[download]")
    assert slides_link.count() == 1
    with page.expect_download() as download_info:
        slides_link.click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes() == catalogue["slides_bytes"]
    screenshot(page, "webinar-held-ar")
    assert page.console_errors == []


@pytest.mark.parametrize("browser_timezone", ["Asia/Tokyo"])
def test_a_scheduled_webinar_shows_geneva_time_and_the_visitors_own_time(live_server, page, catalogue):
    # Without a time zone of its own the browser inherits TZ=Europe/Zurich from Django's set-up.
    page.goto(f"{live_server.url}/en/")

    when = page.locator("section[aria-labelledby=scheduled-heading] .when").first
    text = when.inner_text()
    tokyo = catalogue["scheduled"].starts_at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert "(Geneva time)" in text
    # Formatted like the server's date (full month, no weekday, hour without a leading zero).
    assert f"Your time: {tokyo:%B} {tokyo.day}, {tokyo.year}" in text
    hour = tokyo.hour % 12 or 12
    assert re.search(rf"\b{hour}:{tokyo:%M}[\s\u202f]{tokyo:%p} GMT\+9", text), text


def test_the_language_switcher_works_from_a_chinese_page(live_server, page):
    page.goto(f"{live_server.url}/zh-hans/network/join/")
    page.select_option("#language-switcher", "fr")
    _submit(page, page.locator("form:has(#language-switcher) [type=submit]"))

    assert page.url == f"{live_server.url}/fr/network/join/"
