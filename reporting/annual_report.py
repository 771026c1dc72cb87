"""The yearly report to the committee on the webinars held, as a ReportDocument.

The strategy: the Secretariat reports every year to the committee on the webinars
held. The document is written from AnnualFigures in one language; the staff page and
every export (CSV, XLSX, DOCX, PDF) lay out this one document, so they all say the same.
Every table row links to the records behind it: the admin's list of those records,
filtered (only lookups the admin accepts from an address: local fields, the list
filters, or ids).
"""

from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from participants.models import Registration
from reporting.document import Chart, ReportDocument, Section, Table
from reporting.figures import AnnualFigures, WebinarFigures
from webinars.models import Expert


def _ids(ids) -> str:
    return ",".join(str(pk) for pk in sorted(ids))


def _changelist(model: str, **params) -> str:
    url = reverse(f"admin:{model}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def _change(model: str, pk: int) -> str:
    return reverse(f"admin:{model}_change", args=[pk])


def _years_filter(figures: AnnualFigures, field: str) -> dict[str, int]:
    if figures.is_single_year:
        return {f"{field}__year": figures.first_year}
    return {f"{field}__year__gte": figures.first_year, f"{field}__year__lte": figures.last_year}


def _period(figures: AnnualFigures) -> str:
    if figures.is_single_year:
        return str(figures.first_year)
    return _("%(first)s to %(last)s") % {"first": figures.first_year, "last": figures.last_year}


def _yes_no(value: bool) -> str:
    return pgettext("follow-up item published", "Yes") if value else pgettext("follow-up item published", "No")


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _money(amount: Decimal | None) -> float | None:
    """An amount as a table cell (two decimals at most); None stays an empty cell."""
    return None if amount is None else round(float(amount), 2)


def _difference(estimated: Decimal | None, actual: Decimal | None) -> float | None:
    """Actual minus estimated: positive when the webinar cost more than planned."""
    return None if estimated is None or actual is None else _money(actual - estimated)


class _Builder:
    def __init__(self, figures: AnnualFigures):
        self.figures = figures
        self.held_ids = _ids(figures.held_ids) or "0"
        self.held_filter = {"status__exact": "held", **_years_filter(figures, "starts_at")}

    def webinar_title(self, webinar_id: int) -> str:
        for line in self.figures.held:
            if line.webinar.pk == webinar_id:
                return line.webinar.title
        return ""

    def intro(self) -> tuple[str, ...]:
        f = self.figures
        period = _period(f)
        if not f.webinars_held:
            paragraphs = [
                _("No webinar was held in %(year)s.") % {"year": f.first_year}
                if f.is_single_year
                else _("No webinar was held from %(first)s to %(last)s.") % {"first": f.first_year, "last": f.last_year}
            ]
        elif not f.webinars_planned:
            paragraphs = [
                ngettext(
                    "In %(period)s the Secretariat held %(held)s webinar of the technical-assistance programme; "
                    "no plan was published for it.",
                    "In %(period)s the Secretariat held %(held)s webinars of the technical-assistance programme; "
                    "no plan was published for them.",
                    f.webinars_held,
                )
                % {"period": period, "held": f.webinars_held}
            ]
        else:
            paragraphs = [
                ngettext(
                    "In %(period)s the Secretariat held %(held)s webinar of the technical-assistance programme, "
                    "for %(planned)s entries in the published plan.",
                    "In %(period)s the Secretariat held %(held)s webinars of the technical-assistance programme, "
                    "for %(planned)s entries in the published plan.",
                    f.webinars_held,
                )
                % {"period": period, "held": f.webinars_held, "planned": f.webinars_planned}
            ]
        if f.webinars_cancelled:
            paragraphs.append(
                ngettext("%(count)s webinar was cancelled.", "%(count)s webinars were cancelled.", f.webinars_cancelled)
                % {"count": f.webinars_cancelled}
            )
        if f.registered:
            paragraphs.append(
                ngettext(
                    "%(registered)s person registered and %(attended)s attended (%(rate)s%%).",
                    "%(registered)s people registered and %(attended)s attended (%(rate)s%%).",
                    f.registered,
                )
                % {"registered": f.registered, "attended": f.attended, "rate": _percent(f.attended, f.registered)}
            )
        if f.feedback_count:
            paragraphs.append(
                ngettext(
                    "Participants gave %(count)s answer to the feedback survey, with an average score of "
                    "%(average)s out of 5.",
                    "Participants gave %(count)s answers to the feedback survey, with an average score of "
                    "%(average)s out of 5.",
                    f.feedback_count,
                )
                % {"count": f.feedback_count, "average": f.average_rating}
            )
        if f.proposals_received:
            retained = sum(states.get("retained", 0) for states in f.proposals_by_group.values())
            paragraphs.append(
                ngettext(
                    "The regional groups sent %(count)s proposal in the consultation; retained in the plan: "
                    "%(retained)s.",
                    "The regional groups sent %(count)s proposals in the consultation; retained in the plan: "
                    "%(retained)s.",
                    f.proposals_received,
                )
                % {"count": f.proposals_received, "retained": retained}
            )
        return tuple(paragraphs)

    # Sections ----------------------------------------------------------------------

    def plan_section(self) -> Section:
        f = self.figures
        rows, links = [], []
        for year in f.years:
            rows.append((year.year, year.capacity, year.planned, year.held, year.cancelled))
            links.append(_changelist("webinars_webinar", status__exact="held", starts_at__year=year.year))
        by_year = Table(
            key="plan",
            title=_("Webinars held against the plan"),
            columns=(_("Year"), _("Capacity"), _("In the published plan"), _("Held"), _("Cancelled")),
            rows=tuple(rows),
            links=tuple(links),
            chart=Chart(label_column=0, value_columns=(2, 3, 4), title=_("Planned, held and cancelled webinars")),
            note=_("The plan is each year's published plan; a year without one shows a capacity of 0."),
        )
        held = Table(
            key="held",
            title=_("Webinars held"),
            columns=(_("Webinar"), _("Date"), _("Topic"), _("Series"), _("Registered"), _("Attended")),
            rows=tuple(
                (
                    line.webinar.title,
                    timezone.localtime(line.webinar.starts_at).date().isoformat(),
                    line.webinar.topic.title,
                    line.webinar.series.title if line.webinar.series_id else "",
                    line.registered,
                    line.attended,
                )
                for line in f.held
            ),
            links=tuple(_change("webinars_webinar", line.webinar.pk) for line in f.held),
            empty_text=_("No webinar was held."),
        )
        cancelled = Table(
            key="cancelled",
            title=_("Webinars cancelled"),
            columns=(_("Webinar"), _("Year")),
            rows=tuple((webinar.title, webinar.report_year) for webinar in f.cancelled),
            links=tuple(_change("webinars_webinar", webinar.pk) for webinar in f.cancelled),
            empty_text=_("No webinar was cancelled."),
        )
        return Section(title=_("The plan and the webinars held"), tables=(by_year, held, cancelled))

    def topics_section(self) -> Section:
        f = self.figures
        topics = sorted(f.topics.items(), key=lambda item: (-item[1], str(f.topic_names[item[0]].title)))
        series = sorted(f.series.items(), key=lambda item: (-item[1], str(f.series_names[item[0]].title)))
        return Section(
            title=_("Topics and series"),
            tables=(
                Table(
                    key="topics",
                    title=_("Topics of the webinars held"),
                    columns=(_("Topic"), _("Webinars held")),
                    rows=tuple((f.topic_names[pk].title, count) for pk, count in topics),
                    links=tuple(
                        _changelist("webinars_webinar", topic__id__exact=pk, **self.held_filter) for pk, _c in topics
                    ),
                    empty_text=_("No webinar was held."),
                ),
                Table(
                    key="series",
                    title=_("Graded series"),
                    columns=(_("Series"), _("Parts held")),
                    rows=tuple((f.series_names[pk].title, count) for pk, count in series),
                    links=tuple(
                        _changelist("webinars_webinar", series__id__exact=pk, **self.held_filter) for pk, _c in series
                    ),
                    empty_text=_("No part of a series was held."),
                ),
            ),
        )

    def regions_section(self) -> Section:
        return Section(
            title=_("Regions and languages: requested and delivered"),
            tables=(self.regions_table(), self.languages_table(), self.languages_by_group_table()),
        )

    def _requested_link(self, filter_name: str, pk: int) -> str:
        return _changelist(
            "proposals_proposal",
            **{f"{filter_name}__id__exact": pk, "cycle__id__in": _ids(self.figures.cycle_ids) or "0"},
        )

    def not_recorded_note(self) -> str:
        """The held webinars without their languages recorded: said the same way under every languages table."""
        count = len(self.figures.held_ids_not_recorded)
        if not count:
            return ""
        return ngettext(
            "%(count)s webinar held has no languages recorded yet: it counts as delivered in none.",
            "%(count)s webinars held have no languages recorded yet: they count as delivered in none.",
            count,
        ) % {"count": count}

    def regions_table(self) -> Table:
        f = self.figures
        names, requested, delivered = f.region_names, f.regions_requested, f.regions_delivered
        keys = sorted(set(requested) | set(delivered), key=lambda pk: (names[pk].order, names[pk].pk))
        title = _("Regions requested and delivered")
        return Table(
            key="regions",
            title=title,
            columns=(_("Region"), _("Requested in proposals"), _("Delivered in webinars held")),
            rows=tuple((names[pk].name, requested.get(pk, 0), delivered.get(pk, 0)) for pk in keys),
            links=tuple(
                self._requested_link("regions", pk)
                if requested.get(pk)
                else _changelist("webinars_webinar", regions__id__exact=pk, **self.held_filter)
                for pk in keys
            ),
            chart=Chart(label_column=0, value_columns=(1, 2), title=title),
            note=_("A proposal or a webinar for several regions or languages counts once for each."),
            empty_text=_("Nothing was requested or delivered."),
        )

    def languages_table(self) -> Table:
        """Each language requested against the held webinars recorded as delivered in it.

        A webinar's planned languages are not what it delivered: a held webinar whose
        languages are not recorded yet counts as delivered in none (as in the table per
        group), and its planned languages are shown in a column of their own.
        """
        f = self.figures
        names, requested, delivered = f.language_names, f.languages_requested, f.languages_delivered
        not_recorded = f.languages_not_recorded
        keys = sorted(
            set(requested) | set(delivered) | set(not_recorded), key=lambda pk: (names[pk].order, names[pk].pk)
        )
        title = _("Languages requested and delivered")

        def link(pk: int) -> str:
            if requested.get(pk):
                return self._requested_link("languages", pk)
            if delivered.get(pk):
                return _changelist("delivery_deliveredlanguage", language__id__exact=pk, webinar__id__in=self.held_ids)
            return _changelist("webinars_webinar", languages__id__exact=pk, id__in=_ids(f.held_ids_not_recorded))

        note = " ".join(
            text
            for text in (
                _("A proposal or a webinar for several regions or languages counts once for each."),
                _(
                    "Delivered as the Secretariat recorded after the webinar (live, interpreted, recording, "
                    "summary or slides); a language a webinar was only planned in does not count. The last "
                    "column shows the languages planned for the webinars held whose languages are not recorded yet."
                ),
                self.not_recorded_note(),
            )
            if text
        )
        return Table(
            key="languages",
            title=title,
            columns=(
                _("Language"),
                _("Requested in proposals"),
                _("Delivered in webinars held"),
                _("Not recorded yet (planned)"),
            ),
            rows=tuple(
                (names[pk].name, requested.get(pk, 0), delivered.get(pk, 0), not_recorded.get(pk, 0)) for pk in keys
            ),
            links=tuple(link(pk) for pk in keys),
            chart=Chart(label_column=0, value_columns=(1, 2, 3), title=title),
            note=note,
            empty_text=_("Nothing was requested or delivered."),
        )

    def languages_by_group_table(self) -> Table:
        """Per group, each language it asked for against the held webinars delivered in it."""
        f = self.figures
        lines = [
            (group_id, language_id, webinar_ids)
            for group_id, languages in f.languages_asked_by_group.items()
            for language_id, webinar_ids in languages.items()
        ]
        lines.sort(
            key=lambda line: (
                f.group_names[line[0]].order,
                f.group_names[line[0]].code,
                f.language_names[line[1]].order,
                f.language_names[line[1]].code,
            )
        )
        rows, links = [], []
        for group_id, language_id, webinar_ids in lines:
            delivered = f.delivered_count(webinar_ids, language_id)
            rows.append(
                (
                    f.group_names[group_id].name,
                    f.language_names[language_id].name,
                    len(webinar_ids),
                    delivered,
                    _percent(delivered, len(webinar_ids)),
                )
            )
            links.append(
                _changelist(
                    "delivery_deliveredlanguage", language__id__exact=language_id, webinar__id__in=_ids(webinar_ids)
                )
            )
        note = _(
            "A group asked for a language when one of its proposals behind a webinar held named it; "
            "delivered as the Secretariat recorded after the webinar (live, interpreted, recording, "
            "summary or slides)."
        )
        if self.not_recorded_note():
            note += " " + self.not_recorded_note()
        return Table(
            key="languages_by_group",
            title=_("Languages asked for and delivered, per regional group"),
            columns=(
                _("Regional group"),
                _("Language"),
                _("Webinars held that asked for it"),
                _("Delivered in it"),
                _("Share delivered (%)"),
            ),
            rows=tuple(rows),
            links=tuple(links),
            note=note,
            empty_text=_("No webinar held came from a group's proposal naming a language."),
        )

    def proposals_section(self) -> Section:
        f = self.figures
        cycles = _ids(f.cycle_ids) or "0"
        groups = sorted(f.proposals_by_group, key=lambda pk: (f.group_names[pk].order, f.group_names[pk].code))
        rows = tuple(
            (
                f.group_names[pk].name,
                sum(f.proposals_by_group[pk].values()),
                f.proposals_by_group[pk].get("retained", 0),
                f.proposals_by_group[pk].get("merged", 0),
                f.proposals_by_group[pk].get("declined", 0),
            )
            for pk in groups
        )
        return Section(
            title=_("Proposals from the regional groups"),
            paragraphs=(
                _(
                    "Proposals received are those submitted in the consultation that prepared the year, "
                    "whatever became of them; withdrawn proposals and drafts are left out."
                ),
            ),
            tables=(
                Table(
                    key="proposals",
                    title=_("Proposals received per regional group"),
                    columns=(_("Regional group"), _("Received"), _("Retained"), _("Merged"), _("Not retained")),
                    rows=rows,
                    links=tuple(
                        _changelist("proposals_proposal", group__id__exact=pk, cycle__id__in=cycles) for pk in groups
                    ),
                    chart=Chart(label_column=0, value_columns=(1, 2, 3, 4), title=_("Proposals per regional group")),
                    empty_text=_("No proposal was received."),
                ),
            ),
        )

    def experts_section(self) -> Section:
        f = self.figures
        genders = [gender for gender in Expert.Gender.values if gender in f.experts_by_gender]
        regions = sorted(
            f.experts_by_region,
            key=lambda pk: (1, 0, 0) if pk is None else (0, f.region_names[pk].order, pk),
        )
        return Section(
            title=_("Experts"),
            paragraphs=(_("Each expert who gave at least one of the webinars held counts once."),),
            tables=(
                Table(
                    key="experts_gender",
                    title=_("Experts by gender"),
                    columns=(_("Gender"), _("Experts")),
                    rows=tuple((str(Expert.Gender(g).label), len(f.experts_by_gender[g])) for g in genders),
                    links=tuple(_changelist("webinars_expert", id__in=_ids(f.experts_by_gender[g])) for g in genders),
                    chart=Chart(label_column=0, value_columns=(1,), title=_("Experts by gender")),
                    empty_text=_("No expert gave a webinar."),
                ),
                Table(
                    key="experts_region",
                    title=_("Experts by region"),
                    columns=(_("Region"), _("Experts")),
                    rows=tuple(
                        (
                            f.region_names[pk].name if pk is not None else _("Region not recorded"),
                            len(f.experts_by_region[pk]),
                        )
                        for pk in regions
                    ),
                    links=tuple(_changelist("webinars_expert", id__in=_ids(f.experts_by_region[pk])) for pk in regions),
                    empty_text=_("No expert gave a webinar."),
                ),
            ),
        )

    def participants_section(self) -> Section:
        f = self.figures
        regions = sorted(
            f.registrations_by_region, key=lambda pk: (pk is None, f.region_names[pk].order if pk else 0, pk or 0)
        )
        held_ids = _ids(item.webinar.pk for item in f.held)
        countries = sorted(f.registrations_by_country, key=lambda c: (-f.registrations_by_country[c].registered, c))
        kinds = [kind for kind in Registration.ParticipantType.values if kind in f.registrations_by_type]
        columns = (_("Registered"), _("Attended"))
        return Section(
            title=_("Participants"),
            paragraphs=(
                _(
                    "Registrations to the webinars held, not counting cancelled ones; attendance as recorded "
                    "after each webinar."
                ),
            ),
            tables=(
                Table(
                    key="participants_region",
                    title=_("Registrations and attendance by the participant's region"),
                    columns=(_("Region"), *columns),
                    rows=tuple(
                        (
                            f.region_names[pk].name if pk else _("Other or unknown region"),
                            f.registrations_by_region[pk].registered,
                            f.registrations_by_region[pk].attended,
                        )
                        for pk in regions
                    ),
                    links=tuple(
                        _changelist(
                            "participants_registration",
                            webinar__id__in=held_ids,
                            country__in=",".join(f.countries_by_region[pk]),
                        )
                        for pk in regions
                    ),
                    chart=Chart(label_column=0, value_columns=(1, 2), title=_("Participants by region")),
                    note=_(
                        "The region of the participant's country; a country outside the programme's regions "
                        "counts as other."
                    ),
                    empty_text=_("Nobody registered."),
                ),
                Table(
                    key="participants_country",
                    title=_("Registrations and attendance by country"),
                    columns=(_("Country"), *columns),
                    rows=tuple(
                        (
                            country,
                            f.registrations_by_country[country].registered,
                            f.registrations_by_country[country].attended,
                        )
                        for country in countries
                    ),
                    links=tuple(
                        _changelist("participants_registration", country__exact=country, webinar__id__in=self.held_ids)
                        for country in countries
                    ),
                    note=_("Countries by their two-letter ISO 3166-1 code."),
                    empty_text=_("Nobody registered."),
                ),
                Table(
                    key="participants_type",
                    title=_("Registrations and attendance by type of participant"),
                    columns=(_("Type of participant"), *columns),
                    rows=tuple(
                        (
                            str(Registration.ParticipantType(kind).label),
                            f.registrations_by_type[kind].registered,
                            f.registrations_by_type[kind].attended,
                        )
                        for kind in kinds
                    ),
                    links=tuple(
                        _changelist(
                            "participants_registration", participant_type__exact=kind, webinar__id__in=self.held_ids
                        )
                        for kind in kinds
                    ),
                    chart=Chart(label_column=0, value_columns=(1, 2), title=_("Participants by type")),
                    empty_text=_("Nobody registered."),
                ),
            ),
        )

    def feedback_section(self) -> Section:
        f = self.figures
        answered = [line for line in f.held if line.feedback_count]

        def comments(key, title, column, items):
            return Table(
                key=key,
                title=title,
                columns=(_("Webinar"), column),
                rows=tuple((self.webinar_title(item.webinar_id), item.text) for item in items),
                links=tuple(_changelist("webinars_feedback", webinar__id__exact=item.webinar_id) for item in items),
                empty_text=_("No comment was given."),
            )

        overall = (
            _("Overall: %(count)s answers, average score %(average)s out of 5.")
            % {"count": f.feedback_count, "average": f.average_rating}
            if f.feedback_count
            else _("No participant answered the feedback survey.")
        )
        return Section(
            title=_("Feedback from participants"),
            paragraphs=(overall,),
            tables=(
                Table(
                    key="feedback",
                    title=_("Feedback scores per webinar"),
                    columns=(_("Webinar"), _("Answers"), _("Average score (1-5)")),
                    rows=tuple((line.webinar.title, line.feedback_count, line.average_rating) for line in answered),
                    links=tuple(
                        _changelist(
                            "webinars_feedback", webinar__id__exact=line.webinar.pk, source__exact="participant"
                        )
                        for line in answered
                    ),
                    chart=Chart(label_column=0, value_columns=(2,), title=_("Average score per webinar")),
                    note=_("Participants' answers only; the experts' own feedback is not a score."),
                    empty_text=_("No participant answered the feedback survey."),
                ),
                comments("comments_useful", _("What participants found useful"), _("Comment"), f.useful_comments),
                comments("comments_improve", _("What participants would improve"), _("Comment"), f.to_improve_comments),
            ),
        )

    def followup_section(self) -> Section:
        f = self.figures
        held = f.webinars_held
        items = (
            (_("Recording"), sum(line.has_recording for line in f.held), "recording"),
            (_("Slides"), sum(line.has_slides for line in f.held), "slides"),
            (_("Summary"), sum(line.has_summary for line in f.held), ""),
            (_("Answers to open questions"), sum(line.has_answers for line in f.held), ""),
        )

        def item_link(kind: str) -> str:
            if kind:
                return _changelist(
                    "webinars_material", kind__exact=kind, is_published__exact=1, webinar__id__in=self.held_ids
                )
            return _changelist("webinars_webinar", **self.held_filter)

        def complete(line: WebinarFigures) -> str:
            return _("%(done)s of 4") % {"done": line.followup_done}

        return Section(
            title=_("Follow-up after the webinars"),
            paragraphs=(
                _(
                    "The strategy: after each webinar, the recording, the slides and a short summary are made "
                    "available on its page, with answers to the questions left open."
                ),
            ),
            tables=(
                Table(
                    key="followup",
                    title=_("Follow-up published"),
                    columns=(_("Item"), _("Webinars with it"), _("Webinars held"), _("Share (%)")),
                    rows=tuple((label, count, held, _percent(count, held)) for label, count, _kind in items if held),
                    links=tuple(item_link(kind) for _label, _count, kind in items if held),
                    chart=Chart(label_column=0, value_columns=(3,), title=_("Follow-up published (%)")),
                    empty_text=_("No webinar was held."),
                ),
                Table(
                    key="followup_webinars",
                    title=_("Follow-up per webinar held"),
                    columns=(
                        _("Webinar"),
                        _("Recording"),
                        _("Slides"),
                        _("Summary"),
                        _("Answers to open questions"),
                        _("Complete"),
                    ),
                    rows=tuple(
                        (
                            line.webinar.title,
                            _yes_no(line.has_recording),
                            _yes_no(line.has_slides),
                            _yes_no(line.has_summary),
                            _yes_no(line.has_answers),
                            complete(line),
                        )
                        for line in f.held
                    ),
                    links=tuple(_change("webinars_webinar", line.webinar.pk) for line in f.held),
                    empty_text=_("No webinar was held."),
                ),
            ),
        )

    def costs_section(self) -> Section:
        """The plans' estimated costs against what the webinars held actually cost: the staff report only."""
        f = self.figures
        estimated, actual = f.estimated_total, f.actual_total
        costs_link = _changelist("delivery_webinarcosts", webinar__id__in=self.held_ids)
        items = (
            (_("Expert's fee"), estimated.expert_fee, actual.expert_fee),
            (_("Interpretation"), estimated.interpretation, actual.interpretation),
            (_("Platform"), estimated.platform, actual.platform),
            (_("Other costs"), None, actual.other),
            (_("Total"), estimated.total, actual.total),
        )
        has_costs = bool(f.planned_costs or f.actual_costs)
        by_item = Table(
            key="costs",
            title=_("Costs: estimated in the plan and actual"),
            columns=(_("Item"), _("Estimated"), _("Actual"), _("Difference")),
            rows=tuple(
                (label, _money(planned), _money(spent), _difference(planned, spent))
                for label, planned, spent in items
                if has_costs
            ),
            links=tuple(costs_link for _item in items if has_costs),
            chart=Chart(label_column=0, value_columns=(1, 2), title=_("Costs: estimated and actual")),
            note=_(
                "Estimated: the entries of the published plans, interpretation counted for each language "
                "beyond the first; actual: as recorded after each webinar held. The plans estimate no other costs."
            ),
            empty_text=_("No plan estimated costs and no cost was recorded."),
        )
        rows, links = [], []
        planned_for = {planned.webinar_id: planned for planned in f.planned_costs if planned.webinar_id}
        for line in f.held:
            planned = planned_for.get(line.webinar.pk)
            spent = f.actual_costs.get(line.webinar.pk)
            planned_total = planned.estimate.total if planned else None
            spent_total = spent.total if spent else None
            rows.append(
                (
                    line.webinar.title,
                    _money(planned_total),
                    _money(spent_total),
                    _difference(planned_total, spent_total),
                )
            )
            links.append(_change("webinars_webinar", line.webinar.pk))
        held = set(f.held_ids)
        for planned in f.planned_costs:
            if planned.webinar_id not in held:
                rows.append((planned.entry.title, _money(planned.estimate.total), None, None))
                links.append(_change("planning_planentry", planned.entry.pk))
        per_webinar = Table(
            key="costs_webinars",
            title=_("Costs per webinar: estimated and actual"),
            columns=(_("Webinar"), _("Estimated"), _("Actual"), _("Difference")),
            rows=tuple(rows),
            links=tuple(links),
            note=_(
                "Webinars held, then the plan's entries not held in these years; "
                "an empty cell is an estimate or a cost not recorded."
            ),
            empty_text=_("No webinar was held or planned."),
        )
        return Section(
            title=_("Costs"),
            paragraphs=(_("For the Secretariat: the costs are not published."),),
            tables=(by_item, per_webinar),
        )

    def suggestions_section(self) -> Section:
        f = self.figures
        shown = len(f.topic_suggestions)
        paragraph = (
            ngettext(
                "Participants suggested %(count)s topic for future webinars; the most recent %(shown)s are listed.",
                "Participants suggested %(count)s topics for future webinars; the most recent %(shown)s are listed.",
                f.topic_suggestion_count,
            )
            % {"count": f.topic_suggestion_count, "shown": shown}
            if f.topic_suggestion_count
            else _("No topic was suggested.")
        )
        return Section(
            title=_("Topic suggestions received"),
            paragraphs=(paragraph,),
            tables=(
                Table(
                    key="suggestions",
                    title=_("Topic suggestions"),
                    columns=(_("Suggestion"), _("Webinar")),
                    rows=tuple((item.text, self.webinar_title(item.webinar_id)) for item in f.topic_suggestions),
                    links=tuple(
                        _changelist(
                            "webinars_feedback", topic_suggestion__isempty=0, webinar__id__exact=item.webinar_id
                        )
                        for item in f.topic_suggestions
                    ),
                    empty_text=_("No topic was suggested."),
                ),
            ),
        )


def report_title(*, first_year: int, last_year: int) -> str:
    if first_year == last_year:
        return _("Webinars of the technical-assistance programme: report for %(year)s") % {"year": first_year}
    return _("Webinars of the technical-assistance programme: report for %(first)s to %(last)s") % {
        "first": first_year,
        "last": last_year,
    }


def build_annual_report(figures: AnnualFigures, *, language: str, include_costs: bool = True) -> ReportDocument:
    """Write the report of these figures in one of the portal's languages.

    Titles, sentences, labels and the names of regions, languages, topics and webinars
    are all in that language (translated fields fall back as the catalogue does). The
    document holds no date of its own: the same data gives the same report. The report is
    the Secretariat's (staff pages only) and holds the costs; a version for anyone else
    is built with ``include_costs=False``, which leaves the costs section out.
    """
    with translation.override(language):
        builder = _Builder(figures)
        sections = [
            builder.plan_section(),
            builder.topics_section(),
            builder.regions_section(),
            builder.proposals_section(),
            builder.experts_section(),
            builder.participants_section(),
            builder.feedback_section(),
            builder.followup_section(),
        ]
        if include_costs:
            sections.append(builder.costs_section())
        sections.append(builder.suggestions_section())
        return ReportDocument(
            title=report_title(first_year=figures.first_year, last_year=figures.last_year),
            subtitle=_("Report of the Secretariat to the committee"),
            language=language,
            intro=builder.intro(),
            sections=tuple(sections),
            is_empty=figures.is_empty,
        )
