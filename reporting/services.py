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
from reporting.document import Block, Chart, ReportDocument, Section, Table
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

    def section(values: dict) -> Section:
        return Section(
            title=values["title"],
            paragraphs=tuple(values.get("paragraphs", ())),
            tables=tuple(table(item) for item in values.get("tables", ())),
            blocks=tuple(Block(**block) for block in values.get("blocks", ())),
            level=values.get("level", 1),
        )

    return ReportDocument(
        title=data["title"],
        language=data["language"],
        subtitle=data.get("subtitle", ""),
        symbol=data.get("symbol", ""),
        intro=tuple(data.get("intro", ())),
        sections=tuple(section(values) for values in data.get("sections", ())),
        is_empty=data.get("is_empty", False),
        is_landscape=data.get("is_landscape", False),
        header_lines=tuple(data.get("header_lines", ())),
        committee=data.get("committee", ""),
        session=data.get("session", ""),
        annex_title=data.get("annex_title", ""),
        annex=tuple(section(values) for values in data.get("annex", ())),
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


# --- The annual report to the committee ------------------------------------------------------


def _refuse_unless_draft(report) -> None:
    if not report.is_editable:
        raise ValidationError(
            _("The report %(symbol)s is %(state)s: it is frozen with its data and can no longer be edited.")
            % {"symbol": report.symbol, "state": report.get_state_display().lower()},
            code="report_frozen",
        )


@transaction.atomic
def add_webinar_accounts(*, report, actor=None) -> None:
    """An account for every webinar held in the year that has none yet, pre-filled from its summary.

    Only while the report is a draft: a final report keeps the webinars it was frozen with.
    """
    from django.conf import settings
    from modeltranslation.utils import build_localized_fieldname

    from reporting.models import WebinarAccount
    from reporting.richtext import sanitise
    from webinars.models import Webinar

    require_permission(actor, "reporting.change_committeereport")
    _refuse_unless_draft(report)
    known = set(report.accounts.values_list("webinar_id", flat=True))
    held = Webinar.objects.held().filter(starts_at__year=report.year).exclude(pk__in=known).order_by("starts_at")
    for webinar in held:
        texts = {}
        for code, _name in settings.LANGUAGES:
            field = build_localized_fieldname("text", code)
            texts[field] = sanitise(getattr(webinar, build_localized_fieldname("summary", code)) or "") or None
        WebinarAccount.objects.create(report=report, webinar=webinar, **texts)


def _sanitised_texts(texts: dict) -> dict:
    """The report's translated texts (``introduction_fr``...), rich ones cleaned; unknown names refused."""
    from django.conf import settings
    from modeltranslation.utils import build_localized_fieldname

    from reporting.models import CommitteeReport
    from reporting.richtext import sanitise

    allowed = {
        build_localized_fieldname(name, code): name
        for name in CommitteeReport.TEXT_FIELDS
        for code, _language in settings.LANGUAGES
    }
    cleaned = {}
    for field, value in texts.items():
        if field not in allowed:
            raise ValueError(f"Not a text of the report: {field}")
        value = (value or "").strip()
        if allowed[field] in CommitteeReport.RICH_TEXT_FIELDS:
            value = sanitise(value)
        cleaned[field] = value or None
    return cleaned


@transaction.atomic
def create_committee_report(
    *, actor, year: int, symbol: str, session, dated_on, original_language: str = "en", texts: dict | None = None
):
    """Start the year's report to the committee, as a draft with an account of every webinar held.

    One report a year: the committee takes one document on the programme of a year.
    """
    from reporting.models import CommitteeReport

    require_permission(actor, "reporting.add_committeereport")
    if CommitteeReport.objects.filter(year=year).exists():
        raise ValidationError(
            _("There is already a report to the committee on %(year)s.") % {"year": year}, code="report_exists"
        )
    report = CommitteeReport(
        year=year,
        symbol=(symbol or "").strip(),
        session=session,
        dated_on=dated_on,
        original_language=original_language,
        **_sanitised_texts(texts or {}),
    )
    report.full_clean()
    report.save()
    add_webinar_accounts(report=report)
    return report


@transaction.atomic
def edit_committee_report(*, report, actor, values: dict | None = None, texts: dict | None = None, accounts=None):
    """Change a draft report: its symbol, session, date, language (``values``), its texts and accounts.

    ``texts`` maps translated field names (``introduction_ar``) to text; ``accounts`` maps a
    webinar account's id to ``{language: text}``. Rich texts are cleaned before they are stored.
    A final or submitted report is frozen: editing it is refused and nothing is saved.
    """
    from reporting.models import CommitteeReport
    from reporting.richtext import sanitise

    require_permission(actor, "reporting.change_committeereport")
    report = CommitteeReport.objects.select_for_update().get(pk=report.pk)
    _refuse_unless_draft(report)
    for field, value in (values or {}).items():
        if field not in ("symbol", "session", "dated_on", "original_language"):
            raise ValueError(f"Not a setting of the report: {field}")
        setattr(report, field, value.strip() if isinstance(value, str) else value)
    for field, value in _sanitised_texts(texts or {}).items():
        setattr(report, field, value)
    report.full_clean()
    report.save()
    for account in report.accounts.filter(pk__in=list(accounts or {})):
        for code, text in accounts[account.pk].items():
            setattr(account, f"text_{code.replace('-', '_')}", sanitise(text) or None)
        account.save()
    add_webinar_accounts(report=report)
    return report


def committee_document(report, *, language: str, data=None) -> ReportDocument:
    """The report in ``language``: as frozen once final, else written from today's data."""
    from reporting.committee_report import build_committee_report, report_data

    if report.frozen_data and language in report.frozen_data:
        return document_from_data(report.frozen_data[language])
    return build_committee_report(report, data or report_data(year=report.year), language=language)


@transaction.atomic
def finalise_committee_report(*, report, actor):
    """Freeze the report with its data: the document in every language, and its DOCX and PDF.

    From now on the generated parts no longer follow the data: the committee reads what
    the Secretariat finalised, and the files can be made again from the frozen data.
    """
    from django.conf import settings
    from django.utils import timezone

    from reporting.committee_report import report_data
    from reporting.models import CommitteeReport

    require_permission(actor, "reporting.finalise_committeereport")
    report = CommitteeReport.objects.select_for_update().get(pk=report.pk)
    report.change_state(CommitteeReport.State.FINAL)
    data = report_data(year=report.year)
    documents = {code: committee_document(report, language=code, data=data) for code, _name in settings.LANGUAGES}
    report.frozen_data = {code: document_data(document) for code, document in documents.items()}
    original = documents.get(report.original_language) or documents[settings.LANGUAGE_CODE]
    name = f"{report.symbol.replace('/', '-').replace(' ', '')}-{report.original_language}"
    for fmt, field in (("docx", report.frozen_docx), ("pdf", report.frozen_pdf)):
        content, _type, extension = render_document(original, fmt)
        field.save(f"{name}.{extension}", ContentFile(content), save=False)
    report.finalised_at = timezone.now()
    report.save()
    return report


@transaction.atomic
def submit_committee_report(*, report, actor):
    """Record that the final report went to the committee."""
    from django.utils import timezone

    from reporting.models import CommitteeReport

    require_permission(actor, "reporting.submit_committeereport")
    report = CommitteeReport.objects.select_for_update().get(pk=report.pk)
    report.change_state(CommitteeReport.State.SUBMITTED)
    report.submitted_at = timezone.now()
    report.save(update_fields=["state", "submitted_at", "updated_at"])
    return report


# --- The decision tracker ----------------------------------------------------------------------


@transaction.atomic
def change_measure_state(*, measure, state: str, since, actor):
    """Move a measure to ``state``, effective on ``since`` (the day it took effect, not today).

    The Secretariat records a state long after it took effect (a 2017 measure entered in
    2026), so the effective day is asked for every time the state changes; history still
    keeps who changed it and when. A state cannot take effect before the decision that
    called for the measure.
    """
    from reporting.models import Measure, state_before_decision_message

    require_permission(actor, "reporting.change_measure")
    if since is None:
        raise ValidationError({"state_since": _("Give the day the new state took effect.")})
    measure = Measure.objects.select_for_update().select_related("decision").get(pk=measure.pk)
    if since < measure.decision.decided_on:
        raise ValidationError({"state_since": state_before_decision_message(measure.decision)})
    measure.change_state(state)
    measure.state_since = since
    measure._history_user = actor
    measure.full_clean()
    measure.save()
    return measure


def _session_by_number(number):
    """The session with this number, or a message saying there is none (an event needs a real session)."""
    from reporting.models import Session

    if number is None:
        return None
    session = Session.objects.filter(number=number).first()
    if session is None:
        raise ValidationError(
            {"session": _("There is no session %(number)s of the committee; add it first.") % {"number": number}}
        )
    return session


@transaction.atomic
def record_measure_event(
    *,
    measure,
    kind: str,
    session_number: int | None,
    text: dict[str, str],
    actor,
    occurred_on=None,
    references: list[dict] = (),
):
    """Record that a measure was implemented, examined, decided or followed up at a session.

    ``text`` gives the text in one or more languages ({"en": …, "fr": …}); ``references``
    are the event's references (document, Chair's summary, event or web page), each as the
    fields of a ``DocumentReference``, with ``session_number`` for a Chair's summary. One
    transaction: a reference refused leaves no event behind.
    """
    from modeltranslation.utils import build_localized_fieldname

    from reporting.models import DocumentReference, MeasureEvent

    require_permission(actor, "reporting.add_measureevent", "reporting.add_documentreference")
    roles = {
        MeasureEvent.Kind.IMPLEMENTED: DocumentReference.Role.IMPLEMENTATION,
        MeasureEvent.Kind.EXAMINED: DocumentReference.Role.EXAMINATION,
        MeasureEvent.Kind.DECIDED: DocumentReference.Role.DECISION,
    }
    if kind not in MeasureEvent.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of event.")})
    event = MeasureEvent(
        measure=measure,
        kind=kind,
        session=_session_by_number(session_number),
        occurred_on=occurred_on,
        order=measure.events.count(),
    )
    for language, value in text.items():
        setattr(event, build_localized_fieldname("text", language), value)
    event.full_clean()
    event.save()
    for order, values in enumerate(references):
        values = dict(values)
        reference = DocumentReference(
            measure=measure,
            event=event,
            role=values.pop("role", roles.get(kind, DocumentReference.Role.IMPLEMENTATION)),
            session=_session_by_number(values.pop("session_number", None)),
            order=order,
        )
        for name, value in values.items():
            if isinstance(value, dict):
                for language, text_value in value.items():
                    setattr(reference, build_localized_fieldname(name, language), text_value)
            else:
                setattr(reference, name, value)
        reference.full_clean()
        reference.save()
    return event
