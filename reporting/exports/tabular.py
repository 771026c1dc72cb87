"""A report's tables as CSV and as an XLSX workbook, for those who work the figures further.

CSV: ONE file, not a zip of files. Its first column names the table each line belongs
to (the table's key), so the whole report opens in one spreadsheet, can be filtered to
one table, and reads back with any CSV reader; a zip would need unpacking before
anything opens it. Each table is a block: a line with its title, a line with its column
names, its rows, then an empty line. UTF-8 with a byte-order mark, so Excel reads the
Arabic, Chinese and Cyrillic names right.

XLSX: one sheet per table (names cut to Excel's 31 characters and made unique), the
title and an information sheet first; right-to-left sheets for an Arabic report.

Both are reproducible: the same document gives the same bytes. openpyxl stamps the
workbook with the time of saving, and the zip entries carry the time of writing, so both
are fixed to the same instant here.
"""

import csv
import io
import re
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from reporting.document import Cell, ReportDocument, Table
from reporting.exports import cell_text

FIXED_TIME = datetime(2000, 1, 1)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
SHEET_NAME_LIMIT = 31
FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
# A text cell starting with one of these is a formula to a spreadsheet. Participants write some of
# the cells (feedback comments, topic suggestions), so their text must stay text when opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A spreadsheet set to another list separator (";" in French, Spanish or Russian settings, a tab
# or a line break on paste) cuts a cell in pieces, and each piece is read as a cell of its own: a
# formula start at the beginning of the text or right after any of these gets the apostrophe too.
FORMULA_AT_A_PIECE_START = re.compile(r"(?:^|(?<=[;,\t\r\n]))(?=[=+\-@\t\r])")


def _csv_text(cell: Cell) -> str:
    """A cell for the CSV; a text a spreadsheet could run as a formula, whole or in pieces, gets apostrophes.

    OWASP's advice for CSV injection: an apostrophe before each formula start, every text cell quoted.
    Numbers are left alone: a negative figure is not a formula.
    """
    text = cell_text(cell)
    return FORMULA_AT_A_PIECE_START.sub("'", text) if isinstance(cell, str) else text


def render_csv(document: ReportDocument) -> bytes:
    """The whole report as one CSV: table key first on every line, then the table's cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["report", _csv_text(document.title)])
    for paragraph in document.intro:
        writer.writerow(["report", _csv_text(paragraph)])
    writer.writerow([])
    for table in document.tables():
        writer.writerow([table.key, _csv_text(table.title)])
        writer.writerow([table.key, *(_csv_text(column) for column in table.columns)])
        for row in table.rows:
            writer.writerow([table.key, *(_csv_text(cell) for cell in row)])
        if not table.rows and table.empty_text:
            writer.writerow([table.key, _csv_text(table.empty_text)])
        writer.writerow([])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sheet_names(tables: list[Table], *, taken: tuple[str, ...] = ()) -> list[str]:
    """A name per table that Excel accepts: no []:*?/\\, at most 31 characters, unique (case-insensitively)."""
    used = {name.casefold() for name in taken}
    names = []
    for number, table in enumerate(tables, start=1):
        base = FORBIDDEN_IN_SHEET_NAMES.sub(" ", table.title).strip().strip("'") or f"{number}"
        name = base[:SHEET_NAME_LIMIT].strip()
        suffix = 2
        while name.casefold() in used:
            tail = f" ({suffix})"
            name = base[: SHEET_NAME_LIMIT - len(tail)].strip() + tail
            suffix += 1
        used.add(name.casefold())
        names.append(name)
    return names


def _xlsx_value(cell: Cell):
    if isinstance(cell, bool | str):
        return cell_text(cell)  # without the control characters a worksheet cannot hold
    return cell


def render_xlsx(document: ReportDocument) -> bytes:
    """One sheet for the title and introduction, then one sheet per table with a bold header row."""
    workbook = Workbook()
    workbook.properties.creator = "portal"
    workbook.properties.title = document.title
    workbook.properties.language = document.language
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    bold = Font(bold=True)

    cover = workbook.active
    cover.title = FORBIDDEN_IN_SHEET_NAMES.sub(" ", document.subtitle or document.title)[:SHEET_NAME_LIMIT].strip()
    cover.sheet_view.rightToLeft = document.is_right_to_left
    cover.append([document.title])
    cover["A1"].font = bold
    if document.subtitle:
        cover.append([document.subtitle])
    cover.append([])
    for paragraph in document.intro:
        cover.append([paragraph])
    cover.column_dimensions["A"].width = 100

    tables = document.tables()
    for table, name in zip(tables, sheet_names(tables, taken=(cover.title,)), strict=True):
        sheet = workbook.create_sheet(title=name)
        sheet.sheet_view.rightToLeft = document.is_right_to_left
        sheet.append([table.title])
        sheet["A1"].font = bold
        sheet.append(list(table.columns))
        for column in range(1, len(table.columns) + 1):
            sheet.cell(row=2, column=column).font = bold
        for row in table.rows:
            sheet.append([_xlsx_value(cell) for cell in row])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # a text starting with "=" (a participant's comment, say) stays text
                    cell.data_type = "s"
        if not table.rows and table.empty_text:
            sheet.append([table.empty_text])
        if table.note:
            sheet.append([])
            sheet.append([table.note])
        for column, title in enumerate(table.columns, start=1):
            longest = max([len(str(title)), *(len(cell_text(row[column - 1])) for row in table.rows)])
            sheet.column_dimensions[get_column_letter(column)].width = min(max(longest + 2, 10), 60)
        sheet.freeze_panes = "A3"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(content: bytes) -> bytes:
    """The same archive with every entry dated FIXED_TIME and the core properties' dates fixed too."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2000-01-01T00:00:00Z\g<3>", data
                )
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, data)
    return output.getvalue()
