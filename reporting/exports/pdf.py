"""A report as PDF, through WeasyPrint, from templates/reporting/exports/document_pdf.html.

The page says ``lang`` and, in Arabic, ``dir="rtl"``: Pango then shapes the Arabic letters
and orders the lines right to left, and CSS logical properties (``text-align: start``) put
everything on the side the reader starts from. Fonts are named so every script has its
glyphs: DejaVu Sans for Latin, Cyrillic and Arabic, WenQuanYi Zen Hei or Noto Sans CJK for
Chinese (scripts/install-report-fonts.sh installs them); a missing glyph would print as a box.
A table's row links (to the records in the admin) stay on the staff page: the committee's
readers cannot open the Secretariat's admin.
Charts are the page's own SVG (``reporting.charts.bar_chart_svg``), so the PDF and the staff
page draw the same picture, and stay vectors. Except in Arabic: WeasyPrint draws SVG text glyph
by glyph, without joining the letters or ordering them right to left, so an Arabic chart is the
PNG the DOCX carries (matplotlib shapes it with libraqm).

The same document gives the same bytes: WeasyPrint writes a creation date only when the page
asks for one, and this page does not (the kept report, ReportSnapshot, holds the date).
"""

import base64
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from reporting.charts import bar_chart_svg
from reporting.document import Cell, ReportDocument, Table
from reporting.exports import cell_text
from reporting.exports.chart_images import bar_chart_png

TEMPLATE = "reporting/exports/document_pdf.html"
CJK_FAMILIES = '"WenQuanYi Zen Hei", "Noto Sans CJK SC"'
OTHER_FAMILIES = '"DejaVu Sans"'


@dataclass(frozen=True)
class _Cell:
    text: str
    is_number: bool


@dataclass(frozen=True)
class _Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[_Cell, ...], ...]
    chart_markup: SafeString | str
    note: str
    empty_text: str


def _cell(value: Cell) -> _Cell:
    return _Cell(cell_text(value), isinstance(value, int | float) and not isinstance(value, bool))


def _table(table: Table, *, right_to_left: bool) -> _Table:
    chart = ""
    if table.chart is not None and table.rows and right_to_left:
        png = bar_chart_png(table, table.chart, language="ar")
        chart = format_html(
            '<img src="data:image/png;base64,{}" alt="{}" style="width: 16cm">',
            base64.b64encode(png).decode("ascii"),
            table.chart.title or table.title,
        )
    elif table.chart is not None and table.rows:
        # bar_chart_svg escapes every label and value it writes.
        chart = mark_safe(bar_chart_svg(table, table.chart, right_to_left=right_to_left))  # noqa: S308
    return _Table(
        title=table.title,
        columns=table.columns,
        rows=tuple(tuple(_cell(value) for value in row) for row in table.rows),
        chart_markup=chart,
        note=table.note,
        empty_text=table.empty_text,
    )


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the <style> element early."""
    escaped = "".join(f"\\{ord(character):x} " if character in '"\\<>&\n' else character for character in text)
    return f'"{escaped}"'


def font_families(language: str) -> str:
    """The CSS font list: the script's own font first, then the others, so every glyph has a font."""
    if language.startswith("zh"):
        return f"{CJK_FAMILIES}, {OTHER_FAMILIES}, sans-serif"
    return f"{OTHER_FAMILIES}, {CJK_FAMILIES}, sans-serif"


def render_html(document: ReportDocument) -> str:
    """The page WeasyPrint lays out (kept apart so a test can read it)."""
    right_to_left = document.is_right_to_left

    def laid_out(sections):
        return [
            {
                "title": section.title,
                "paragraphs": section.paragraphs,
                "blocks": section.blocks,
                "level": section.level,
                "tables": [_table(table, right_to_left=right_to_left) for table in section.tables],
            }
            for section in sections
        ]

    context = {
        "document": document,
        "sections": laid_out(document.sections),
        "annex": laid_out(document.annex),
        "font_families": font_families(document.language),
        "symbol_css": mark_safe(css_string(document.symbol)) if document.symbol else "",  # noqa: S308
    }
    with translation.override(document.language):
        return render_to_string(TEMPLATE, context)


def render_pdf(document: ReportDocument) -> bytes:
    """The report as a PDF (bytes), A4, fonts embedded (subsets).

    Tagged (headings, tables and their header cells, the language): a delegate's screen
    reader reads the tables as tables, as it does on the report page.
    """
    from weasyprint import HTML

    return HTML(string=render_html(document), base_url=None).write_pdf(pdf_tags=True)
