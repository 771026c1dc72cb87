"""The pages of member states' requests: the delegate's, and the group's decision on each.

A delegate sees only its own state's requests (another state's is a 404), a coordinator
those of the group's states, the Secretariat every one with ``proposals.view_proposal``.
The state always comes from the delegate, the group from the coordinator: a form naming
another state is refused and nothing is saved.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from proposals import selectors
from proposals.models import ConsultationCycle, StateRequest
from proposals.permissions import (
    active_delegate,
    can_bring_state_request,
    can_decide_state_request,
    can_take_state_request,
    can_use_delegate_pages,
)
from proposals.services import format_geneva_time
from proposals.state_request_forms import DeclineStateRequestForm, StateRequestForm, TakeStateRequestForm
from proposals.state_requests import (
    decline_state_request,
    requests_closed_message,
    send_state_request,
    take_state_request,
)


def delegate_page(view):
    """Anonymous visitors log in first; anyone who is not an active delegate is told why not."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_use_delegate_pages(request.user):
            return render(request, "proposals/not_a_delegate.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _refused(request, reason: str):
    return render(request, "proposals/state_request_refused.html", {"reason": reason}, status=400)


@delegate_page
def delegate_home(request):
    """The delegate's page: the open consultation, and every request of the state with the group's decision."""
    delegate = active_delegate(request.user)
    cycle = ConsultationCycle.objects.open_now().order_by("deadline_at").first()
    context = {
        "delegate": delegate,
        "member_state": delegate.member_state,
        "cycle": cycle,
        "deadline_text": format_geneva_time(cycle.deadline_at) if cycle else "",
        "candidates": list(selectors.candidate_topics_of(cycle)) if cycle else [],
        "requests": list(selectors.member_state_requests(member_state=delegate.member_state)),
    }
    return render(request, "proposals/delegate_home.html", context)


@delegate_page
@require_http_methods(["GET", "POST"])
def state_request_new(request, cycle_pk: int):
    cycle = get_object_or_404(ConsultationCycle.objects.exclude(state=ConsultationCycle.State.DRAFT), pk=cycle_pk)
    delegate = active_delegate(request.user)
    reason = "" if can_bring_state_request(request.user, cycle) else requests_closed_message(cycle)
    context = {"cycle": cycle, "member_state": delegate.member_state, "read_only_reason": reason}
    if reason:
        if request.method == "POST":
            messages.error(request, reason)
            return redirect("proposals:delegate_home")
        return render(request, "proposals/state_request_form.html", context)
    sent_state = request.POST.get("member_state")
    if request.method == "POST" and sent_state not in (None, "", str(delegate.member_state_id)):
        return _refused(request, _("This form names a member state other than yours. Nothing was saved."))
    form = StateRequestForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            state_request = send_state_request(actor=request.user, cycle=cycle, **form.values())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your request is sent to the coordinators of %(group)s; you will read their decision here.")
                % {"group": delegate.member_state.group.name},
            )
            return redirect("proposals:state_request", pk=state_request.pk)
    context["form"] = form
    return render(request, "proposals/state_request_form.html", context)


def _visible_request(request, pk: int) -> StateRequest:
    return get_object_or_404(selectors.state_requests(StateRequest.objects.visible_to(request.user)), pk=pk)


def state_request_detail(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    state_request = _visible_request(request, pk)
    return _show_request(request, state_request)


def _show_request(request, state_request, *, take_form=None, decline_form=None, status=200):
    can_decide = can_decide_state_request(request.user, state_request)
    can_take = can_take_state_request(request.user, state_request)
    context = {
        "state_request": state_request,
        "request_languages": list(state_request.languages.all()),
        "can_decide": can_decide,
        "can_take": can_take,
        "take_form": take_form or (TakeStateRequestForm(state_request=state_request) if can_take else None),
        "decline_form": decline_form or (DeclineStateRequestForm() if can_decide else None),
        "closed_reason": "" if can_take or not can_decide else requests_closed_message(state_request.cycle),
    }
    return render(request, "proposals/state_request_detail.html", context, status=status)


@require_POST
def state_request_take(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    state_request = _visible_request(request, pk)
    if not can_take_state_request(request.user, state_request):
        raise PermissionDenied(
            _("Only the coordinators of the state's group take a waiting request, while the consultation is open.")
        )
    form = TakeStateRequestForm(request.POST, state_request=state_request)
    if form.is_valid():
        try:
            taken = take_state_request(
                state_request=state_request, actor=request.user, proposal=form.cleaned_data["proposal"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The request is taken into your group's answer “%(title)s”; the delegate is told.")
                % {"title": taken.proposal.title},
            )
            return redirect("proposals:detail", pk=taken.proposal_id)
    return _show_request(request, state_request, take_form=form, status=400)


@require_POST
def state_request_decline(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    state_request = _visible_request(request, pk)
    if not can_decide_state_request(request.user, state_request):
        raise PermissionDenied(_("Only the coordinators of the state's group decide on a waiting request."))
    form = DeclineStateRequestForm(request.POST)
    if form.is_valid():
        try:
            decline_state_request(state_request=state_request, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The request is declined; the delegate reads your reason."))
            return redirect("proposals:state_request", pk=state_request.pk)
    return _show_request(request, state_request, decline_form=form, status=400)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)
