"""The DOCX and PDF exports of a report, opened back with python-docx and pypdf.

Every figure of the document is looked for in the file; Arabic is checked for its
right-to-left flags and its joined letters, Chinese for a font that has its characters;
and the same document must give the same bytes twice.
"""

import functools
import io
import os
import shutil
import subprocess
import zipfile

import docx
import openpyxl
import pypdf
import pytest
from django.urls import reverse
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

from reporting.document import Chart, ReportDocument, Section, Table
from reporting.exports import CONTENT_TYPES, cell_text, render_document
from reporting.exports.chart_images import bar_chart_png, cjk_font_path
from reporting.exports.pdf import css_string, render_html

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

WORDS = {
    "en": {"title": "Webinars held in 2025", "africa": "Africa", "asia": "Asia and the Pacific", "held": "Held"},
    "ar": {
        "title": "الندوات المعقودة في عام 2025",
        "africa": "أفريقيا",
        "asia": "آسيا والمحيط الهادئ",
        "held": "المعقودة",
    },
    "zh-hans": {"title": "2025年举办的网络研讨会", "africa": "非洲", "asia": "亚洲及太平洋", "held": "举办"},
}


def report(language: str = "en", *, country_rows: int = 3) -> ReportDocument:
    words = WORDS[language]
    regions = Table(
        key="regions",
        title=words["title"],
        columns=("Region", words["held"], "Cancelled"),
        rows=((words["africa"], 12, 1), (words["asia"], 7, 0)),
        chart=Chart(label_column=0, value_columns=(1, 2), title=words["held"]),
        note="Counted from the plan.",
    )
    countries = Table(
        key="countries",
        title="Registrations by country",
        columns=("Country", "Registered", "Average score"),
        rows=tuple((f"Country {index}", 100 + index, 4.25) for index in range(country_rows)),
    )
    empty = Table(
        key="suggestions", title="Topic suggestions", columns=("Topic",), rows=(), empty_text="None received."
    )
    return ReportDocument(
        title=words["title"],
        language=language,
        subtitle="Report of the Secretariat",
        symbol="CDIP/33/4",
        intro=(f"{words['africa']}: introduction.",),
        sections=(
            Section(title=words["asia"], paragraphs=("Figures of the year.",), tables=(regions, countries, empty)),
        ),
    )


@functools.cache
def rendered(language: str, fmt: str, country_rows: int = 3) -> bytes:
    """One rendering per case for the tests that only read the file (PDFs take a second each)."""
    return render_document(report(language, country_rows=country_rows), fmt)[0]


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def pdf_reader(content: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(content))


def pdf_text(content: bytes, **options) -> str:
    return "\n".join(page.extract_text(**options) for page in pdf_reader(content).pages)


def embedded_fonts(content: bytes) -> dict[str, TTFont]:
    """The fonts the PDF embeds, by base name (subset prefix removed), read with fontTools."""
    fonts = {}
    for page in pdf_reader(content).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            data = descriptor["/FontFile2"].get_object().get_data()
            fonts[str(font["/BaseFont"]).split("+", 1)[-1]] = TTFont(io.BytesIO(data))
    return fonts


def system_font_file(family: str) -> str | None:
    """The file fontconfig would use for ``family``, or None if fontconfig has no such font."""
    if not shutil.which("fc-match"):
        return None
    result = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", family], capture_output=True, text=True)
    names, _newline, path = result.stdout.partition("\n")
    return path if family.lower() in names.lower() else None


def require(condition, reason: str) -> None:
    """Skip when a font is missing on a laptop; in CI (CI=true) a missing font fails the test."""
    if not condition:
        if IN_CI:
            pytest.fail(f"CI must run this test, but {reason}")
        pytest.skip(reason)


# -- the entry point ------------------------------------------------------------------------


def test_render_document_names_content_type_and_extension():
    content, content_type, extension = render_document(report(), "docx")

    assert (content_type, extension) == (CONTENT_TYPES["docx"], "docx")
    assert zipfile.is_zipfile(io.BytesIO(content))


def test_render_document_refuses_an_unknown_format():
    with pytest.raises(ValueError, match="odt"):
        render_document(report(), "odt")


def test_csv_and_xlsx_are_delegated_to_the_tabular_exports():
    csv_content, csv_type, _csv = render_document(report(), "csv")
    xlsx_content, xlsx_type, _xlsx = render_document(report(), "xlsx")

    assert csv_type.startswith("text/csv") and "Asia and the Pacific" in csv_content.decode("utf-8-sig")
    assert xlsx_type == CONTENT_TYPES["xlsx"] and zipfile.is_zipfile(io.BytesIO(xlsx_content))


def test_cells_print_integers_plainly_and_decimals_to_two_places():
    assert [cell_text(value) for value in (12, 4.0, 4.256, 4.5, None, "Africa")] == [
        "12",
        "4",
        "4.26",
        "4.5",
        "",
        "Africa",
    ]


# -- DOCX -----------------------------------------------------------------------------------


def test_docx_holds_the_symbol_title_paragraphs_and_headings():
    document = open_docx(rendered("en", "docx"))
    texts = [paragraph.text for paragraph in document.paragraphs]

    assert texts[:3] == ["CDIP/33/4", "Webinars held in 2025", "Report of the Secretariat"]
    assert "Africa: introduction." in texts
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 1"]
    assert headings == ["Asia and the Pacific"]
    assert document.paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT  # the symbol, top right


def test_docx_pages_carry_the_symbol_above_and_their_number_below():
    section = open_docx(rendered("en", "docx")).sections[0]

    assert section.different_first_page_header_footer  # the first page has the symbol in its text
    assert section.header.paragraphs[0].text == "CDIP/33/4"
    for footer in (section.footer, section.first_page_footer):
        assert footer.paragraphs[0]._p.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"


def test_docx_tables_hold_every_figure_of_the_document():
    source = report(country_rows=40)
    document = open_docx(render_document(source, "docx")[0])

    assert len(document.tables) == 2  # the empty table is a sentence, not a table
    for written, table in zip(document.tables, [source.tables()[0], source.tables()[1]], strict=True):
        cells = [[cell.text for cell in row.cells] for row in written.rows]
        assert cells[0] == list(table.columns)
        assert cells[1:] == [[cell_text(value) for value in row] for row in table.rows]


def test_docx_and_pdf_keep_a_cells_lines_apart():
    table = Table(key="annex", title="Annex", columns=("Measure", "Follow-up"), rows=(("Measure 1", "Roster\nDone"),))
    source = ReportDocument(title="Annex", language="en", sections=(Section(title="Decision", tables=(table,)),))

    assert open_docx(render_document(source, "docx")[0]).tables[0].cell(1, 1).text == "Roster\nDone"
    assert "Measure 1 Roster\nDone" in pdf_text(render_document(source, "pdf")[0])


def test_docx_empty_table_says_so_instead():
    document = open_docx(rendered("en", "docx"))

    assert "None received." in [paragraph.text for paragraph in document.paragraphs]


def test_docx_table_header_row_repeats_on_every_page():
    document = open_docx(rendered("en", "docx", 60))

    for table in document.tables:
        header, first_row = table.rows[0]._tr, table.rows[1]._tr
        assert header.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        assert first_row.find(qn("w:trPr")) is None or first_row.find(qn("w:trPr")).find(qn("w:tblHeader")) is None


def test_docx_chart_is_a_png_image_just_before_its_table():
    document = open_docx(rendered("en", "docx"))

    assert len(document.inline_shapes) == 1  # one chart in the document
    images = [part for part in document.part.package.parts if part.partname.endswith(".png")]
    assert len(images) == 1 and images[0].blob.startswith(b"\x89PNG")
    body = list(document.element.body)
    drawing_index = next(index for index, element in enumerate(body) if element.findall(".//" + qn("w:drawing")))
    assert body[drawing_index + 1].tag == qn("w:tbl")


def test_same_document_gives_the_same_docx_bytes():
    first = render_document(report("ar"), "docx")[0]
    second = render_document(report("ar"), "docx")[0]

    assert first == second
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}
    properties = open_docx(first).core_properties
    assert properties.created.year == 2000 and properties.revision == 1 and properties.last_modified_by == ""


def test_another_document_gives_another_docx():
    assert rendered("en", "docx", 3) != rendered("en", "docx", 4)


def test_arabic_docx_is_right_to_left_in_paragraphs_tables_runs_and_section():
    document = open_docx(rendered("ar", "docx"))
    body = document.element.body

    paragraphs = [paragraph for paragraph in document.paragraphs if paragraph.text and paragraph.text != "CDIP/33/4"]
    assert paragraphs and all(paragraph._p.pPr.find(qn("w:bidi")) is not None for paragraph in paragraphs)
    assert all(table._tbl.tblPr.find(qn("w:bidiVisual")) is not None for table in document.tables)
    cell_paragraphs = [paragraph for table in document.tables for cell in table._cells for paragraph in cell.paragraphs]
    assert all(paragraph._p.pPr.find(qn("w:bidi")) is not None for paragraph in cell_paragraphs)
    arabic_runs = [run for run in body.iter(qn("w:r")) if "أفريقيا" in "".join(run.itertext())]
    assert arabic_runs and all(run.rPr.find(qn("w:rtl")) is not None for run in arabic_runs)
    assert body.find(qn("w:sectPr")).find(qn("w:bidi")) is not None


def test_symbol_stays_left_to_right_in_an_arabic_docx():
    document = open_docx(rendered("ar", "docx"))
    symbol = document.paragraphs[0]

    assert symbol.text == "CDIP/33/4"
    assert symbol.runs[0]._r.rPr.find(qn("w:rtl")) is None


def test_english_docx_has_no_right_to_left_flags():
    content = rendered("en", "docx")
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()

    assert "<w:bidi/>" not in xml and "<w:rtl/>" not in xml and "bidiVisual" not in xml


def test_chinese_docx_names_an_east_asian_font_for_its_text():
    document = open_docx(rendered("zh-hans", "docx"))
    runs = [run for run in document.element.body.iter(qn("w:r")) if "非洲" in "".join(run.itertext())]

    assert runs and all(run.rPr.rFonts.get(qn("w:eastAsia")) == "SimSun" for run in runs)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "SimSun"
    theme_fonts = [
        name for fonts in document.styles.element.iter(qn("w:rFonts")) for name in fonts.attrib if "heme" in name
    ]
    assert theme_fonts == []  # a theme font (eastAsiaTheme, cstheme) would win over the named one
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "zh-CN"


# -- chart images ---------------------------------------------------------------------------


def test_chart_png_is_deterministic_and_carries_no_software_stamp():
    table = report("ar").tables()[0]
    first = bar_chart_png(table, table.chart, language="ar")

    assert first == bar_chart_png(table, table.chart, language="ar")
    assert first.startswith(b"\x89PNG") and b"Software" not in first and b"matplotlib" not in first


def test_chart_text_layout_joins_arabic_letters_right_to_left():
    """The charts pass Arabic to matplotlib unshaped: it must join the letters and order them itself.

    Matplotlib >= 3.11 lays text out with libraqm. "بب" (beh, beh) must come out as two
    joined forms, read from the right: the final form drawn first (leftmost), then the initial
    form. Were matplotlib downgraded, this fails and the charts would need arabic-reshaper.
    """
    from matplotlib import _text_helpers, font_manager

    font = font_manager.get_font(font_manager.findfont("DejaVu Sans"))
    glyphs = [font.get_glyph_name(item.glyph_index) for item in _text_helpers.layout("بب", font, language="ar")]

    assert glyphs == ["uniFE90", "uniFE91"]


def test_chinese_chart_finds_a_cjk_font():
    path = cjk_font_path()
    require(path, "no CJK font installed (run scripts/install-report-fonts.sh)")

    assert all(ord(character) in TTFont(path, fontNumber=0).getBestCmap() for character in "非洲亚太平洋举办")


# -- PDF ------------------------------------------------------------------------------------


def test_pdf_text_holds_the_title_and_every_figure():
    source = report(country_rows=40)
    content = render_document(source, "pdf")[0]
    text = pdf_text(content)

    assert "Webinars held in 2025" in text and "CDIP/33/4" in text
    lines = text.splitlines()
    for table in source.tables()[:2]:
        for row in table.rows:
            assert " ".join(cell_text(value) for value in row) in lines
    assert "None received." in text


def test_pdf_metadata_has_the_title_and_no_date():
    metadata = pdf_reader(rendered("en", "pdf")).metadata

    assert metadata.title == "Webinars held in 2025"
    assert "/CreationDate" not in metadata and "/ModDate" not in metadata


def test_pdf_is_tagged_and_says_its_language():
    catalog = pdf_reader(rendered("ar", "pdf")).trailer["/Root"]

    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "ar"


def test_same_document_gives_the_same_pdf_bytes():
    assert render_document(report("zh-hans"), "pdf")[0] == render_document(report("zh-hans"), "pdf")[0]


def test_pdf_page_says_its_language_and_direction():
    assert '<html lang="ar" dir="rtl">' in render_html(report("ar"))
    assert '<html lang="en" dir="ltr">' in render_html(report("en"))


def test_pdf_escapes_the_documents_text():
    source = ReportDocument(title="<b>bold</b>", language="en", symbol='CDIP/1/1"</style><script>', sections=())
    page = render_html(source)

    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "</style><script>" not in page


def test_css_string_cannot_close_the_string_or_the_style_element():
    assert css_string('a"b</style>') == '"a\\22 b\\3c /style\\3e "'


def test_chinese_pdf_text_extracts_and_its_fonts_have_every_character():
    require(system_font_file("WenQuanYi Zen Hei") or cjk_font_path(), "no CJK font (scripts/install-report-fonts.sh)")
    content = rendered("zh-hans", "pdf")

    text = pdf_text(content)
    assert "2025年举办的网络研讨会" in text
    assert "非洲 12 1" in text.splitlines() and "亚洲及太平洋 7 0" in text.splitlines()
    fonts = embedded_fonts(content)
    assert any("WenQuanYi" in name or "NotoSansCJK" in name for name in fonts)
    covered = set().union(*(font.getBestCmap() for font in fonts.values()))
    chinese = {character for character in "".join(WORDS["zh-hans"].values()) if "\u4e00" <= character <= "\u9fff"}
    assert chinese <= {chr(code) for code in covered}


def test_arabic_pdf_holds_the_arabic_words_in_reading_order():
    """pypdf's plain extraction gives each Arabic run in logical (reading) order, as written.

    A line mixing directions comes out run by run in visual order: the title "... 2025"
    reads "2025 ..." once extracted, so its Arabic words and its year are checked apart.
    """
    text = pdf_text(rendered("ar", "pdf"))
    lines = text.splitlines()

    assert WORDS["ar"]["asia"] in lines
    assert "الندوات المعقودة في عام" in text
    assert "2025 الندوات المعقودة في عام" in lines


def test_arabic_pdf_rows_read_right_to_left_with_their_figures():
    """Laid out as on the page (pypdf's layout mode: visual order), a row starts on the right.

    So, read left to right, an Arabic row shows its last column first: Cancelled, Held, then
    the region, whose letters come out in visual order (reversed).
    """
    text = pdf_text(rendered("ar", "pdf"), extraction_mode="layout")
    rows = [line.split() for line in text.splitlines()]

    assert ["1", "12", "أفريقيا"[::-1]] in rows
    assert ["0", "7", *reversed([word[::-1] for word in WORDS["ar"]["asia"].split()])] in rows


def test_arabic_pdf_draws_joined_letters_from_a_font_that_has_them():
    dejavu = system_font_file("DejaVu Sans")
    require(dejavu, "DejaVu Sans is not installed (apt-get install -y fonts-dejavu-core)")
    content = rendered("ar", "pdf")

    fonts = embedded_fonts(content)
    assert set(fonts) <= {"DejaVu-Sans", "DejaVu-Sans-Bold"}
    arabic = {character for character in "".join(WORDS["ar"].values()) if "\u0600" <= character <= "\u06ff"}
    assert arabic <= {chr(code) for code in TTFont(dejavu).getBestCmap()}
    used = set().union(*(font.getBestCmap() for font in fonts.values()))
    joined_forms = {code for code in used if 0xFE70 <= code <= 0xFEFF}  # Arabic Presentation Forms-B
    assert len(joined_forms) >= 5  # letters drawn in their initial, medial and final forms: shaped


def test_arabic_pdf_chart_is_the_shaped_png():
    page = render_html(report("ar"))

    assert 'src="data:image/png;base64,' in page and "<svg" not in page


def test_english_pdf_chart_is_the_pages_svg():
    page = render_html(report("en"))

    assert "<svg" in page and "data:image/png" not in page


# -- through the report's export page -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("fmt", "magic"), [("docx", b"PK"), ("pdf", b"%PDF")])
def test_staff_downloads_the_report_of_a_year_without_data_in_arabic(client, fmt, magic):
    from accounts.tests.factories import SecretariatFactory

    client.force_login(SecretariatFactory(roles=["Read-only"]))
    url = reverse("reporting:annual_report_export", kwargs={"first_year": 2031, "last_year": 2031, "fmt": fmt})

    response = client.get(url, {"language": "ar"}, secure=True)

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response.content.startswith(magic)
    assert response["Content-Disposition"].endswith(f'-ar.{fmt}"')


def test_a_comment_with_a_control_character_still_exports_to_docx_and_xlsx():
    """A line break pasted from a word processor is a vertical tab, which XML cannot hold."""
    table = Table(key="comments", title="Comments", columns=("Comment", "Count"), rows=(("Clear\x0bexamples", 2),))
    document = ReportDocument(title="Report", language="en", sections=(Section(title="Feedback", tables=(table,)),))

    word = docx.Document(io.BytesIO(render_document(document, "docx")[0]))
    workbook = openpyxl.load_workbook(io.BytesIO(render_document(document, "xlsx")[0]))

    assert "Clear examples" in [cell.text for t in word.tables for row in t.rows for cell in row.cells]
    assert (workbook.worksheets[1]["A3"].value, workbook.worksheets[1]["B3"].value) == ("Clear examples", 2)
