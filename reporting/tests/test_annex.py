"""The annex of a decision (the table of CDIP/24/8): its contents, and the DOCX and XLSX files opened back."""

import datetime
import io
import re

import docx
import openpyxl
import pytest
from django.utils import timezone, translation

from demo import data as demo_data
from demo.management.commands.load_demo import DemoLoader
from reporting.annex import annex_columns, build_annex
from reporting.models import CommitteeDecision, DocumentReference, document_symbol_validator
from reporting.tests.factories import (
    CommitteeDecisionFactory,
    DocumentReferenceFactory,
    FollowUpActionFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db

ROSTER_TITLE = "Regularly update and, where possible, improve the online roster of consultants"


@pytest.fixture
def demo_decision() -> CommitteeDecision:
    """The decision of the eighteenth session and its measures, as the demo loads them from CDIP/24/8."""
    with translation.override("en"):
        DemoLoader(timezone.localdate()).load_reporting()
    return CommitteeDecision.objects.get(session__number=demo_data.DECISION["session"])


def _row_of(document, title_start: str) -> tuple:
    [table] = document.tables()
    [row] = [row for row in table.rows if title_start in row[0]]
    return row


# --- The demo data against the annex of CDIP/24/8 ----------------------------------------------------


def test_demo_data_has_every_measure_of_the_annex():
    """Paragraph 1 has three measures, paragraph 3 two, paragraphs 2, 4, 5 and 6 one each."""
    numbers = sorted((int(item["paragraph"]), item["number"]) for item in demo_data.MEASURES)
    assert numbers == [(1, 1), (1, 2), (1, 3), (2, 1), (3, 1), (3, 2), (4, 1), (5, 1), (6, 1)]


def test_demo_document_symbols_are_in_the_committees_shape():
    for item in demo_data.MEASURES:
        for document in item["documents"]:
            document_symbol_validator(document["symbol"])


# --- The annex as a ReportDocument --------------------------------------------------------------------


def test_annex_has_the_columns_of_the_annex_of_the_report(demo_decision):
    document = build_annex(demo_decision, language="en")
    [table] = document.tables()
    assert table.columns == (
        "Measure",
        "Implementation",
        "Examination by the committee",
        "Decision (Chair's summary)",
        "Follow-up",
    )
    assert document.symbol == "CDIP/24/8"
    assert len(table.rows) == 9


def test_annex_lists_the_roster_measures_implementation_documents_one_per_line(demo_decision):
    row = _row_of(build_annex(demo_decision, language="en"), ROSTER_TITLE)
    implementation = row[1].split("\n")
    assert implementation == [
        "Report on the WIPO Roster of Consultants (CDIP/20/6)",
        "Presentation by the Secretariat of the roster of consultants, Geneva, May 20, 2019 (CDIP/23)",
    ]
    examination = row[2].split("\n")
    assert examination == [
        "paragraphs 224 to 232, Report of the twentieth session of the CDIP (CDIP/20/13)",
        "paragraphs 285 to 290, Draft report of the twenty-third session of the CDIP (CDIP/23/17 Prov.)",
    ]
    assert row[3].startswith("paragraph 7.2 of the Summary by the Chair of the twentieth session of the CDIP (CDIP/20)")
    assert "The Secretariat continues to update the roster of consultants regularly." in row[4]
    assert "owner: Secretariat" in row[4]


def test_annex_rows_follow_the_decisions_order(demo_decision):
    [table] = build_annex(demo_decision, language="en").tables()
    headings = [row[0].split("\n")[0] for row in table.rows]
    assert headings == [
        "Paragraph 1, measure 1",
        "Paragraph 1, measure 2",
        "Paragraph 1, measure 3",
        "Paragraph 2, measure 1",
        "Paragraph 3, measure 1",
        "Paragraph 3, measure 2",
        "Paragraph 4, measure 1",
        "Paragraph 5, measure 1",
        "Paragraph 6, measure 1",
    ]


def test_annex_orders_paragraph_ten_after_paragraph_nine():
    decision = CommitteeDecisionFactory()
    for paragraph in ("10", "9", "2"):
        MeasureFactory(decision=decision, paragraph=paragraph, number=1, title=f"Measure of paragraph {paragraph}")
    [table] = build_annex(decision, language="en").tables()
    assert [row[0].split("\n")[1] for row in table.rows] == [
        "Measure of paragraph 2",
        "Measure of paragraph 9",
        "Measure of paragraph 10",
    ]


def test_annex_in_french_uses_the_french_texts(demo_decision):
    document = build_annex(demo_decision, language="fr")
    row = _row_of(document, "Mettre à jour régulièrement")
    assert "Rapport sur la base de données relative à la liste des consultants de l’OMPI (CDIP/20/6)" in row[1]
    assert document.title.startswith("Assistance technique fournie par l’OMPI")
    assert document.language == "fr"


def test_annex_in_arabic_falls_back_to_english_and_reads_right_to_left(demo_decision):
    document = build_annex(demo_decision, language="ar")
    assert document.is_right_to_left
    assert _row_of(document, ROSTER_TITLE)[1].startswith("Report on the WIPO Roster of Consultants (CDIP/20/6)")


def test_annex_follow_up_names_owner_and_due_date_of_each_action():
    measure = MeasureFactory(follow_up="Keep it up to date.")
    FollowUpActionFactory(measure=measure, description="Translate it.", owner="Secretariat", due_on=None)
    FollowUpActionFactory(
        measure=measure, description="Report on it.", owner="Division", due_on=datetime.date(2020, 6, 30)
    )
    DocumentReferenceFactory(measure=measure, role=DocumentReference.Role.IMPLEMENTATION, symbol="CDIP/21/4", title="")
    [table] = build_annex(measure.decision, language="en").tables()
    [row] = table.rows
    assert row[1] == "CDIP/21/4"
    assert row[4].split("\n") == [
        "Keep it up to date.",
        "Report on it.; owner: Division; due on June 30, 2020",
        "Translate it.; owner: Secretariat",
    ]


def test_annex_of_a_decision_without_measures_says_so():
    document = build_annex(CommitteeDecisionFactory(), language="en")
    assert document.is_empty
    [table] = document.tables()
    assert table.rows == ()
    assert table.empty_text


# --- The files ----------------------------------------------------------------------------------------------


def test_annex_downloads_as_docx_with_the_roster_measures_documents(client, demo_decision):
    response = client.get(f"/en/decisions/{demo_decision.pk}/annex.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert re.search(r'attachment; filename="decision-18-\d+-annex-en\.docx"', response["Content-Disposition"])
    word = docx.Document(io.BytesIO(response.content))
    [table] = word.tables
    assert [cell.text for cell in table.rows[0].cells] == list(annex_columns())
    [roster] = [row for row in table.rows[1:] if ROSTER_TITLE in row.cells[0].text]
    assert roster.cells[1].text.split("\n") == [
        "Report on the WIPO Roster of Consultants (CDIP/20/6)",
        "Presentation by the Secretariat of the roster of consultants, Geneva, May 20, 2019 (CDIP/23)",
    ]
    assert "CDIP/20/13" in roster.cells[2].text
    assert len(table.rows) == 1 + len(demo_data.MEASURES)


def test_annex_downloads_as_xlsx_with_the_roster_measures_documents(client, demo_decision):
    response = client.get(f"/en/decisions/{demo_decision.pk}/annex.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [[cell for cell in row] for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]
    [header] = [row for row in cells if row and row[0] == "Measure"]
    assert tuple(value for value in header if value) == annex_columns()
    [roster] = [row for row in cells if row and row[0] and ROSTER_TITLE in str(row[0])]
    assert "CDIP/20/6" in roster[1]
    assert "CDIP/23)" in roster[1]


def test_annex_language_is_chosen_at_export(client, demo_decision):
    response = client.get(f"/en/decisions/{demo_decision.pk}/annex.docx?language=fr")
    assert response.status_code == 200
    assert "annex-fr.docx" in response["Content-Disposition"]
    word = docx.Document(io.BytesIO(response.content))
    text = "\n".join(cell.text for row in word.tables[0].rows for cell in row.cells)
    assert "Rapport sur la base de données relative à la liste des consultants de l’OMPI (CDIP/20/6)" in text


def test_annex_download_is_public(client, demo_decision):
    response = client.get(f"/fr/decisions/{demo_decision.pk}/annex.docx")
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["annex.pdf", "annex.csv", "annex.exe"])
def test_annex_in_another_format_is_a_404(client, demo_decision, path):
    assert client.get(f"/en/decisions/{demo_decision.pk}/{path}").status_code == 404


def test_annex_in_an_unknown_language_is_a_404(client, demo_decision):
    assert client.get(f"/en/decisions/{demo_decision.pk}/annex.docx?language=xx").status_code == 404


def test_annex_of_an_unknown_decision_is_a_404(client):
    assert client.get("/en/decisions/999999/annex.docx").status_code == 404


def test_annex_in_arabic_downloads_as_a_right_to_left_workbook(client, demo_decision):
    response = client.get(f"/ar/decisions/{demo_decision.pk}/annex.xlsx")
    assert response.status_code == 200
    assert "annex-ar.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert all(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)
    text = "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value
    )
    assert "Report on the WIPO Roster of Consultants (CDIP/20/6)" in text


def test_annex_docx_lies_across_the_page_for_its_five_columns(client, demo_decision):
    from docx.enum.section import WD_ORIENT

    response = client.get(f"/en/decisions/{demo_decision.pk}/annex.docx")

    section = docx.Document(io.BytesIO(response.content)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
