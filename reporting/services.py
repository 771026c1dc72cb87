"""Kept reports: every generated report file stored with the data it was made from.

A generated report is kept with the date and the data it was made from, and the same data
gives the same file. So a kept report holds the whole
ReportDocument as JSON, its SHA-256, and the file; rendering the kept data again gives the
kept file byte for byte (the exporters write no dates of their own), which is how a file
sent to the committee can be checked years later.
"""

import dataclasses
import hashlib
import json

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from portal.permissions import require_permission
from reporting.document import Chart, ReportDocument, Section, Table
from reporting.exports import FORMATS, render_document
from reporting.models import ReportSnapshot


def document_data(document: ReportDocument) -> dict:
    """The document as JSON-able data (tuples become lists)."""
    return json.loads(json.dumps(dataclasses.asdict(document), ensure_ascii=False))


def data_digest(data: dict) -> str:
    """SHA-256 of the data in one canonical spelling (sorted keys, no spaces), so equal data gives equal digests."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def document_from_data(data: dict) -> ReportDocument:
    """The ReportDocument a kept report was made from, to render its file again."""

    def table(values: dict) -> Table:
        chart = values.get("chart")
        return Table(
            key=values["key"],
            title=values["title"],
            columns=tuple(values["columns"]),
            rows=tuple(tuple(row) for row in values["rows"]),
            chart=Chart(
                label_column=chart["label_column"],
                value_columns=tuple(chart["value_columns"]),
                title=chart.get("title", ""),
            )
            if chart
            else None,
            note=values.get("note", ""),
            links=tuple(values.get("links", ())),
            empty_text=values.get("empty_text", ""),
        )

    return ReportDocument(
        title=data["title"],
        language=data["language"],
        subtitle=data.get("subtitle", ""),
        symbol=data.get("symbol", ""),
        intro=tuple(data.get("intro", ())),
        sections=tuple(
            Section(
                title=section["title"],
                paragraphs=tuple(section.get("paragraphs", ())),
                tables=tuple(table(values) for values in section.get("tables", ())),
            )
            for section in data.get("sections", ())
        ),
        is_empty=data.get("is_empty", False),
    )


def snapshot_file_name(
    *, kind: str, first_year: int | None, last_year: int | None, language: str, digest: str, fmt: str
):
    years = f"-{first_year}-{last_year}" if first_year else ""
    return f"{kind}{years}-{language}-{digest[:12]}.{fmt}"


@transaction.atomic
def keep_report(
    *,
    document: ReportDocument,
    fmt: str,
    actor,
    kind: str,
    first_year: int | None = None,
    last_year: int | None = None,
) -> ReportSnapshot:
    """Render ``document`` in ``fmt``, store the file, and keep it with its data and the time.

    A kept report is what was sent to the committee, so keeping one takes the "keep annual
    reports" permission (the reporting officer's and the programme manager's), not only
    reading it. Each call keeps one more report, even for data already kept: the dates say
    when it was sent.
    """
    require_permission(actor, "reporting.keep_annual_report")
    if fmt not in FORMATS:
        raise ValidationError(_("Reports are kept as DOCX, PDF, XLSX or CSV."))
    if kind not in ReportSnapshot.Kind.values:
        raise ValidationError(_("Unknown kind of report."))
    data = document_data(document)
    digest = data_digest(data)
    content, _content_type, extension = render_document(document, fmt)
    snapshot = ReportSnapshot(
        kind=kind,
        first_year=first_year,
        last_year=last_year,
        language=document.language,
        fmt=fmt,
        data=data,
        data_digest=digest,
        generated_by=actor,
    )
    name = snapshot_file_name(
        kind=kind, first_year=first_year, last_year=last_year, language=document.language, digest=digest, fmt=extension
    )
    snapshot.file.save(name, ContentFile(content), save=False)
    snapshot.save()
    return snapshot
