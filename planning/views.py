"""The Secretariat's review and planning screens: thin callers of selectors and services.

Each screen opens with the permission its job needs (``staff_page``); the services check
it again, and a page shows a button only to those who may press it (``planning.permissions``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from planning import costs, selectors, services, solver
from planning.consultation import share_draft_plan, were_groups_consulted
from planning.duplicates import earlier_webinars
from planning.forms import (
    AddEntryForm,
    DeclineForm,
    DistinctForm,
    MoveEntryForm,
    PlanEntryForm,
    PublishPlanForm,
    ReviewFilterForm,
    SeriesLinkForm,
    SharePlanForm,
)
from planning.models import AnnualPlan, PlanEntry, SynergySuggestion
from planning.permissions import (
    CHANGE_PLAN,
    PUBLISH_PLAN,
    READ_ANSWERS,
    REVIEW,
    RUN_SOLVER,
    SHARE_PLAN,
    START_PLAN,
    VIEW_PLAN,
    can_change_plan,
    can_decide_suggestion,
    can_decline_proposal,
    can_link_to_series,
    can_mark_under_review,
    can_publish_plan,
    can_read_answers,
    can_read_plan_comments,
    can_review_answers,
    can_run_solver,
    can_share_plan,
    can_start_plan,
    can_view_plan,
)
from portal.permissions import staff_page
from proposals.models import ConsultationCycle, Proposal
from proposals.series import public_series
from webinars.models import Series


def _cycle(cycle_id: int) -> ConsultationCycle:
    return get_object_or_404(ConsultationCycle, pk=cycle_id)


def _proposal(cycle: ConsultationCycle, proposal_id: int) -> Proposal:
    return get_object_or_404(Proposal.objects.filter(cycle=cycle).exclude(state=Proposal.State.DRAFT), pk=proposal_id)


def _plan(cycle: ConsultationCycle) -> AnnualPlan:
    return get_object_or_404(AnnualPlan, cycle=cycle)


def _fail(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _cycle_page(request, template: str, cycle: ConsultationCycle, context: dict):
    """A page of one cycle: its tabs show only the screens the person may open."""
    tabs = {"can_read_answers": can_read_answers(request.user), "can_view_plan": can_view_plan(request.user)}
    return render(request, template, {"cycle": cycle, **tabs, **context})


@staff_page(READ_ANSWERS)
def cycle_list(request):
    cycles = ConsultationCycle.objects.order_by("-target_year")
    return render(request, "planning/cycle_list.html", {"cycles": cycles})


@staff_page(READ_ANSWERS)
def cycle_review(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    form = ReviewFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    proposals = list(selectors.review_proposals(cycle=cycle, filters=filters))
    duplicates = earlier_webinars(proposals)  # held webinars each answer repeats, from the stored vectors
    series_choices = None
    for proposal in proposals:
        proposal.duplicates = duplicates.get(proposal.pk)
        proposal.can_mark_under_review = can_mark_under_review(request.user, proposal)
        proposal.can_decline = can_decline_proposal(request.user, proposal)
        if proposal.can_decline:  # one form per row, with ids of its own so that each label finds its field
            proposal.decline_form = DeclineForm(auto_id=f"id_decline_{proposal.pk}_%s")
        if can_link_to_series(request.user, proposal):
            if series_choices is None:
                series_choices = list(public_series().values_list("pk", "title"))
            initial = {"series": proposal.continues_series_id, "first_part": proposal.series_first_part}
            proposal.series_form = SeriesLinkForm(
                initial=initial, auto_id=f"id_series_{proposal.pk}_%s", series_choices=series_choices
            )
            proposal.distinct_form = DistinctForm(
                initial={"reason": proposal.distinct_reason}, auto_id=f"id_distinct_{proposal.pk}_%s"
            )
    context = {"form": form, "proposals": proposals, "can_review": can_review_answers(request.user)}
    return _cycle_page(request, "planning/cycle_review.html", cycle, context)


@staff_page(READ_ANSWERS)
def proposal_compare(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    try:
        ids = [int(request.GET["a"]), int(request.GET["b"])]
    except (KeyError, ValueError):
        messages.error(request, _("Choose two proposals to compare."))
        return redirect("planning:cycle_review", cycle_id=cycle.pk)
    left, right = (_proposal(cycle, pk) for pk in ids)
    return _cycle_page(request, "planning/proposal_compare.html", cycle, {"pair": [left, right]})


@staff_page(REVIEW)
@require_POST
def proposal_review(request, cycle_id: int, proposal_id: int):
    cycle = _cycle(cycle_id)
    try:
        services.mark_under_review(actor=request.user, proposal=_proposal(cycle, proposal_id))
        messages.success(request, _("The proposal is under review."))
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:cycle_review", cycle_id=cycle.pk)


@staff_page(REVIEW)
@require_POST
def proposal_decline(request, cycle_id: int, proposal_id: int):
    cycle = _cycle(cycle_id)
    proposal = _proposal(cycle, proposal_id)
    form = DeclineForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the group the reason why its proposal is not retained."))
        services.decline_proposal(actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"])
        messages.success(request, _("The proposal is not retained."))
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:cycle_review", cycle_id=cycle.pk)


@staff_page(REVIEW)
@require_POST
def proposal_series(request, cycle_id: int, proposal_id: int):
    """Attach the answer to a public series (as its next part, or the part given), or detach it."""
    cycle = _cycle(cycle_id)
    proposal = _proposal(cycle, proposal_id)
    form = SeriesLinkForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a series from the list, and a part number from 2."))
        series_id = form.cleaned_data["series"]
        series = Series.objects.filter(pk=series_id).first() if series_id else None
        if series_id and series is None:
            raise ValidationError(_("Choose a series from the list, and a part number from 2."))
        if series is None:
            services.detach_from_series(actor=request.user, proposal=proposal)
            messages.success(request, _("“%(title)s” continues no series.") % {"title": proposal.title})
        else:
            proposal = services.attach_to_series(
                actor=request.user, proposal=proposal, series=series, first_part=form.cleaned_data["first_part"]
            )
            place = {"title": proposal.title, "place": proposal.series_place}
            messages.success(request, _("“%(title)s”: %(place)s.") % place)
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:cycle_review", cycle_id=cycle.pk)


@staff_page(REVIEW)
@require_POST
def proposal_distinct(request, cycle_id: int, proposal_id: int):
    """Mark the answer as another webinar than the earlier one it is close to (with the reason), or unmark it."""
    cycle = _cycle(cycle_id)
    proposal = _proposal(cycle, proposal_id)
    form = DistinctForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.mark_distinct(actor=request.user, proposal=proposal, is_distinct=bool(reason.strip()), reason=reason)
        if reason.strip():
            done = _("“%(title)s” is marked as another webinar.")
        else:
            done = _("“%(title)s” is no longer marked as another webinar.")
        messages.success(request, done % {"title": proposal.title})
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:cycle_review", cycle_id=cycle.pk)


@staff_page(REVIEW)
@require_POST
def proposal_merge(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    try:
        ids = [int(pk) for pk in request.POST.getlist("proposals")]
        lead = _proposal(cycle, int(request.POST.get("lead") or ids[0]))
    except (ValueError, IndexError):
        messages.error(request, _("Choose the proposals to merge."))
        return redirect("planning:cycle_review", cycle_id=cycle.pk)
    others = list(Proposal.objects.filter(cycle=cycle, pk__in=ids))
    try:
        services.merge_proposals(actor=request.user, lead=lead, others=others)
        messages.success(request, _("The proposals are merged into “%(title)s”.") % {"title": lead.title})
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:cycle_review", cycle_id=cycle.pk)


@staff_page(READ_ANSWERS)
def synergy_list(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    suggestions = list(selectors.synergy_suggestions(cycle=cycle))
    for suggestion in suggestions:
        suggestion.can_decide = can_decide_suggestion(request.user, suggestion)
    context = {"suggestions": suggestions, "can_refresh": can_review_answers(request.user)}
    return _cycle_page(request, "planning/synergy_list.html", cycle, context)


@staff_page(REVIEW)
@require_POST
def synergy_refresh(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    created = services.refresh_synergy_suggestions(actor=request.user, cycle=cycle)
    messages.success(
        request,
        ngettext("%(count)s new suggestion.", "%(count)s new suggestions.", len(created)) % {"count": len(created)},
    )
    return redirect("planning:synergy_list", cycle_id=cycle.pk)


@staff_page(REVIEW)
@require_POST
def synergy_decide(request, cycle_id: int, suggestion_id: int, decision: str):
    cycle = _cycle(cycle_id)
    suggestion = get_object_or_404(SynergySuggestion, cycle=cycle, pk=suggestion_id)
    try:
        if decision == "accept":
            services.accept_synergy_suggestion(actor=request.user, suggestion=suggestion)
            messages.success(request, _("The proposals are merged."))
        elif decision == "dismiss":
            services.dismiss_synergy_suggestion(actor=request.user, suggestion=suggestion)
            messages.success(request, _("The suggestion is dismissed."))
        else:
            raise Http404
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:synergy_list", cycle_id=cycle.pk)


@staff_page(VIEW_PLAN)
def plan_detail(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    plan = AnnualPlan.objects.filter(cycle=cycle).select_related("cycle").first()
    context = {"plan": plan, "can_start": plan is None and can_start_plan(request.user, cycle)}
    if plan is not None:
        entries = list(selectors.plan_entries(plan=plan))
        can_change = can_change_plan(request.user, plan)
        estimates = selectors.entry_estimates(plan=plan, entries=entries)
        duplicates = earlier_webinars(entries)  # held webinars, and other entries, that each entry repeats
        for entry in entries:
            entry.estimate = estimates[entry.pk]
            entry.duplicates = duplicates.get(entry.pk)
        context |= {
            "budget": costs.plan_budget(plan, estimates.values()),
            "can_solve": can_run_solver(request.user, plan),
            "can_publish": can_publish_plan(request.user, plan),
            "can_change": can_change,
            "proposals_to_add": list(selectors.proposals_to_add(plan=plan)) if can_change else [],
            "entries": entries,
            # A region nobody asked for is the proposals' gap, not a rule the plan breaks: it is
            # named once, with what the proposals and settings did not allow (report.conflicts).
            "broken_rules": [
                r.as_dict()
                for r in selectors.plan_broken_rules(plan, entries)
                if r.code != solver.REGION_WITHOUT_PROPOSAL
            ],
            "report": plan.solver_report or {},
            "left_out": selectors.left_out(plan),
            "names": selectors.reason_names(),
            "move_form": MoveEntryForm(),
        }
        context |= _consultation_context(request, plan, entries)
    return _cycle_page(request, "planning/plan_detail.html", cycle, context)


def _consultation_context(request, plan: AnnualPlan, entries: list[PlanEntry]) -> dict:
    """The groups' consultation on the draft: the share form, their comments beside each entry, its history."""
    can_read = can_read_plan_comments(request.user)
    comments = list(selectors.plan_comments(plan=plan)) if can_read else []
    for entry in entries:
        entry.group_comments = [c for c in comments if c.entry_id == entry.pk]
    return {
        "can_share": can_share_plan(request.user, plan),
        "share_form": SharePlanForm(initial={"comments_until": plan.comments_until}),
        "publish_form": PublishPlanForm(),
        "can_read_comments": can_read,
        "general_comments": [c for c in comments if c.entry_id is None],
        "consultation_history": selectors.consultation_history(plan=plan),
        "groups_consulted_now": plan.state == AnnualPlan.State.DRAFT and were_groups_consulted(plan),
    }


@staff_page(SHARE_PLAN)
@require_POST
def plan_share(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    plan = _plan(cycle)
    form = SharePlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the groups a last day for comments after today."))
        return redirect("planning:plan_detail", cycle_id=cycle.pk)
    try:
        plan = share_draft_plan(
            plan=plan, until=form.cleaned_data["comments_until"], by=request.user, message=form.cleaned_data["message"]
        )
        messages.success(
            request,
            _("The draft is shared with the groups; they comment until %(date)s.")
            % {"date": date_format(plan.comments_until, "DATE_FORMAT")},
        )
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:plan_detail", cycle_id=cycle.pk)


@staff_page(START_PLAN)
@require_POST
def plan_start(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    try:
        services.start_plan(actor=request.user, cycle=cycle)
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:plan_detail", cycle_id=cycle.pk)


@staff_page(RUN_SOLVER)
@require_POST
def plan_solve(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    try:
        result = services.run_solver(actor=request.user, plan=_plan(cycle))
        messages.success(
            request,
            ngettext(
                "The solver proposes %(count)s webinar.", "The solver proposes %(count)s webinars.", len(result.slots)
            )
            % {"count": len(result.slots)},
        )
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:plan_detail", cycle_id=cycle.pk)


@staff_page(PUBLISH_PLAN)
@require_POST
def plan_publish(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    form = PublishPlanForm(request.POST)
    reason = form.cleaned_data["consultation_skipped_reason"] if form.is_valid() else ""
    try:
        webinars = services.publish_plan(actor=request.user, plan=_plan(cycle), consultation_skipped_reason=reason)
        messages.success(
            request,
            ngettext(
                "The plan is published: %(count)s webinar to be scheduled, its date to be chosen.",
                "The plan is published: %(count)s webinars to be scheduled, their dates to be chosen.",
                len(webinars),
            )
            % {"count": len(webinars)},
        )
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:plan_detail", cycle_id=cycle.pk)


@staff_page(CHANGE_PLAN)
@require_POST
def entry_move(request, cycle_id: int, entry_id: int):
    cycle = _cycle(cycle_id)
    entry = get_object_or_404(PlanEntry, plan__cycle=cycle, pk=entry_id)
    form = MoveEntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the entry's new position as a number from 1."))
        return redirect("planning:plan_detail", cycle_id=cycle.pk)
    try:
        services.move_plan_entry(actor=request.user, entry=entry, position=form.cleaned_data["position"])
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:plan_detail", cycle_id=cycle.pk)


@staff_page(CHANGE_PLAN)
@require_POST
def entry_add(request, cycle_id: int):
    cycle = _cycle(cycle_id)
    plan = _plan(cycle)
    form = AddEntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the proposal to add to the plan."))
        return redirect("planning:plan_detail", cycle_id=cycle.pk)
    proposal = _proposal(cycle, form.cleaned_data["proposal"])
    try:
        entry = services.add_plan_entry(actor=request.user, plan=plan, proposal=proposal)
        messages.success(request, _("“%(title)s” is added to the plan.") % {"title": entry.title})
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:plan_detail", cycle_id=cycle.pk)


@staff_page(CHANGE_PLAN)
@require_POST
def entry_remove(request, cycle_id: int, entry_id: int):
    cycle = _cycle(cycle_id)
    entry = get_object_or_404(PlanEntry, plan__cycle=cycle, pk=entry_id)
    try:
        services.remove_plan_entry(actor=request.user, entry=entry)
        messages.success(request, _("“%(title)s” is taken out of the plan.") % {"title": entry.title})
    except ValidationError as error:
        _fail(request, error)
    return redirect("planning:plan_detail", cycle_id=cycle.pk)


@staff_page(CHANGE_PLAN)
def entry_edit(request, cycle_id: int, entry_id: int):
    cycle = _cycle(cycle_id)
    entry = get_object_or_404(PlanEntry, plan__cycle=cycle, pk=entry_id)
    form = PlanEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan_entry(actor=request.user, entry=entry, form=form)
            return redirect("planning:plan_detail", cycle_id=cycle.pk)
        except ValidationError as error:
            _fail(request, error)
    return _cycle_page(request, "planning/entry_edit.html", cycle, {"entry": entry, "form": form})
