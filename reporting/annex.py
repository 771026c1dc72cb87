"""The annex of the Secretariat's report on a decision, as a ``ReportDocument``.

It reproduces the annex of the report on the implementation of the member states'
decision on technical assistance (CDIP/24/8): one row per measure, and for each the
documents on its implementation, where the committee examined it, what it decided (the
Chair's summary) and the follow-up. The exporters (``reporting.exports``) lay it out
as DOCX or XLSX; the texts are translated here, in the language chosen at export, with
the same fallback as the pages (a text missing in Arabic is given in English).
"""

from django.utils import formats, translation
from django.utils.translation import gettext as _

from reporting.document import ReportDocument, Section, Table
from reporting.models import CommitteeDecision, DocumentReference, Measure
from reporting.selectors import in_decision_order, public_decision


def _lines(*parts: str) -> str:
    """One cell, one item per line (empty items left out)."""
    return "\n".join(part for part in parts if part)


def reference_line(reference: DocumentReference) -> str:
    """A reference in its own form, as in the follow-up report.

    A document: "paragraphs 98 to 112, Report of the session (CDIP/21/15)"; a Chair's summary:
    "paragraph 8.1 of the Summary by the Chair of session 21 (CDIP/21)"; an event: "Round table,
    Geneva, 12 May 2017"; a web page: "Technical assistance (https://…)".
    """
    kinds = DocumentReference.Kind
    if reference.kind == kinds.CHAIR_SUMMARY and reference.session_id:
        session = reference.session
        if reference.title:
            summary = _("%(title)s (%(symbol)s)") % {"title": reference.title, "symbol": session.symbol}
        else:
            summary = _("Summary by the Chair of session %(number)s (%(symbol)s)") % {
                "number": session.number,
                "symbol": session.symbol,
            }
        if reference.paragraphs:
            return _("%(paragraphs)s of the %(summary)s") % {"paragraphs": reference.paragraphs, "summary": summary}
        return summary
    if reference.kind == kinds.EVENT:
        parts = [reference.title, reference.place]
        if reference.held_on:
            parts.append(formats.date_format(reference.held_on, "DATE_FORMAT"))
        line = ", ".join(part for part in parts if part)
        return _("%(event)s (%(symbol)s)") % {"event": line, "symbol": reference.symbol} if reference.symbol else line
    if reference.kind == kinds.WEB_PAGE:
        return _("%(title)s (%(url)s)") % {"title": reference.title, "url": reference.url}
    return _document_line(reference)


def _document_line(document: DocumentReference) -> str:
    """'Title (CDIP/21/4)' as in the annex; a reference with paragraphs names them first."""
    title = document.title or ""
    if not document.symbol:
        return ", ".join(part for part in (document.paragraphs, title) if part)
    if document.paragraphs:
        if title:
            return _("%(paragraphs)s, %(title)s (%(symbol)s)") % {
                "paragraphs": document.paragraphs,
                "title": title,
                "symbol": document.symbol,
            }
        return _("%(paragraphs)s (%(symbol)s)") % {"paragraphs": document.paragraphs, "symbol": document.symbol}
    if title:
        return _("%(title)s (%(symbol)s)") % {"title": title, "symbol": document.symbol}
    return document.symbol


def _measure_cell(measure: Measure) -> str:
    heading = (
        _("Paragraph %(paragraph)s, measure %(number)s") % {"paragraph": measure.paragraph, "number": measure.number}
        if measure.paragraph
        else _("Measure %(number)s") % {"number": measure.number}
    )
    return _lines(heading, measure.title, _("State: %(state)s") % {"state": measure.get_state_display()})


def _follow_up_cell(measure: Measure) -> str:
    actions = []
    for action in measure.actions.all():
        parts = [action.description]
        if action.owner:
            parts.append(_("owner: %(owner)s") % {"owner": action.owner})
        if action.done_on:
            parts.append(_("done on %(date)s") % {"date": formats.date_format(action.done_on, "DATE_FORMAT")})
        elif action.due_on:
            parts.append(_("due on %(date)s") % {"date": formats.date_format(action.due_on, "DATE_FORMAT")})
        actions.append("; ".join(parts))
    return _lines(measure.follow_up, *actions)


def annex_columns() -> tuple[str, ...]:
    return (
        _("Measure"),
        _("Implementation"),
        _("Examination by the committee"),
        _("Decision (Chair's summary)"),
        _("Follow-up"),
    )


def build_annex(decision: CommitteeDecision, *, language: str) -> ReportDocument:
    """The annex of a decision in one language: a table with one row per measure, in the decision's order."""
    with translation.override(language):
        decision = public_decision(pk=decision.pk)
        rows = []
        for measure in in_decision_order(decision.ordered_measures):
            rows.append(
                (
                    _measure_cell(measure),
                    _lines(*map(reference_line, measure.implementation_documents)),
                    _lines(*map(reference_line, measure.examination_documents)),
                    _lines(*map(reference_line, measure.decision_documents), measure.decision_taken),
                    _follow_up_cell(measure),
                )
            )
        table = Table(
            key="annex",
            title=_("Implementation of the decision, measure by measure"),
            columns=annex_columns(),
            rows=tuple(rows),
            empty_text=_("No measure has been recorded for this decision yet."),
        )
        subtitle = _("Decision of the committee at its session %(session)s, %(date)s") % {
            "session": decision.session.number,
            "date": formats.date_format(decision.decided_on, "DATE_FORMAT"),
        }
        intro = tuple(part for part in (decision.agenda_item, decision.text) if part)
        return ReportDocument(
            title=decision.title,
            language=language,
            subtitle=subtitle,
            symbol=decision.source_document,
            intro=intro,
            sections=(Section(title=_("Annex"), tables=(table,)),),
            is_empty=not rows,
            is_landscape=True,
        )
