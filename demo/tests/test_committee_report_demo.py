"""The demo's annual report to the committee on the last full year opens as a committee document."""

import io
from io import StringIO

import docx
import pytest
from django.core.management import call_command
from django.utils import timezone
from docx.oxml.ns import qn

from reporting.exports import render_document
from reporting.models import CommitteeReport
from reporting.services import committee_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_report():
    call_command("load_demo", stdout=StringIO())
    return CommitteeReport.objects.get(year=timezone.localdate().year - 1)


@pytest.mark.parametrize(
    ("language", "closing"),
    [
        ("en", "The Committee is invited to take note of the information contained in this document."),
        ("ar", "إن اللجنة مدعوة إلى الإحاطة علما بالمعلومات الواردة في هذه الوثيقة."),
    ],
)
def test_the_demo_report_opens_in_docx_with_symbol_numbered_paragraphs_and_closing_paragraph(
    demo_report, language, closing
):
    content, _type, _ext = render_document(committee_document(demo_report, language=language), "docx")

    paragraphs = docx.Document(io.BytesIO(content)).paragraphs
    texts = [paragraph.text for paragraph in paragraphs]
    assert texts[0] == demo_report.symbol and demo_report.symbol.startswith("CDIP/")
    numbered = [paragraph for paragraph in paragraphs if paragraph.text.split(".\t")[0].isdigit()]
    assert [int(p.text.split(".\t")[0]) for p in numbered] == list(range(1, len(numbered) + 1))
    assert numbered[-1].text.endswith(closing)
    assert demo_report.accounts.count() >= 1
    if language == "ar":
        assert numbered[-1]._p.pPr.find(qn("w:bidi")) is not None
