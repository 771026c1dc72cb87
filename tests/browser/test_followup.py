"""A staff user follows up a held webinar in a real browser (issue 8): uploads the slides (a
small generated PDF), writes the summary, publishes, and the public webinar page shows the
slides link and the summary at once. The follow-up screen passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from tests.browser.conftest import PASSWORD
from webinars.models import Material
from webinars.tests.factories import HeldWebinarFactory, LanguageFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "Three offices showed how they read patent landscapes for national policy."


def _pdf(text: str) -> bytes:
    """A small, valid one-page PDF, built by hand (offsets computed, so readers accept it)."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def held_webinar(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    StaffFactory(username="secretariat", password=PASSWORD)
    return HeldWebinarFactory(
        slug="patent-landscapes",
        title="Patent landscapes for policy makers",
        starts_at=timezone.now() - timedelta(days=20),
        regions=[RegionFactory(code="africa", name="Africa")],
        languages=[LanguageFactory(code="en", name="English")],
    )


def test_staff_upload_slides_and_a_summary_and_the_public_page_shows_them(
    page, live_server, log_in, screenshot, axe, held_webinar, tmp_path
):
    pdf_path = tmp_path / "patent-landscapes-slides.pdf"
    pdf_path.write_bytes(_pdf("Patent landscapes"))
    public_url = f"{live_server.url}/en/webinars/{held_webinar.slug}/"
    page.goto(public_url)
    assert page.locator("#materials").count() == 0

    log_in(page, "secretariat")
    page.goto(f"{live_server.url}/en/secretariat/webinars/{held_webinar.slug}/follow-up/")
    assert page.locator('[data-item="slides"][data-done="no"]').count() == 1
    axe(page, "followup-detail-en")

    page.get_by_label("Title").first.fill("Slides of the talk")
    page.locator("#id_slides-file").set_input_files(str(pdf_path))
    assert page.locator("#id_slides-publish").is_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Add the slides").click()
    assert page.locator(".alert", has_text="was added").count() == 1

    page.get_by_label("Summary in English").fill(SUMMARY)
    with page.expect_navigation():
        page.get_by_role("button", name="Save the summary").click()
    assert page.locator('[data-item="slides"][data-done="yes"]').count() == 1
    assert page.locator('[data-item="summary"][data-done="yes"]').count() == 1
    screenshot(page, "followup-detail-after-upload")

    page.goto(public_url)
    material = Material.objects.get(webinar=held_webinar)
    slides_link = page.locator(f'a[href="/en/materials/{material.pk}/download/"]')
    assert slides_link.count() == 1
    assert "Slides of the talk" in slides_link.inner_text()
    assert SUMMARY in page.locator("#summary").inner_text()
    screenshot(page, "followup-public-page")

    with page.expect_download() as download_info:
        slides_link.click()
    assert download_info.value.suggested_filename.endswith(".pdf")

    page.goto(f"{live_server.url}/en/secretariat/webinars/follow-up/")
    row = page.locator(f'tr[data-webinar="{held_webinar.slug}"]')
    assert row.get_attribute("data-overdue") == "yes"  # held 20 days ago, recording still missing
    assert row.locator('[data-item="slides"][data-done="yes"]').count() == 1
    axe(page, "followup-list-en")
    screenshot(page, "followup-list")
    assert page.console_errors == []
