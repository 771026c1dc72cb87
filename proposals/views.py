"""The coordinators' pages: answer the consultation, follow what became of each answer.

Each view finds its object through a queryset scoped to the user (another group's
proposal is a 404), checks a permission, calls a form or a service, and renders or
redirects. Group and cycle always come from the coordinator and the address, never
from the form.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planning import selectors as planning_selectors
from portal.permissions import MissingPermission, is_secretariat
from proposals import selectors
from proposals.forms import (
    AdoptCandidateTopicsForm,
    GroupPickerForm,
    ProposalForm,
    ProposalPartFormSet,
    describe_conflict,
    rearranged_parts_data,
)
from proposals.models import ConsultationCycle, DraftReading, Proposal
from proposals.permissions import (
    READ_ANSWERS,
    active_coordinator,
    can_answer_cycle,
    can_edit_proposal,
    can_reorder_parts,
    can_submit_proposal,
    can_use_coordinator_pages,
    can_view_every_groups_answers,
    can_view_group_answers,
    can_withdraw_proposal,
)
from proposals.services import (
    IncompleteProposal,
    ProposalEditConflict,
    adopt_candidate_topics,
    closed_message,
    format_geneva_time,
    move_proposal_part,
    record_draft_reading,
    record_draft_readings,
    save_and_submit_proposal,
    save_proposal_draft,
    submit_proposal,
    withdraw_proposal,
)
from webinars import selectors as webinar_selectors
from webinars.models import RegionalGroup, Webinar

PARTS_PREFIX = "parts"


def coordinator_page(view):
    """Anonymous visitors log in first; who may neither answer nor read the answers is told why not.

    A member of the Secretariat without the permission to read the groups' answers is
    told which permission is missing; anyone else, that the pages are the coordinators'.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_use_coordinator_pages(request.user):
            if is_secretariat(request.user):
                raise MissingPermission(READ_ANSWERS)
            return render(request, "proposals/not_a_coordinator.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _visible_proposal(request, pk: int) -> Proposal:
    queryset = Proposal.objects.visible_to(request.user).select_related(
        "cycle", "group", "candidate_topic__topic", "scope_area", "created_by", "submitted_by"
    )
    return get_object_or_404(queryset, pk=pk)


def _open_proposal(request, pk: int, *, place: str = DraftReading.Place.PAGE) -> Proposal:
    """The proposal a page shows; a draft shown to the Secretariat is a reading the group will see."""
    proposal = _visible_proposal(request, pk)
    if request.method == "GET":
        record_draft_reading(proposal=proposal, reader=request.user, place=place)
    return proposal


def _announced_cycle(pk: int) -> ConsultationCycle:
    return get_object_or_404(ConsultationCycle.objects.exclude(state=ConsultationCycle.State.DRAFT), pk=pk)


def read_only_reason(user, proposal: Proposal) -> str:
    """Why this user cannot change this answer now, in words; empty when they can."""
    if can_edit_proposal(user, proposal):
        return ""
    coordinator = active_coordinator(user)
    if coordinator is None or coordinator.group_id != proposal.group_id:
        return _("Only the group's coordinators change its answers; the Secretariat reads them here.")
    if not proposal.cycle.is_open():
        return closed_message(proposal.cycle)
    return _("This answer is “%(state)s” and can no longer be changed.") % {"state": proposal.get_state_display()}


def _cycle_read_only_reason(user, cycle: ConsultationCycle) -> str:
    if can_answer_cycle(user, cycle):
        return ""
    if active_coordinator(user) is None:
        return _("Only the group's coordinators answer the consultation; the Secretariat reads the answers here.")
    return closed_message(cycle)


def _forged_ids(request, *, group, cycle) -> bool:
    """A group or cycle sent in the form that is not the coordinator's own or the page's."""
    for name, expected in (("group", group), ("cycle", cycle)):
        sent = request.POST.get(name)
        if sent not in (None, "") and (expected is None or sent != str(expected.pk)):
            return True
    return False


def _refuse_forged(request):
    return render(
        request,
        "proposals/refused.html",
        {"reason": _("This form names a group or consultation other than yours. Nothing was saved.")},
        status=400,
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


# --- Dashboard ---------------------------------------------------------------------


def _group_in_view(request):
    """The coordinator's own group; for a reader of every group's answers, the group chosen in the picker."""
    coordinator = active_coordinator(request.user)
    if not can_view_every_groups_answers(request.user):
        asked = request.GET.get("group")
        if asked and asked != str(coordinator.group_id):
            raise Http404
        return coordinator.group, None
    picker = GroupPickerForm(request.GET or None)
    if picker.is_bound and picker.is_valid():
        group = picker.cleaned_data["group"]
    elif request.GET.get("group"):
        raise Http404
    else:
        group = coordinator.group if coordinator else RegionalGroup.objects.order_by("order", "code").first()
        picker = GroupPickerForm(initial={"group": group})
    return group, picker


@coordinator_page
def dashboard(request):
    group, picker = _group_in_view(request)
    if group is None or not can_view_group_answers(request.user, group):
        raise Http404
    in_view = selectors.cycle_for_coordinators()
    cycle = in_view.cycle
    answers, candidates, adopted = [], [], {}
    if cycle is not None:
        answers = list(selectors.group_answers(user=request.user, group=group, cycle=cycle))
        record_draft_readings(proposals=answers, reader=request.user, place=DraftReading.Place.LIST)
        candidates = list(selectors.candidate_topics_of(cycle))
        adopted = {
            answer.candidate_topic_id: answer
            for answer in answers
            if answer.candidate_topic_id and answer.state != Proposal.State.WITHDRAWN
        }
    for candidate in candidates:
        candidate.adoption = adopted.get(candidate.pk)
    # What became of earlier answers is planning's data: read through its selectors
    # (DESIGN.md: a page may read a later app's data that way, in its views only).
    earlier = list(selectors.group_earlier_answers(user=request.user, group=group, before=cycle))
    outcomes = planning_selectors.outcomes_of(earlier)
    for answer in earlier:
        answer.outcome = outcomes.get(answer.pk)
    is_own_group = (coordinator := active_coordinator(request.user)) is not None and coordinator.group_id == group.pk
    context = {
        "group": group,
        "picker": picker,
        "cycle": cycle,
        "cycle_status": in_view.status,
        "deadline_text": format_geneva_time(cycle.deadline_at) if cycle else "",
        "opens_text": format_geneva_time(cycle.opens_at) if cycle else "",
        "candidates": candidates,
        "answers": answers,
        "earlier": earlier,
        "is_own_group": is_own_group,
        "can_answer": cycle is not None and is_own_group and can_answer_cycle(request.user, cycle),
        "read_only_reason": _cycle_read_only_reason(request.user, cycle) if cycle else "",
        # The draft plan shared with the groups for comment (planning's data, read through its selectors).
        "shared_plan": planning_selectors.shared_draft_plan() if is_own_group else None,
        "state_requests": list(selectors.group_state_requests(group=group, cycle=cycle)) if cycle else [],
    }
    return render(request, "proposals/dashboard.html", context)


# --- Adopting candidate topics -----------------------------------------------------


@coordinator_page
@require_http_methods(["GET", "POST"])
def adopt(request, cycle_pk: int):
    cycle = _announced_cycle(cycle_pk)
    coordinator = active_coordinator(request.user)
    group = coordinator.group if coordinator else None
    candidates = list(selectors.candidate_topics_of(cycle))
    adopted_ids = selectors.adopted_candidate_ids(group=group, cycle=cycle) if group else set()
    for candidate in candidates:
        candidate.is_adopted = candidate.pk in adopted_ids
    reason = _cycle_read_only_reason(request.user, cycle)
    context = {"cycle": cycle, "candidates": candidates, "read_only_reason": reason, "group": group}
    if reason:
        if request.method == "POST":
            messages.error(request, reason)
            return redirect("proposals:dashboard")
        return render(request, "proposals/adopt.html", context)
    if request.method == "POST" and _forged_ids(request, group=group, cycle=cycle):
        return _refuse_forged(request)

    submitting = request.POST.get("action") == "submit"
    form = AdoptCandidateTopicsForm(
        request.POST or None, cycle=cycle, adopted_candidate_ids=adopted_ids, submitting=submitting
    )
    if request.method == "POST" and form.is_valid():
        try:
            adopted = adopt_candidate_topics(
                actor=request.user,
                group=group,
                cycle=cycle,
                candidate_topics=list(form.cleaned_data["candidate_topics"]),
                regions=form.cleaned_data["regions"],
                languages=form.cleaned_data["languages"],
                preferred_period=form.cleaned_data["preferred_period"],
                comment=form.cleaned_data["comment"],
                submit=submitting,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            titles = ", ".join(f"“{proposal.title}”" for proposal in adopted)
            if submitting:
                messages.success(
                    request,
                    _("Submitted to the Secretariat: %(topics)s. Your group's coordinators receive a confirmation.")
                    % {"topics": titles},
                )
            else:
                messages.success(
                    request,
                    _("Saved as drafts: %(topics)s. Submit them before the deadline.") % {"topics": titles},
                )
            return redirect("proposals:dashboard")
    context.update(form=form, has_choices=form.fields["candidate_topics"].queryset.exists())
    return render(request, "proposals/adopt.html", context)


# --- Writing a proposal ------------------------------------------------------------


def _part_formset(data, instance, *, extra=0):
    formset = ProposalPartFormSet(data, instance=instance, prefix=PARTS_PREFIX)
    formset.extra = extra
    return formset


def _proposal_form_page(request, *, cycle, group, proposal, kind):
    """The write page of a proposal: draft, submit, parts; shared by "new" and "edit".

    The page as first opened; a form naming another group or consultation refused; the
    parts rearranged without saving; the answer saved as a draft or submitted.
    """
    page = _answer_page(cycle=cycle, group=group, proposal=proposal, kind=kind)
    instance = proposal or _unsaved_answer(request, cycle=cycle, group=group, kind=kind)
    if request.method != "POST":
        return _show_answer_to_write(request, page, instance)
    if _forged_ids(request, group=group, cycle=cycle):
        return _refuse_forged(request)
    if page["has_parts"] and (request.POST.get("move_part") or "add_part" in request.POST):
        return _show_rearranged_parts(request, page, instance)
    form = ProposalForm(request.POST, instance=instance, kind=kind)
    formset = _part_formset(request.POST, instance) if page["has_parts"] else None
    if not (form.is_valid() and (formset is None or formset.is_valid())):
        return _show_answer_form(request, page, form, formset)
    return _save_answer(request, page, form, formset)


def _answer_page(*, cycle, group, proposal, kind) -> dict:
    """What the write page shows around the form: the consultation, its deadline, whether parts are written."""
    return {
        "cycle": cycle,
        "group": group,
        "proposal": proposal,
        "kind": kind,
        "has_parts": kind == Proposal.Kind.OWN,  # an adopted candidate topic has no parts of the group's own
        "deadline_text": format_geneva_time(cycle.deadline_at),
    }


def _unsaved_answer(request, *, cycle, group, kind) -> Proposal:
    """A new answer, not saved yet: a graded series when the dashboard's series link asked for one."""
    shape = Proposal.Shape.SERIES if request.GET.get("shape") == Proposal.Shape.SERIES else Proposal.Shape.SINGLE
    return Proposal(cycle=cycle, group=group, kind=kind, shape=shape)


def _show_answer_form(request, page: dict, form, formset, **extra):
    page.update(form=form, formset=formset, **extra)
    if formset is not None:
        page["part_forms"] = formset.forms_for_display() if formset.is_bound else formset.forms
    return render(request, "proposals/proposal_form.html", page)


def _show_answer_to_write(request, page: dict, instance: Proposal):
    """The page as first opened; a new series starts with two empty parts to fill."""
    extra = 2 if page["proposal"] is None and instance.shape == Proposal.Shape.SERIES else 0
    formset = _part_formset(None, instance, extra=extra) if page["has_parts"] else None
    return _show_answer_form(request, page, ProposalForm(instance=instance, kind=page["kind"]), formset)


def _show_rearranged_parts(request, page: dict, instance: Proposal):
    """The series' move and add buttons without JavaScript: the page again, parts rearranged, nothing saved."""
    move, add = request.POST.get("move_part"), "add_part" in request.POST
    data = rearranged_parts_data(request.POST, PARTS_PREFIX, move=move, add=add)
    return _show_answer_form(
        request,
        page,
        ProposalForm(data, instance=instance, kind=page["kind"]),
        _part_formset(data, instance),
        rearranged=True,
    )


def _save_answer(request, page: dict, form, formset):
    """Save the answer as a draft, or save and submit it; the group's coordinators are told of a submission."""
    submitting = request.POST.get("action") == "submit"
    proposal = page["proposal"]
    expected_version = form.cleaned_data.get("version") if proposal is not None else None
    save = save_and_submit_proposal if submitting else save_proposal_draft
    try:
        saved = save(
            actor=request.user,
            group=page["group"],
            cycle=page["cycle"],
            values=form.values(),
            proposal=proposal,
            parts=formset.parts() if formset is not None else None,
            expected_version=expected_version,
        )
    except ProposalEditConflict as conflict:
        return _show_edit_conflict(request, page, conflict, form=form, formset=formset, expected=expected_version)
    except IncompleteProposal as incomplete:
        return _show_incomplete_submission(request, page, incomplete)
    except ValidationError as error:
        _add_errors(form, error)
        return _show_answer_form(request, page, form, formset)
    if submitting:
        messages.success(
            request,
            _("“%(title)s” is submitted to the Secretariat. Your group's coordinators receive a confirmation.")
            % {"title": saved.title},
        )
    else:
        messages.success(request, _("Draft saved. You can come back to it until the deadline."))
    return redirect("proposals:detail", pk=saved.pk)


def _show_edit_conflict(request, page: dict, conflict: ProposalEditConflict, *, form, formset, expected):
    """Someone saved the answer meanwhile: what differs, who saved last, and the editor's version to save again."""
    current = conflict.current
    changes = describe_conflict(form=form, formset=formset, current=current, expected_version=expected)
    last = current.history.select_related("history_user").order_by("-history_date", "-history_id").first()
    data = request.POST.copy()
    data["version"] = str(current.version)
    retry_form = ProposalForm(data, instance=current, kind=page["kind"])
    retry_form.is_valid()
    retry_formset = _part_formset(data, current) if page["has_parts"] else None
    if retry_formset is not None:
        retry_formset.is_valid()
    return _show_answer_form(
        request,
        page,
        retry_form,
        retry_formset,
        conflict_message=conflict.messages[0],
        conflict_changes=changes,
        conflict_by=last.history_user if last else None,
        conflict_at=last.history_date if last else None,
    )


def _show_incomplete_submission(request, page: dict, incomplete: IncompleteProposal):
    """Submitting an incomplete answer keeps it as a draft and marks what is still missing."""
    saved = incomplete.proposal
    data = request.POST.copy()
    data["version"] = str(saved.version)
    retry_form = ProposalForm(data, instance=saved, kind=page["kind"])
    retry_form.is_valid()
    left = retry_form.add_completeness_errors(incomplete.message_dict)
    page["proposal"] = saved
    messages.warning(
        request,
        _("Your draft is saved, but it cannot be submitted yet: complete what is marked below."),
    )
    return _show_answer_form(
        request,
        page,
        retry_form,
        _part_formset(None, saved) if page["has_parts"] else None,
        parts_error=" ".join(incomplete.message_dict.get("parts", [])),
        other_errors=left,
    )


@coordinator_page
@require_http_methods(["GET", "POST"])
def propose(request, cycle_pk: int):
    cycle = _announced_cycle(cycle_pk)
    reason = _cycle_read_only_reason(request.user, cycle)
    if reason:
        if request.method == "POST":
            messages.error(request, reason)
            return redirect("proposals:dashboard")
        return render(request, "proposals/proposal_form.html", {"cycle": cycle, "read_only_reason": reason})
    group = active_coordinator(request.user).group
    return _proposal_form_page(request, cycle=cycle, group=group, proposal=None, kind=Proposal.Kind.OWN)


@coordinator_page
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    proposal = _open_proposal(request, pk)
    reason = read_only_reason(request.user, proposal)
    if reason:
        if request.method == "POST":
            messages.error(request, reason)
            return redirect("proposals:detail", pk=proposal.pk)
        return render(
            request,
            "proposals/proposal_form.html",
            {"cycle": proposal.cycle, "proposal": proposal, "read_only_reason": reason},
        )
    return _proposal_form_page(
        request, cycle=proposal.cycle, group=proposal.group, proposal=proposal, kind=proposal.kind
    )


# --- Reading, submitting, withdrawing ----------------------------------------------


@coordinator_page
def detail(request, pk: int):
    proposal = _open_proposal(request, pk)
    parts = list(proposal.parts.order_by("position"))
    context = {
        "proposal": proposal,
        "reads_every_group": can_view_every_groups_answers(request.user),
        "cycle": proposal.cycle,
        "parts": parts,
        # Not "languages": the base template's language switcher uses that name.
        "proposal_regions": list(proposal.regions.all()),
        "proposal_languages": list(proposal.languages.all()),
        "proposal_member_states": list(proposal.member_states.order_by("name")),
        "history": selectors.proposal_history(proposal, limit=5),
        "read_only_reason": read_only_reason(request.user, proposal),
        "can_edit": can_edit_proposal(request.user, proposal),
        "can_submit": can_submit_proposal(request.user, proposal),
        "can_withdraw": can_withdraw_proposal(request.user, proposal),
        "can_reorder": can_reorder_parts(request.user, proposal) and len(parts) > 1,
        "missing": proposal.completeness_errors() if proposal.state == Proposal.State.DRAFT else {},
        "deadline_text": format_geneva_time(proposal.cycle.deadline_at),
    }
    return render(request, "proposals/proposal_detail.html", context)


def _state_change_page(request, pk: int, *, allowed, service, template, done_message):
    proposal = _open_proposal(request, pk)
    reason = read_only_reason(request.user, proposal)
    if not reason and not allowed(request.user, proposal):
        reason = _("This answer is “%(state)s”; that cannot be done now.") % {"state": proposal.get_state_display()}
    errors = []
    if request.method == "POST":
        if reason:
            messages.error(request, reason)
            return redirect("proposals:detail", pk=proposal.pk)
        try:
            service(proposal=proposal, actor=request.user, expected_version=request.POST.get("version") or None)
        except ProposalEditConflict:
            messages.error(
                request,
                _("Someone else changed this proposal a moment ago. Nothing was done: check it again below."),
            )
            return redirect("proposals:detail", pk=proposal.pk)
        except ValidationError as error:
            errors = error.messages
            proposal.refresh_from_db()
        else:
            messages.success(request, done_message % {"title": proposal.title})
            return redirect("proposals:detail", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "cycle": proposal.cycle,
        "read_only_reason": reason,
        "errors": errors,
        "missing": proposal.completeness_errors() if template.endswith("submit.html") else {},
    }
    return render(request, template, context, status=400 if errors else 200)


@coordinator_page
@require_http_methods(["GET", "POST"])
def submit(request, pk: int):
    return _state_change_page(
        request,
        pk,
        allowed=can_submit_proposal,
        service=submit_proposal,
        template="proposals/proposal_submit.html",
        done_message=_(
            "“%(title)s” is submitted to the Secretariat. Your group's coordinators receive a confirmation."
        ),
    )


@coordinator_page
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    return _state_change_page(
        request,
        pk,
        allowed=can_withdraw_proposal,
        service=withdraw_proposal,
        template="proposals/proposal_withdraw.html",
        done_message=_("“%(title)s” is withdrawn. Your group's coordinators receive a confirmation."),
    )


@coordinator_page
@require_POST
def move_part(request, pk: int):
    """The up and down buttons of a series' parts: work without JavaScript, save at once."""
    proposal = _visible_proposal(request, pk)
    if not can_reorder_parts(request.user, proposal):
        messages.error(request, read_only_reason(request.user, proposal) or _("Only a series has parts to reorder."))
        return redirect("proposals:detail", pk=proposal.pk)
    try:
        position, to_position = int(request.POST.get("position", "")), int(request.POST.get("to", ""))
    except ValueError:
        position, to_position = 0, 0
    try:
        move_proposal_part(
            proposal=proposal,
            position=position,
            to_position=to_position,
            actor=request.user,
            expected_version=request.POST.get("version") or None,
        )
    except ProposalEditConflict:
        messages.error(request, _("Someone else changed this proposal a moment ago. Nothing was moved: try again."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Part %(from)s is now part %(to)s.") % {"from": position, "to": to_position})
    return redirect(f"{proposal_detail_url(proposal)}#parts")


def proposal_detail_url(proposal: Proposal) -> str:
    return reverse("proposals:detail", kwargs={"pk": proposal.pk})


@coordinator_page
def history(request, pk: int):
    """Every change of the answer, and every time the Secretariat opened it while it was a draft."""
    proposal = _open_proposal(request, pk, place=DraftReading.Place.HISTORY)
    return render(
        request,
        "proposals/proposal_history.html",
        {
            "proposal": proposal,
            "cycle": proposal.cycle,
            "history": selectors.proposal_history(proposal),
            "draft_readings": selectors.draft_readings(proposal),
            "read_only_reason": read_only_reason(request.user, proposal),
        },
    )


# --- The group's webinars and their feedback -----------------------------------------


@coordinator_page
@require_GET
def group_webinars(request):
    """The webinars born of the group's answers, with how many answered their survey and the
    average rating; the coordinators open each one's full results.

    Which webinar answers which proposal is planning's data, the survey's figures the
    catalogue's: both read through their selectors (DESIGN.md: a page may, in its views).
    """
    group, picker = _group_in_view(request)
    if group is None or not can_view_group_answers(request.user, group):
        raise Http404
    webinars = list(webinar_selectors.with_feedback_figures(planning_selectors.webinars_asked_by(group)))
    coordinator = active_coordinator(request.user)
    context = {
        "group": group,
        "picker": picker,
        "webinars": webinars,
        "is_own_group": coordinator is not None and coordinator.group_id == group.pk,
    }
    return render(request, "proposals/group_webinars.html", context)


@coordinator_page
@require_GET
def group_webinar_results(request, slug: str):
    """A held webinar's full survey results (every rating, the comments, every suggested topic),
    for the coordinators of the groups that asked for it; anyone else gets a 404. The
    Secretariat reads results on its own pages (delivery's survey results)."""
    coordinator = active_coordinator(request.user)
    webinar = get_object_or_404(Webinar.objects.held().select_related("topic"), slug=slug)
    if coordinator is None or not planning_selectors.is_asked_by(webinar, coordinator.group):
        raise Http404
    figures, comments = webinar_selectors.full_feedback(webinar)
    context = {"group": coordinator.group, "webinar": webinar, "figures": figures, "comments": comments}
    return render(request, "proposals/group_webinar_results.html", context)
