"""The annual report to the committee as a committee document (a ReportDocument).

The strategy: the Secretariat reports every year to the committee on the webinars held,
in a document the committee can take: a symbol and a session at the top, the original
language and the date, numbered paragraphs from the first to the closing one ("The
Committee is invited to take note..."), and an annex of figures. The Secretariat's texts
(``CommitteeReport``) are woven with the parts generated from the data: one numbered part
per webinar held, the consultation held in the year, the balance of experts and languages,
what the previous year's feedback changed, and next year's plan. The annex is the yearly
figures report itself (``annual_report.build_annual_report``, without the costs).

Texts are in the document's language; a Secretariat text not translated yet is given in
the report's original language (then the portal's fallback languages), and the document
says which language it is in.
"""

from dataclasses import dataclass, replace

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname, resolution_order

from reporting.annual_report import _Builder, build_annual_report
from reporting.document import Block, ReportDocument, Section, Table
from reporting.figures import AnnualFigures, annual_figures
from reporting.richtext import text_blocks
from reporting.selectors import ConsultationFacts, WebinarFacts, consultation_facts, topic_suggestions_of_year


def default_closing_paragraph() -> str:
    return _("The Committee is invited to take note of the information contained in this document.")


@dataclass(frozen=True)
class ReportData:
    """Everything the document is written from, read once for every language."""

    figures: AnnualFigures
    webinars: tuple[WebinarFacts, ...]
    consultation: ConsultationFacts
    previous_suggestions: int


def report_data(*, year: int) -> ReportData:
    from reporting.selectors import webinar_facts

    figures = annual_figures(first_year=year, last_year=year)
    return ReportData(
        figures=figures,
        webinars=tuple(webinar_facts([line.webinar for line in figures.held])),
        consultation=consultation_facts(year=year),
        previous_suggestions=topic_suggestions_of_year(year=year - 1),
    )


def _language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def translated_text(obj, field_name: str, *, language: str, original: str) -> tuple[str, str]:
    """(text, language it is in): the document's language, else the original, else the fallbacks."""
    order = [language, original, *resolution_order(language)]
    for code in dict.fromkeys(order):
        value = getattr(obj, build_localized_fieldname(field_name, code), None)
        if value:
            return value, code
    return "", language


def _names(items) -> str:
    return ", ".join(str(item) for item in items)


class _Numbering:
    def __init__(self):
        self.number = 0

    def paragraph(self, text: str, *, language: str = "") -> Block:
        self.number += 1
        return Block("paragraph", text, number=self.number, language=language)


class _CommitteeBuilder:
    def __init__(self, report, data: ReportData, language: str):
        self.report = report
        self.data = data
        self.language = language
        self.numbers = _Numbering()
        self.figures_builder = _Builder(data.figures)

    # -- texts ---------------------------------------------------------------------------------
    def secretariat_text(self, field_name: str, obj=None) -> list[Block]:
        """A text of the report (or of ``obj``, a webinar account or a webinar), numbered, with its language said."""
        text, written_in = translated_text(
            obj if obj is not None else self.report,
            field_name,
            language=self.language,
            original=self.report.original_language,
        )
        marker = written_in if written_in != self.language else ""
        blocks = []
        if marker and text:
            blocks.append(
                Block(
                    "note",
                    _("This text is not translated yet; it is given in %(language)s.")
                    % {"language": _language_name(written_in)},
                )
            )
        for block in text_blocks(text):
            if block.kind == "paragraph":
                blocks.append(self.numbers.paragraph(block.text, language=marker))
            else:
                blocks.append(Block(block.kind, block.text, language=marker))
        return blocks

    def generated(self, *texts: str) -> list[Block]:
        return [self.numbers.paragraph(text) for text in texts if text]

    # -- sections ------------------------------------------------------------------------------
    def introduction(self) -> Section:
        blocks = self.secretariat_text("introduction")
        blocks += self.generated(*self.figures_builder.intro())
        return Section(title=_("Introduction"), blocks=tuple(blocks))

    def programme(self) -> list[Section]:
        figures = self.data.figures
        count = figures.webinars_held
        opening = (
            ngettext(
                "The programme of %(year)s: the webinar held is described below.",
                "The programme of %(year)s: the %(count)s webinars held are described below, one by one.",
                count,
            )
            % {"year": self.report.year, "count": count}
            if count
            else _("No webinar was held in %(year)s.") % {"year": self.report.year}
        )
        sections = [
            Section(
                title=_("The programme of the year"),
                blocks=tuple(self.generated(opening)),
                tables=(self.participation_by_group(),) if count else (),
            )
        ]
        lines = {line.webinar.pk: line for line in figures.held}
        accounts = {account.webinar_id: account for account in self.report.accounts.all()}
        for index, facts in enumerate(self.data.webinars, start=1):
            sections.append(self.webinar_section(index, facts, lines[facts.webinar.pk], accounts.get(facts.webinar.pk)))
        return sections

    def participation_by_group(self) -> Table:
        """The year's registrations and attendance by the regional group of each participant's state."""
        figures = self.data.figures
        groups = sorted(
            ((figures.group_names.get(key), counts) for key, counts in figures.registrations_by_group.items()),
            key=lambda row: (row[0] is None, row[0].order if row[0] else 0, row[0].name if row[0] else ""),
        )
        return Table(
            key="participation_by_group",
            title=_("Participants by regional group"),
            columns=(_("Regional group"), _("Registered"), _("Attended")),
            rows=tuple(
                (group.name if group else _("No group or unknown country"), counts.registered, counts.attended)
                for group, counts in groups
            ),
            empty_text=_("Nobody registered."),
        )

    def webinar_section(self, index: int, facts: WebinarFacts, line, account) -> Section:
        webinar = facts.webinar
        date = formats.date_format(timezone.localtime(webinar.starts_at).date(), "j F Y") if webinar.starts_at else ""
        languages = facts.delivered_languages or ()
        delivered = _names(language.name for language in languages) or _("not recorded yet")
        blocks = self.generated(
            _("The webinar was held on %(date)s for %(regions)s and delivered in %(languages)s. Experts: %(experts)s.")
            % {
                "date": date,
                "regions": _names(region.name for region in facts.regions) or "-",
                "languages": delivered,
                "experts": _names(expert.name for expert in facts.experts) or _("none recorded"),
            },
            _("Objectives: %(objectives)s") % {"objectives": " ".join(webinar.objectives.split())}
            if webinar.objectives
            else "",
        )
        if account is not None:
            blocks += self.secretariat_text("text", account)
        else:
            blocks += self.secretariat_text("summary", webinar)
        attendance = ngettext(
            "%(registered)s person registered and %(attended)s attended.",
            "%(registered)s people registered and %(attended)s attended.",
            line.registered,
        ) % {"registered": line.registered, "attended": line.attended}
        feedback = (
            ngettext(
                "Participants gave %(count)s answer to the feedback survey, with an average score of "
                "%(average)s out of 5.",
                "Participants gave %(count)s answers to the feedback survey, with an average score of "
                "%(average)s out of 5.",
                line.feedback_count,
            )
            % {"count": line.feedback_count, "average": line.average_rating}
            if line.feedback_count
            else _("No participant answered the feedback survey.")
        )
        blocks += self.generated(f"{attendance} {feedback}")
        if facts.by_state:
            # One line rather than a table: a webinar draws participants from a hundred states, and five
            # tables of a hundred rows would bury the account (the annex has the year's table by country).
            states = "; ".join(
                _("%(state)s %(registered)s/%(attended)s")
                % {"state": state.name if state else code, "registered": registered, "attended": attended}
                for code, state, registered, attended in facts.by_state
            )
            blocks.append(
                Block(
                    "paragraph",
                    _("Participants by member state (registered/attended): %(states)s.") % {"states": states},
                )
            )
        columns = (_("Registered"), _("Attended"))
        tables = (
            Table(
                key=f"webinar{index}_regions",
                title=_("Participants by region"),
                columns=(_("Region"), *columns),
                rows=tuple(
                    (region.name if region else _("Other or unknown region"), registered, attended)
                    for region, registered, attended in facts.by_region
                ),
                empty_text=_("Nobody registered."),
            ),
        )
        title = _("Webinar %(number)s: %(title)s") % {"number": index, "title": webinar.title}
        return Section(title=title, blocks=tuple(blocks), tables=tables, level=2)

    def consultation(self) -> Section:
        facts = self.data.consultation
        blocks = []
        if facts.cycle is None:
            blocks += self.generated(
                _("No consultation on the webinars of %(year)s was held.") % {"year": self.report.year + 1}
            )
        else:
            proposals = facts.proposals
            states = [proposal.state for proposal in proposals]
            adopted = sum(1 for proposal in proposals if proposal.kind == "adoption")
            blocks += self.generated(
                ngettext(
                    "In the consultation on the webinars of %(year)s, %(count)s regional group answered: %(groups)s.",
                    "In the consultation on the webinars of %(year)s, %(count)s regional groups answered: %(groups)s.",
                    len(facts.groups_answered),
                )
                % {
                    "year": self.report.year + 1,
                    "count": len(facts.groups_answered),
                    "groups": _names(group.name for group in facts.groups_answered) or "-",
                },
                _(
                    "The groups sent %(count)s proposals, %(adopted)s of which adopted a topic the Secretariat "
                    "offered. Retained in the plan: %(retained)s; merged with another proposal: %(merged)s; "
                    "not retained: %(declined)s."
                )
                % {
                    "count": len(proposals),
                    "adopted": adopted,
                    "retained": states.count("retained"),
                    "merged": states.count("merged"),
                    "declined": states.count("declined"),
                },
            )
            declined = [proposal for proposal in proposals if proposal.state == "declined"]
            if declined:
                blocks += self.generated(_("The proposals not retained, and why:"))
                blocks += [
                    Block(
                        "item",
                        _("%(title)s (%(group)s): %(reason)s")
                        % {
                            "title": proposal.title,
                            "group": proposal.group.name,
                            "reason": proposal.decision_reason or _("no reason recorded"),
                        },
                    )
                    for proposal in declined
                ]
            if facts.plan_comments:
                blocks += self.generated(_("The groups commented on the draft plan as follows:"))
                blocks += [
                    Block("item", _("%(group)s: %(text)s") % {"group": comment.group.name, "text": comment.text})
                    for comment in facts.plan_comments
                ]
        blocks += self.secretariat_text("consultation_remarks")
        return Section(title=_("The consultation"), blocks=tuple(blocks))

    def balance(self) -> Section:
        experts = self.figures_builder.experts_section()
        blocks = self.secretariat_text("balance_remarks")
        blocks = (
            self.generated(
                _(
                    "The tables below show the experts who gave the webinars, by gender and by region, and the "
                    "languages each regional group asked for against those the webinars were delivered in."
                )
            )
            + blocks
        )
        # The annex draws the charts of these tables; here they are tables only, under keys of their own.
        tables = (*experts.tables, self.figures_builder.languages_by_group_table())
        return Section(
            title=_("Balance: experts and languages"),
            blocks=tuple(blocks),
            tables=tuple(replace(table, key=f"balance_{table.key}", chart=None, links=()) for table in tables),
        )

    def feedback_changes(self) -> Section:
        count = self.data.previous_suggestions
        previous = self.report.year - 1
        blocks = self.generated(
            ngettext(
                "Participants in the webinars of %(year)s suggested %(count)s topic for future webinars; the "
                "Secretariat took them into account in preparing the programme.",
                "Participants in the webinars of %(year)s suggested %(count)s topics for future webinars; the "
                "Secretariat took them into account in preparing the programme.",
                count,
            )
            % {"year": previous, "count": count}
            if count
            else ""
        )
        blocks += self.secretariat_text("feedback_changes")
        if not blocks:
            blocks = self.generated(
                _("Nothing is reported on what the feedback of %(year)s changed.") % {"year": previous}
            )
        return Section(title=_("What the previous year's feedback changed"), blocks=tuple(blocks))

    def next_year(self) -> Section:
        facts = self.data.consultation
        next_year = self.report.year + 1
        if facts.next_plan is None:
            blocks = self.generated(_("The plan for %(year)s is not published yet.") % {"year": next_year})
        else:
            blocks = self.generated(
                ngettext(
                    "The plan for %(year)s holds %(count)s webinar:",
                    "The plan for %(year)s holds %(count)s webinars:",
                    len(facts.next_entries),
                )
                % {"year": next_year, "count": len(facts.next_entries)}
            )
            blocks += [
                Block(
                    "item",
                    _("%(title)s; regions: %(regions)s; languages: %(languages)s")
                    % {
                        "title": entry.title,
                        "regions": _names(region.name for region in entry.regions.all()) or "-",
                        "languages": _names(language.name for language in entry.languages.all()) or "-",
                    },
                )
                for entry in facts.next_entries
            ]
        blocks += self.secretariat_text("next_year_remarks")
        return Section(title=_("Next year's plan"), blocks=tuple(blocks))

    def closing(self) -> Section:
        blocks = self.secretariat_text("closing_paragraph")
        if not blocks:
            blocks = self.generated(default_closing_paragraph())
        return Section(title="", blocks=tuple(blocks))


def committee_title(report) -> str:
    text, _written_in = translated_text(
        report, "title", language=translation.get_language(), original=report.original_language
    )
    return text or _("Report on the webinars of the technical-assistance programme in %(year)s") % {"year": report.year}


def build_committee_report(report, data: ReportData, *, language: str) -> ReportDocument:
    """The committee document of ``report`` in ``language``, from data read once (``report_data``)."""
    with translation.override(language):
        builder = _CommitteeBuilder(report, data, language)
        sections = [builder.introduction(), *builder.programme(), builder.consultation(), builder.balance()]
        sections += [builder.feedback_changes(), builder.next_year(), builder.closing()]
        annex = build_annual_report(data.figures, language=language, include_costs=False)
        session = report.session
        return ReportDocument(
            title=committee_title(report),
            language=language,
            symbol=report.symbol,
            header_lines=(
                _("ORIGINAL: %(language)s") % {"language": _language_name(report.original_language)},
                _("DATE: %(date)s") % {"date": formats.date_format(report.dated_on, "j F Y")},
            ),
            committee=_("Committee on Development and Intellectual Property (%(acronym)s)")
            % {"acronym": settings.PORTAL_COMMITTEE_ACRONYM},
            session=_("Session %(number)s, %(venue)s, %(first)s to %(last)s")
            % {
                "number": session.number,
                "venue": session.venue or "-",
                "first": formats.date_format(session.starts_on, "j F Y"),
                "last": formats.date_format(session.ends_on, "j F Y"),
            },
            subtitle=_("Document prepared by the Secretariat"),
            sections=tuple(sections),
            annex_title=_("Annex: the figures of %(year)s") % {"year": report.year},
            annex=annex.sections,
            is_empty=data.figures.is_empty,
        )
