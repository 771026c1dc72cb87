"""CSV and XLSX exports opened back with their readers, compared with the figures, byte for byte stable."""

import csv
import io
import time
from collections import defaultdict

import openpyxl
import pytest

from reporting.annual_report import build_annual_report
from reporting.document import ReportDocument, Section, Table
from reporting.exports.tabular import render_csv, render_xlsx, sheet_names
from reporting.figures import annual_figures
from reporting.tests.test_figures import YEAR, year_of_data  # noqa: F401  (the fixture, used by name)

pytestmark = pytest.mark.django_db


def _document(language="en"):
    return build_annual_report(annual_figures(first_year=YEAR, last_year=YEAR), language=language)


def _csv_blocks(content: bytes) -> dict[str, list[list[str]]]:
    blocks = defaultdict(list)
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
        if row:
            blocks[row[0]].append(row[1:])
    return blocks


@pytest.mark.usefixtures("year_of_data")
def test_csv_starts_with_a_byte_order_mark_for_excel():
    assert render_csv(_document()).startswith("\ufeff".encode())


@pytest.mark.usefixtures("year_of_data")
def test_csv_reads_back_with_the_figures_of_every_table():
    figures = annual_figures(first_year=YEAR, last_year=YEAR)
    blocks = _csv_blocks(render_csv(build_annual_report(figures, language="en")))

    title, columns, *rows = blocks["plan"]
    assert title == ["Webinars held against the plan"]
    assert columns[0] == "Year"
    assert rows == [[str(YEAR), "6", "3", "2", "1"]]
    _title, _columns, *countries = blocks["participants_country"]
    assert {country: (int(registered), int(attended)) for country, registered, attended in countries} == {
        country: (counted.registered, counted.attended) for country, counted in figures.registrations_by_country.items()
    }
    _title, _columns, *scores = blocks["feedback"]
    assert [(int(answers), float(average)) for _webinar, answers, average in scores] == [(2, 4.5), (1, 3.0)]
    assert blocks["report"][0] == [f"Webinars of the technical-assistance programme: report for {YEAR}"]


@pytest.mark.usefixtures("year_of_data")
def test_csv_is_the_same_bytes_for_the_same_data():
    assert render_csv(_document()) == render_csv(_document())


@pytest.mark.usefixtures("year_of_data")
def test_xlsx_has_one_sheet_per_table_with_the_figures():
    document = _document()
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(document)))

    assert len(workbook.sheetnames) == 1 + len(document.tables())
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    assert len({name.casefold() for name in workbook.sheetnames}) == len(workbook.sheetnames)
    plan = workbook["Webinars held against the plan"]
    assert [cell.value for cell in plan[3]] == [YEAR, 6, 3, 2, 1]
    by_title = {sheet["A1"].value: sheet for sheet in workbook.worksheets}
    regions = by_title["Registrations and attendance by the participant's region"]
    assert regions.title == "Registrations and attendance by"  # the title cut to 31 characters
    assert [cell.value for cell in regions[3]][1:] == [3, 2]  # Kenya, in Africa
    assert not plan.sheet_view.rightToLeft


@pytest.mark.usefixtures("year_of_data")
def test_xlsx_is_the_same_bytes_for_the_same_data_even_seconds_apart():
    first = render_xlsx(_document())
    time.sleep(2.1)  # zip entries and the workbook's dates would otherwise carry the time of saving

    assert render_xlsx(_document()) == first


@pytest.mark.usefixtures("year_of_data")
def test_arabic_workbook_reads_right_to_left():
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(_document("ar"))))

    assert all(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)


def test_sheet_names_are_cut_to_31_characters_cleaned_and_unique():
    long_title = "Registrations by type: who came [and] who did not?"
    tables = [Table(key=f"t{n}", title=long_title, columns=("A",), rows=()) for n in range(3)]

    names = sheet_names(tables, taken=("Registrations by type  who came",))

    assert all(len(name) <= 31 for name in names)
    assert not any(character in name for name in names for character in "[]:*?/\\")
    assert len({name.casefold() for name in names}) == 3
    assert "registrations by type  who came" not in {name.casefold() for name in names}


def test_an_empty_table_says_so_in_both_files():
    document = ReportDocument(
        title="Report",
        language="en",
        sections=(
            Section(
                title="S",
                tables=(Table(key="none", title="Nothing", columns=("A",), rows=(), empty_text="Nobody came."),),
            ),
        ),
    )

    assert _csv_blocks(render_csv(document))["none"][-1] == ["Nobody came."]
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(document)))["Nothing"]
    assert sheet["A3"].value == "Nobody came."


def _document_with_text_cell(text: str) -> ReportDocument:
    table = Table(key="comments", title="Comments", columns=("Comment", "Count"), rows=((text, 1),))
    return ReportDocument(title="Report", language="en", sections=(Section(title="Feedback", tables=(table,)),))


def test_a_comment_that_looks_like_a_formula_stays_text_in_the_xlsx():
    comment = '=HYPERLINK("https://evil.example","Click")'
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(_document_with_text_cell(comment))))
    sheet = workbook.worksheets[1]

    assert sheet["A3"].value == comment
    assert sheet["A3"].data_type == "s"
    assert sheet["B3"].value == 1


def test_a_comment_that_looks_like_a_formula_is_quoted_in_the_csv():
    blocks = _csv_blocks(render_csv(_document_with_text_cell("=1+2")))

    assert blocks["comments"][2] == ["'=1+2", "1"]


SEPARATORS_A_SPREADSHEET_SPLITS_ON = (",", ";", "\t", "\r\n", "\n", "\r")


def _fragments(content: bytes) -> list[str]:
    """Every piece of the file as a spreadsheet would cut it on any list separator, outer quotes dropped."""
    pieces = [content.decode("utf-8-sig")]
    for separator in SEPARATORS_A_SPREADSHEET_SPLITS_ON:
        pieces = [piece for text in pieces for piece in text.split(separator)]
    return [piece.lstrip('"') for piece in pieces]


@pytest.mark.parametrize(
    ("comment", "written"),
    [
        ("Useful;=1+1", "Useful;'=1+1"),
        ("Useful,=1+1", "Useful,'=1+1"),
        ("Useful\t+1+1", "Useful\t'+1+1"),
        ("Useful\n-1+1", "Useful\n'-1+1"),
        ("Useful\r\n@SUM(A1)", "Useful\r\n'@SUM(A1)"),
        ('Fine";=HYPERLINK("https://evil.example")', 'Fine";\'=HYPERLINK("https://evil.example")'),
        ("=1+1;=2+2", "'=1+1;'=2+2"),
    ],
)
def test_a_formula_after_a_list_separator_inside_a_comment_is_neutralised_in_the_csv(comment, written):
    content = render_csv(_document_with_text_cell(comment))

    assert _csv_blocks(content)["comments"][2] == [written, "1"]
    assert not [piece for piece in _fragments(content) if piece.startswith(("=", "+", "-", "@"))]


def test_every_text_cell_of_the_csv_is_quoted():
    content = render_csv(_document_with_text_cell("Useful;=1+1")).decode("utf-8-sig")

    assert '"comments","Useful;\'=1+1","1"\r\n' in content


def test_a_title_that_looks_like_a_formula_is_neutralised_in_the_csv():
    table = Table(key="comments", title="=1+1", columns=("Comment;=2+2",), rows=())
    document = ReportDocument(title="-3+3", language="en", sections=(Section(title="S", tables=(table,)),))

    blocks = _csv_blocks(render_csv(document))

    assert blocks["report"][0] == ["'-3+3"]
    assert blocks["comments"][:2] == [["'=1+1"], ["Comment;'=2+2"]]
