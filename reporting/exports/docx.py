"""A report as a committee document in Word (DOCX), through python-docx.

Laid out the way the Secretariat's documents to the committee are: the document symbol at
the top right, the title and subtitle, the introduction, then one heading per section with
its paragraphs and tables; a chart is an image followed by the table it draws, so every
figure stays readable as text. Table headers repeat on every page a table runs over.
A table's row links (to the records in the admin) stay on the staff page: the committee's
readers cannot open the Secretariat's admin.

Arabic documents are right to left everywhere Word looks for it: the paragraphs (``w:bidi``),
the tables (``w:bidiVisual``), the runs (``w:rtl``) and the section. Chinese text names an
East Asian font (``w:eastAsia``) so Word does not draw it with a Latin one.

The same document gives the same bytes: python-docx stamps the core properties with the
time of writing and the zip entries with the clock, so both are fixed here. A kept report
can then be regenerated and compared byte for byte.
"""

import datetime
import io
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_DIRECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reporting.document import ReportDocument, Table
from reporting.exports import cell_text
from reporting.exports.chart_images import bar_chart_png

# One fixed date for every document: the file carries no time of its own (ReportSnapshot keeps that).
FIXED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

LATIN_FONT = "Arial"
COMPLEX_SCRIPT_FONT = "Arial"  # Arabic: Arial carries the Arabic letters in Word
EAST_ASIAN_FONT = "SimSun"  # Chinese: the Song face every Chinese Word has
LANGUAGE_TAGS = {"ar": "ar-SA", "en": "en-GB", "es": "es-ES", "fr": "fr-FR", "ru": "ru-RU", "zh": "zh-CN"}

# Children of w:pPr that must follow w:bidi (schema order; Word refuses a file out of order).
AFTER_BIDI = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
AFTER_TBL_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


class _Writer:
    """Writes one ReportDocument into a python-docx Document, in the document's language."""

    def __init__(self, report: ReportDocument):
        self.report = report
        self.right_to_left = report.is_right_to_left
        self.language_tag = LANGUAGE_TAGS.get(report.language[:2], report.language)
        self.doc = Document()
        self._set_up_page()
        self._set_up_fonts()

    # -- set-up ------------------------------------------------------------------------------
    def _set_up_page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        if self.report.is_landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2)
        if self.right_to_left:
            section._sectPr.insert_element_before(
                OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"
            )

    def _set_up_fonts(self) -> None:
        """Explicit fonts and languages in the defaults: theme fonts would pick a Latin face for Chinese."""
        styles = self.doc.styles.element
        for fonts in styles.iter(qn("w:rFonts")):
            for attribute in [name for name in fonts.attrib if name.lower().endswith("theme")]:
                del fonts.attrib[attribute]
        defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        fonts = defaults.get_or_add_rFonts()
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        fonts.set(qn("w:cs"), COMPLEX_SCRIPT_FONT)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        language = defaults.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            defaults.append(language)
        language.set(qn("w:val"), self.language_tag)
        language.set(qn("w:eastAsia"), "zh-CN")
        language.set(qn("w:bidi"), "ar-SA")
        self.doc.styles["Normal"].font.size = Pt(11)

    # -- pieces ------------------------------------------------------------------------------
    def _direct(self, paragraph) -> None:
        if self.right_to_left:
            paragraph_properties = paragraph._p.get_or_add_pPr()
            if paragraph_properties.find(qn("w:bidi")) is None:
                paragraph_properties.insert_element_before(OxmlElement("w:bidi"), *AFTER_BIDI)

    def _run(self, paragraph, text: str, *, bold: bool = False, right_to_left: bool | None = None):
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        properties = run._r.get_or_add_rPr()
        fonts = properties.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        if self.right_to_left if right_to_left is None else right_to_left:
            fonts.set(qn("w:cs"), COMPLEX_SCRIPT_FONT)
            run.font.rtl = True
        return run

    def paragraph(self, text: str = "", *, style: str | None = None, bold: bool = False):
        paragraph = self.doc.add_paragraph(style=style)
        self._direct(paragraph)
        if text:
            self._run(paragraph, text, bold=bold)
        return paragraph

    def heading(self, text: str, level: int):
        paragraph = self.doc.add_heading(level=level)
        self._direct(paragraph)
        self._run(paragraph, text)
        return paragraph

    def table(self, table: Table) -> None:
        if table.title:
            heading = self.paragraph(table.title, bold=True)
            heading.paragraph_format.keep_with_next = True
        if table.chart is not None and table.rows:
            picture = self.paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            png = bar_chart_png(table, table.chart, language=self.report.language)
            picture.add_run().add_picture(io.BytesIO(png), width=Cm(16))
            picture.paragraph_format.keep_with_next = True
        if not table.rows:
            self.paragraph(table.empty_text or "-")
            return
        grid = self.doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
        grid.style = "Table Grid"
        if self.right_to_left:
            grid.table_direction = WD_TABLE_DIRECTION.RTL
        rows = grid.rows
        header = rows[0]
        header_properties = header._tr.get_or_add_trPr()
        header_properties.insert_element_before(OxmlElement("w:tblHeader"), *AFTER_TBL_HEADER)
        for cell, title in zip(header.cells, table.columns, strict=True):
            self._fill(cell.paragraphs[0], title, bold=True)
        for row, values in zip(rows[1:], table.rows, strict=True):
            for cell, value in zip(row.cells, values, strict=False):
                paragraph = cell.paragraphs[0]
                self._fill(paragraph, cell_text(value))
                if isinstance(value, int | float) and not self.right_to_left:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if table.note:
            self.paragraph(table.note, style="Caption")

    def _fill(self, paragraph, text: str, *, bold: bool = False) -> None:
        self._direct(paragraph)
        if text:
            self._run(paragraph, text, bold=bold)

    def _page_furniture(self) -> None:
        """The symbol in the header of every page but the first (which has it at the top), page numbers below."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        if self.report.symbol:
            header = section.header.paragraphs[0]
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self._run(header, self.report.symbol, right_to_left=False)
        for footer in (section.footer, section.first_page_footer):
            paragraph = footer.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            paragraph._p.append(field)

    # -- a committee document ----------------------------------------------------------------
    def block(self, block):
        """A numbered paragraph ("1.", tab, text), a heading, a list item or a note on the language."""
        if block.kind == "heading":
            paragraph = self.heading(block.text, 3)
        elif block.kind == "item":
            paragraph = self.paragraph(block.text, style="List Bullet")
        elif block.kind == "note":
            paragraph = self.paragraph()
            self._run(paragraph, block.text).italic = True
        else:
            paragraph = self.paragraph()
            if block.number is not None:
                self._run(paragraph, f"{block.number}.\t")
            self._run(paragraph, block.text)
        return paragraph

    def _committee_top(self) -> None:
        """The symbol block at the top right, then the committee, its session and the title."""
        report = self.report
        for index, line in enumerate((report.symbol, *report.header_lines)):
            paragraph = self.doc.add_paragraph()
            self._direct(paragraph)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if self.right_to_left else WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.space_after = Pt(0)
            # the symbol reads left to right in every language
            self._run(paragraph, line, bold=index == 0, right_to_left=False if index == 0 else None)
        self.paragraph()
        for text in (report.committee, report.session):
            if text:
                paragraph = self.paragraph(text, bold=True)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title = self.heading(report.title, 0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if report.subtitle:
            subtitle = self.paragraph(report.subtitle, style="Subtitle")
            subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def write_committee_document(self) -> None:
        report = self.report
        self._committee_top()
        for section in report.sections:
            if section.title:
                self.heading(section.title, section.level)
            for block in section.blocks:
                self.block(block)
            for table in section.tables:
                self.table(table)
        if report.annex:
            self.doc.add_page_break()
            heading = self.heading(report.annex_title, 1)
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for section in report.annex:
                self.heading(section.title, 2)
                for text in section.paragraphs:
                    self.paragraph(text)
                for table in section.tables:
                    self.table(table)

    # -- the whole document ------------------------------------------------------------------
    def write(self) -> bytes:
        report = self.report
        self._page_furniture()
        if report.is_committee_document:
            self.write_committee_document()
            self._fix_properties()
            buffer = io.BytesIO()
            self.doc.save(buffer)
            return with_fixed_zip_dates(buffer.getvalue())
        if report.symbol:
            symbol = self.doc.add_paragraph()
            symbol.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self._run(symbol, report.symbol, bold=True, right_to_left=False)  # a symbol reads left to right
        title = self.heading(report.title, 0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if report.subtitle:
            subtitle = self.paragraph(report.subtitle, style="Subtitle")
            subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text in report.intro:
            self.paragraph(text)
        for section in report.sections:
            self.heading(section.title, 1)
            for text in section.paragraphs:
                self.paragraph(text)
            for table in section.tables:
                self.table(table)
        self._fix_properties()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return with_fixed_zip_dates(buffer.getvalue())

    def _fix_properties(self) -> None:
        properties = self.doc.core_properties
        properties.title = self.report.title
        properties.subject = self.report.subtitle
        properties.comments = ""
        properties.identifier = self.report.symbol
        properties.language = self.language_tag
        properties.author = ""
        properties.last_modified_by = ""
        properties.revision = 1
        properties.created = properties.modified = FIXED_DATE.replace(tzinfo=None)
        properties.last_printed = FIXED_DATE.replace(tzinfo=None)


def with_fixed_zip_dates(content: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, in the same order: the bytes no longer depend on the clock."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry.filename))
    return buffer.getvalue()


def render_docx(document: ReportDocument) -> bytes:
    """The report as a DOCX committee document (bytes)."""
    return _Writer(document).write()
