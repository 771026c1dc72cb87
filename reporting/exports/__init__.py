"""Every file a report is exported to, from one ``ReportDocument``.

``render_document(document, fmt)`` gives the bytes, the content type and the file extension
of the report in one format. The writers are imported only when asked for: python-docx,
WeasyPrint and matplotlib are heavy, and the report page needs none of them.
"""

import re

from reporting.document import Cell, ReportDocument

FORMATS = ("docx", "pdf", "xlsx", "csv")
# Control characters XML 1.0 forbids (DOCX and XLSX are XML); participants' comments pasted from a
# word processor carry some (a line break in Word is a vertical tab).
XML_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def cell_text(value: Cell) -> str:
    """A table cell as the documents print it: integers plainly, decimals to at most two places."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return XML_ILLEGAL_CHARACTERS.sub(" ", str(value))


def render_document(document: ReportDocument, fmt: str) -> tuple[bytes, str, str]:
    """The report in ``fmt`` (docx, pdf, xlsx or csv): ``(content, content_type, file_extension)``.

    The same document gives the same bytes in every format, so a kept report can be checked
    against the data it was made from.
    """
    if fmt == "docx":
        from reporting.exports.docx import render_docx as render
    elif fmt == "pdf":
        from reporting.exports.pdf import render_pdf as render
    elif fmt == "xlsx":
        from reporting.exports.tabular import render_xlsx as render
    elif fmt == "csv":
        from reporting.exports.tabular import render_csv as render
    else:
        raise ValueError(f"Unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}.")
    return render(document), CONTENT_TYPES[fmt], fmt
