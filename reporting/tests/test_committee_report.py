"""The annual report as a committee document: its life (draft, final, submitted), its texts, its files."""

import datetime
import io

import docx
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx.oxml.ns import qn

from accounts.tests.factories import SecretariatFactory
from participants.tests.factories import RegistrationFactory
from portal.permissions import MissingPermission
from reporting import services
from reporting.committee_report import build_committee_report, report_data
from reporting.exports import render_document
from reporting.models import CommitteeReport, WebinarAccount
from reporting.richtext import sanitise, text_blocks
from reporting.tests.factories import CommitteeReportFactory, SessionFactory
from webinars.tests.factories import HeldWebinarFactory, MemberStateFactory, RegionalGroupFactory

pytestmark = pytest.mark.django_db

YEAR = 2025
CLOSING = "The Committee is invited to take note of the information contained in this document."


def held_in(year: int, **values):
    return HeldWebinarFactory(starts_at=timezone.make_aware(datetime.datetime(year, 5, 12, 14)), **values)


@pytest.fixture
def officer():
    return SecretariatFactory(roles=["Reporting officer"])


@pytest.fixture
def manager():
    return SecretariatFactory(roles=["Programme manager"])


@pytest.fixture
def report(officer):
    held_in(YEAR, title="Patent searching", summary="<p>Ninety examiners took part.</p>")
    return services.create_committee_report(
        actor=officer,
        year=YEAR,
        symbol="CDIP/33/4",
        session=SessionFactory(number=33),
        dated_on=datetime.date(2026, 12, 6),
        texts={"introduction_en": "<p>This document reports on the webinars of 2025.</p>"},
    )


def all_blocks(document):
    return [block for section in document.sections for block in section.blocks]


# -- life of a report ----------------------------------------------------------------------------


def test_a_new_report_has_an_account_of_each_webinar_held_prefilled_from_its_summary(report):
    (account,) = report.accounts.all()

    assert account.webinar.title == "Patent searching"
    assert account.text_en == "<p>Ninety examiners took part.</p>"


def test_a_second_report_on_the_same_year_is_refused(report, officer):
    with pytest.raises(ValidationError, match="already a report"):
        services.create_committee_report(
            actor=officer, year=YEAR, symbol="CDIP/33/5", session=report.session, dated_on=report.dated_on
        )


def test_a_symbol_that_is_not_a_document_symbol_is_refused(officer):
    with pytest.raises(ValidationError) as error:
        services.create_committee_report(
            actor=officer, year=YEAR, symbol="report 4", session=SessionFactory(), dated_on=datetime.date(2026, 1, 5)
        )

    assert "symbol" in error.value.message_dict
    assert not CommitteeReport.objects.exists()


def test_editing_a_final_report_is_refused_and_nothing_is_saved(report, officer):
    services.finalise_committee_report(report=report, actor=officer)

    with pytest.raises(ValidationError, match="can no longer be edited"):
        services.edit_committee_report(
            report=report,
            actor=officer,
            values={"symbol": "CDIP/34/2"},
            texts={"introduction_en": "<p>Changed after the fact.</p>"},
        )

    report.refresh_from_db()
    assert report.symbol == "CDIP/33/4"
    assert "Changed" not in report.introduction_en


def test_a_draft_cannot_be_submitted_before_it_is_final(report, manager):
    with pytest.raises(ValidationError):
        services.submit_committee_report(report=report, actor=manager)

    report.refresh_from_db()
    assert report.state == CommitteeReport.State.DRAFT


def test_a_final_report_is_submitted_by_the_programme_manager(report, officer, manager):
    services.finalise_committee_report(report=report, actor=officer)
    with pytest.raises(MissingPermission):
        services.submit_committee_report(report=report, actor=officer)

    services.submit_committee_report(report=report, actor=manager)

    report.refresh_from_db()
    assert report.state == CommitteeReport.State.SUBMITTED
    assert report.history.count() >= 3  # created, finalised, submitted


def test_staff_without_the_permission_cannot_finalise(report):
    with pytest.raises(MissingPermission):
        services.finalise_committee_report(report=report, actor=SecretariatFactory(roles=["Read-only"]))

    report.refresh_from_db()
    assert report.state == CommitteeReport.State.DRAFT and report.frozen_data is None


def test_a_final_report_is_frozen_with_its_data(report, officer):
    report = services.finalise_committee_report(report=report, actor=officer)
    held_in(YEAR, title="Held later but dated in the year")

    document = services.committee_document(CommitteeReport.objects.get(pk=report.pk), language="en")

    titles = [section.title for section in document.sections]
    assert not any("Held later" in title for title in titles)
    assert report.frozen_docx.read().startswith(b"PK")
    assert set(report.frozen_data) == {"en", "fr", "es", "ar", "zh-hans", "ru"}


# -- texts ---------------------------------------------------------------------------------------


def test_a_script_is_stripped_from_the_secretariats_texts(report, officer):
    services.edit_committee_report(
        report=report,
        actor=officer,
        texts={"introduction_en": '<h3>Scope</h3><p onclick="x()">Held <script>alert(1)</script>online.</p>'},
    )

    report.refresh_from_db()
    assert "script" not in report.introduction_en and "alert" not in report.introduction_en
    assert "onclick" not in report.introduction_en
    assert report.introduction_en == "<h3>Scope</h3><p>Held online.</p>"


def test_only_headings_paragraphs_lists_links_and_emphasis_are_kept():
    cleaned = sanitise(
        '<div style="color:red"><h1>Big</h1><p><em>a</em> <strong>b</strong> <img src="x.png"> '
        '<a href="javascript:alert(1)">bad</a> <a href="https://example.org">good</a></p><ul><li>one</li></ul></div>'
    )

    assert cleaned == (
        'Big<p><em>a</em> <strong>b</strong>  <a rel="noopener noreferrer">bad</a> '
        '<a href="https://example.org" rel="noopener noreferrer">good</a></p><ul><li>one</li></ul>'
    )


def test_plain_text_becomes_paragraphs_and_a_link_keeps_its_address_on_paper():
    assert sanitise("First one.\n\nSecond one.") == "<p>First one.</p><p>Second one.</p>"
    blocks = text_blocks(
        '<h3>Links</h3><p>See <a href="https://example.org/r">the report</a>.</p><ul><li>one</li></ul>'
    )
    assert [(block.kind, block.text) for block in blocks] == [
        ("heading", "Links"),
        ("paragraph", "See the report (https://example.org/r)."),
        ("item", "one"),
    ]


def test_an_account_edited_by_staff_replaces_the_summary(report, officer):
    account = report.accounts.get()
    services.edit_committee_report(
        report=report, actor=officer, accounts={account.pk: {"en": "<p>Edited account.</p><script>x</script>"}}
    )

    account = WebinarAccount.objects.get(pk=account.pk)
    assert account.text_en == "<p>Edited account.</p>"


# -- the document --------------------------------------------------------------------------------


def test_paragraphs_are_numbered_one_two_three_across_the_document(report):
    document = services.committee_document(report, language="en")

    numbers = [block.number for block in all_blocks(document) if block.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) > 5


def test_the_document_closes_with_the_invitation_to_take_note(report):
    document = services.committee_document(report, language="en")

    last = all_blocks(document)[-1]
    assert last.text == CLOSING and last.number == max(b.number or 0 for b in all_blocks(document))


def test_each_webinar_held_has_its_numbered_part_with_its_account(report):
    document = services.committee_document(report, language="en")

    (part,) = [section for section in document.sections if section.level == 2]
    assert part.title == "Webinar 1: Patent searching"
    assert "Ninety examiners took part." in [block.text for block in part.blocks]


def test_participants_by_member_state_show_the_states_name_or_else_its_code(report):
    webinar = report.accounts.get().webinar
    MemberStateFactory(code="KE", name="Kenya")
    RegistrationFactory(webinar=webinar, country="KE")
    RegistrationFactory(webinar=webinar, country="QQ")

    document = build_committee_report(report, report_data(year=YEAR), language="en")

    (part,) = [section for section in document.sections if section.level == 2]
    (states,) = [block.text for block in part.blocks if block.text.startswith("Participants by member state")]
    assert states == "Participants by member state (registered/attended): Kenya 1/0; QQ 1/0."


def test_the_programme_counts_participants_by_regional_group_with_no_group_last(report):
    webinar = report.accounts.get().webinar
    african = RegionalGroupFactory(code="african", name="African Group", order=1)
    grulac = RegionalGroupFactory(code="grulac", name="GRULAC", order=2)
    MemberStateFactory(code="KE", group=african)
    MemberStateFactory(code="NG", group=african)
    MemberStateFactory(code="BR", group=grulac)
    for country, attended in [("KE", True), ("NG", False), ("BR", True), ("QQ", True)]:
        RegistrationFactory(webinar=webinar, country=country, has_attended=attended)

    document = build_committee_report(report, report_data(year=YEAR), language="en")

    (table,) = [t for section in document.sections for t in section.tables if t.key == "participation_by_group"]
    assert table.rows == (("African Group", 2, 1), ("GRULAC", 1, 1), ("No group or unknown country", 1, 1))


def test_a_text_not_translated_is_given_in_the_original_language_and_says_so(report):
    document = services.committee_document(report, language="fr")

    introduction = document.sections[0].blocks
    assert introduction[0].kind == "note"
    assert introduction[1].text == "This document reports on the webinars of 2025." and introduction[1].language == "en"


# -- the files -----------------------------------------------------------------------------------


def docx_texts(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs]


def test_the_docx_has_the_symbol_block_numbered_paragraphs_and_the_closing_paragraph(report):
    content, _type, _ext = render_document(services.committee_document(report, language="en"), "docx")

    texts = docx_texts(content)
    assert texts[:3] == ["CDIP/33/4", "ORIGINAL: English", "DATE: 6 December 2026"]
    assert "1.\tThis document reports on the webinars of 2025." in texts
    numbered = [text for text in texts if text.split(".\t")[0].isdigit()]
    assert numbered[-1].endswith(CLOSING)
    assert numbered[-1].startswith(f"{len(numbered)}.\t")


def test_the_arabic_docx_is_right_to_left_with_its_symbol_left_to_right(report, officer):
    services.edit_committee_report(
        report=report,
        actor=officer,
        texts={
            "introduction_ar": "<p>تعرض هذه الوثيقة الندوات المعقودة في عام 2025.</p>",
            "closing_paragraph_ar": "<p>إن اللجنة مدعوة إلى الإحاطة علما بالمعلومات الواردة في هذه الوثيقة.</p>",
        },
    )
    report.refresh_from_db()
    content, _type, _ext = render_document(services.committee_document(report, language="ar"), "docx")

    document = docx.Document(io.BytesIO(content))
    paragraphs = document.paragraphs
    assert paragraphs[0].text == "CDIP/33/4"
    assert paragraphs[0].runs[0]._r.rPr.find(qn("w:rtl")) is None
    (intro,) = [p for p in paragraphs if "تعرض هذه الوثيقة" in p.text]
    assert intro.text.startswith("1.\t")
    assert intro._p.pPr.find(qn("w:bidi")) is not None
    assert all(run.font.rtl for run in intro.runs)
    assert "إن اللجنة مدعوة" in paragraphs[-1].text or any("إن اللجنة مدعوة" in p.text for p in paragraphs)
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None


def test_the_pdf_is_made_from_the_same_content(report):
    content, _type, _ext = render_document(services.committee_document(report, language="en"), "pdf")

    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    assert content.startswith(b"%PDF")
    assert "CDIP/33/4" in text and "take note of the information" in text


def test_the_xlsx_holds_the_figures_of_the_annex(report):
    content, _type, _ext = render_document(services.committee_document(report, language="en"), "xlsx")

    assert content.startswith(b"PK")


def test_factory_report_renders():
    report = CommitteeReportFactory()

    assert services.committee_document(report, language="en").symbol == report.symbol


# -- the screens ---------------------------------------------------------------------------------


def test_staff_write_the_introduction_in_arabic_on_the_edit_page_and_see_it_in_the_preview(client, report, officer):
    client.force_login(officer)
    url = reverse("reporting:committee_report_edit", kwargs={"pk": report.pk}) + "?language=ar"

    response = client.post(
        url,
        {
            "symbol": "CDIP/33/4",
            "session": report.session_id,
            "dated_on": "2026-12-06",
            "original_language": "en",
            "introduction_ar": "<p>مقدمة الأمانة.</p><script>alert(1)</script>",
            "preview": "1",
        },
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.introduction_ar == "<p>مقدمة الأمانة.</p>"
    assert report.introduction_en == "<p>This document reports on the webinars of 2025.</p>"
    page = client.get(response["Location"]).content.decode()
    assert 'data-paragraph="1"' in page and "مقدمة الأمانة." in page and 'dir="rtl"' in page


def test_the_edit_page_of_a_final_report_sends_back_to_the_report_saying_why(client, report, officer):
    services.finalise_committee_report(report=report, actor=officer)
    client.force_login(officer)

    response = client.get(reverse("reporting:committee_report_edit", kwargs={"pk": report.pk}), follow=True)

    assert "can no longer be edited" in response.content.decode()


def test_the_docx_download_is_the_committee_document_in_the_language_asked(client, report, officer):
    client.force_login(officer)

    response = client.get(
        reverse("reporting:committee_report_export", kwargs={"pk": report.pk, "fmt": "docx"}), {"language": "ar"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="CDIP-33-4-ar.docx"'
    assert docx_texts(response.content)[0] == "CDIP/33/4"


def test_the_list_of_reports_asks_the_database_the_same_number_of_times_for_one_or_many(client, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    url = reverse("reporting:committee_report_list")
    CommitteeReportFactory()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _number in range(6):
        CommitteeReportFactory()
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()

    assert page.count("CDIP/4") >= 7
    assert len(many.captured_queries) == len(few.captured_queries)
