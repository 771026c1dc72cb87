"""A report as plain data: what the page shows and what every export writes.

The annual webinar report and the annex of the decision tracker are built as a
``ReportDocument`` by their selectors; the page template and each exporter (DOCX, PDF,
XLSX, CSV) only lay it out. One structure, so the page and every file say the same.
Texts are already translated into the document's language when the document is built.
"""

from dataclasses import dataclass, field

Cell = str | int | float | None


@dataclass(frozen=True)
class Chart:
    """A bar chart of some columns of its table, drawn on the server.

    ``label_column`` names the bars; each of ``value_columns`` is one series of bars.
    """

    label_column: int = 0
    value_columns: tuple[int, ...] = (1,)
    title: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row. ``links`` holds, per row, an address of the records behind it (or "")."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: Chart | None = None
    note: str = ""
    links: tuple[str, ...] = ()
    empty_text: str = ""


@dataclass(frozen=True)
class Block:
    """A block of a committee document: a numbered paragraph, a heading or a list item.

    ``number`` is the paragraph's number in the whole document (committee documents number
    their paragraphs 1, 2, 3... across sections); headings and list items have none.
    ``language`` is set when the text is shown in another language than the document's
    (a translation not written yet), so the page and the files can say so.
    """

    kind: str  # "paragraph", "heading", "item", or "note" (the text is not in the document's language)
    text: str
    number: int | None = None
    language: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    blocks: tuple[Block, ...] = ()
    # 1: a chapter of the document; 2: a numbered part of a chapter (one webinar held).
    level: int = 1


@dataclass(frozen=True)
class ReportDocument:
    """A whole report in one language: a title page, sections, and where its data came from."""

    title: str
    language: str
    subtitle: str = ""
    symbol: str = ""
    intro: tuple[str, ...] = ()
    sections: tuple[Section, ...] = field(default_factory=tuple)
    is_empty: bool = False
    # Wide tables (the annex's five columns) read better across the page.
    is_landscape: bool = False
    # A committee document (the annual report): the block at the top right under the symbol
    # ("ORIGINAL: English", "DATE: 6 December 2026"), the committee and its session above the
    # title, and an annex of figures after the numbered paragraphs.
    header_lines: tuple[str, ...] = ()
    committee: str = ""
    session: str = ""
    annex_title: str = ""
    annex: tuple[Section, ...] = ()

    @property
    def is_right_to_left(self) -> bool:
        return self.language == "ar"

    @property
    def is_committee_document(self) -> bool:
        return bool(self.header_lines)

    def tables(self) -> list[Table]:
        return [table for section in (*self.sections, *self.annex) for table in section.tables]
