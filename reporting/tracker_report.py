"""The report on the implementation of a decision, as the Secretariat writes it for the committee.

It follows the follow-up report on technical assistance (CDIP/24/8): an introduction
recalling the decision and its sub-decisions, then for each paragraph of the proposal its
text and, measure by measure, the implementation and the examination by the committee
session after session, the decision in the Chair's summary, and the follow-up; then the
invitation to the committee, and the annex (``reporting.annex``) with every reference.
A measure's events (``MeasureEvent``) take precedence; a step without events reads the
measure's own text of that step (the texts kept from before events were recorded).
The exporters lay the ``ReportDocument`` out as DOCX or PDF, in any of the six languages.
"""

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reporting.annex import build_annex
from reporting.document import ReportDocument, Section
from reporting.models import CommitteeDecision, Measure, MeasureEvent
from reporting.selectors import in_decision_order, programme_plans, public_decision

# Within a session, the order the follow-up report tells a measure's story in.
KIND_ORDER = {kind: index for index, kind in enumerate(MeasureEvent.Kind.values)}


def _date(day) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _session_line(decision: CommitteeDecision) -> str:
    session = decision.session
    return _(
        "At its session %(number)s (%(symbol)s), held from %(starts)s to %(ends)s, the committee decided on %(date)s:"
    ) % {
        "number": session.number,
        "symbol": session.symbol,
        "starts": _date(session.starts_on),
        "ends": _date(session.ends_on),
        "date": _date(decision.decided_on),
    }


def introduction(decision: CommitteeDecision) -> tuple[str, ...]:
    """The decision recalled (its sub-decisions one by one), then what the report does."""
    items = list(decision.items.all())
    lines = [_session_line(decision)]
    if items:
        lines += [_("%(label)s) %(text)s") % {"label": item.label, "text": item.text} for item in items]
    elif decision.text:
        lines.append(decision.text)
    lines.append(
        _(
            "This report summarises the implementation of the decision paragraph by paragraph and measure by "
            "measure: what was done, where the committee examined it, what it decided and what follows. The "
            "annex lists the documents, session reports and Chair's summaries for each measure."
        )
    )
    return tuple(lines)


def _event_text(event: MeasureEvent) -> str:
    if event.kind == MeasureEvent.Kind.DECIDED:
        return _("Decision in the Chair's summary: %(text)s") % {"text": event.text}
    return event.text


def _measure_story(measure: Measure) -> list[str]:
    """Implementation and examination session by session, the decisions, then the follow-up."""
    events = sorted(
        measure.events.all(),
        key=lambda event: (
            event.session.number if event.session_id else 10_000,
            KIND_ORDER[event.kind],
            event.order,
            event.pk,
        ),
    )
    at_sessions = [event for event in events if event.kind != MeasureEvent.Kind.FOLLOWED_UP]
    follow_ups = [event for event in events if event.kind == MeasureEvent.Kind.FOLLOWED_UP]
    kinds = {event.kind for event in at_sessions}
    lines = [_("Implementation and examination by the committee")]
    for event in at_sessions:
        lines.append(_event_text(event))
    # A step without events reads the measure's own text of that step.
    if MeasureEvent.Kind.IMPLEMENTED not in kinds and measure.implementation:
        lines.append(measure.implementation)
    if MeasureEvent.Kind.EXAMINED not in kinds and measure.examination:
        lines.append(measure.examination)
    if MeasureEvent.Kind.DECIDED not in kinds and measure.decision_taken:
        lines.append(_("Decision in the Chair's summary: %(text)s") % {"text": measure.decision_taken})
    lines.append(_("Follow-up"))
    if follow_ups:
        lines += [event.text for event in follow_ups]
    elif measure.follow_up:
        lines.append(measure.follow_up)
    for action in measure.actions.all():
        if action.done_on:
            continue
        details = [action.owner] if action.owner else []
        if action.due_at_session_id:
            details.append(_("due at session %(symbol)s") % {"symbol": action.due_at_session.symbol})
        if action.due_on:
            details.append(_("due on %(date)s") % {"date": _date(action.due_on)})
        lines.append(
            _("%(action)s (%(details)s)") % {"action": action.description, "details": "; ".join(details)}
            if details
            else action.description
        )
    if measure.state_since:
        lines.append(
            _("State of the measure: %(state)s since %(date)s.")
            % {"state": measure.get_state_display(), "date": _date(measure.state_since)}
        )
    return lines


def _produced_line(years: list[int]) -> str:
    if not years:
        return _("In the portal, this measure produced the webinar programme.")
    return _(
        "In the portal, this measure produced the webinar programme, its annual plans (%(years)s) and the "
        "annual reports on the webinars held."
    ) % {"years": ", ".join(str(year) for year in years)}


def body_sections(decision: CommitteeDecision) -> list[Section]:
    """For each paragraph its text, then one section per measure, in the decision's order.

    A measure without a paragraph has no paragraph section of its own (it comes first, as in the
    annex: the empty label sorts before "1").
    """
    measures = in_decision_order(decision.ordered_measures)
    paragraphs = {paragraph.label: paragraph for paragraph in decision.ordered_paragraphs}
    plan_years = None
    sections = []
    current = object()
    for measure in measures:
        if measure.paragraph != current:
            current = measure.paragraph
            siblings = [other for other in measures if other.paragraph == measure.paragraph]
            lines = []
            paragraph = paragraphs.get(measure.paragraph)
            if paragraph is not None:
                lines += [line for line in paragraph.text.splitlines() if line.strip()]
            if len(siblings) > 1:
                lines.append(
                    ngettext(
                        "Under paragraph %(paragraph)s, %(count)s distinct measure was identified.",
                        "Under paragraph %(paragraph)s, %(count)s distinct measures were identified.",
                        len(siblings),
                    )
                    % {"paragraph": measure.paragraph, "count": len(siblings)}
                )
            if measure.paragraph:
                sections.append(
                    Section(
                        title=_("Paragraph %(paragraph)s") % {"paragraph": measure.paragraph}, paragraphs=tuple(lines)
                    )
                )
        story = _measure_story(measure)
        if measure.has_webinar_programme:
            if plan_years is None:
                plan_years = [plan.year for plan in programme_plans()]
            story.append(_produced_line(plan_years))
        sections.append(
            Section(
                title=_("Measure %(number)s: %(title)s") % {"number": measure.number, "title": measure.title},
                paragraphs=tuple(story),
            )
        )
    return sections


def invitation() -> Section:
    return Section(
        title=_("Invitation to the committee"),
        paragraphs=(_("The Committee is invited to take note of the information contained in this document."),),
    )


def build_tracker_report(decision: CommitteeDecision, *, language: str) -> ReportDocument:
    """The whole report in one language: introduction, paragraphs and measures, invitation, annex."""
    with translation.override(language):
        decision = public_decision(pk=decision.pk)
        annex = build_annex(decision, language=language)
        sections = body_sections(decision)
        return ReportDocument(
            title=_("Report on the implementation of the decision: %(title)s") % {"title": decision.title},
            language=language,
            subtitle=_("prepared by the Secretariat"),
            symbol=decision.source_document,
            intro=introduction(decision),
            sections=(*sections, invitation(), *annex.sections),
            is_empty=not decision.ordered_measures,
        )
