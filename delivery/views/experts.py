"""The expert screens: the roster and the suggestions for a webinar (the Secretariat, by permission),
and the page where an expert answers an invitation from the signed link.

The link in the invitation leads to a page with two buttons; only its POST answers, so a
mail scanner that follows links answers nothing.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from delivery import permissions
from delivery.forms.experts import AcceptForm, DeclineForm, InviteForm, RosterFilterForm
from delivery.models import ExpertInvitation
from delivery.selectors.experts import (
    past_webinars,
    roster_experts,
    suggest_experts,
    webinar_invitations,
    webinar_year,
    webinars_needing_experts,
    year_balance,
)
from delivery.services import experts
from planning import selectors as planning_selectors
from portal.permissions import staff_page
from portal.signing import InvalidLink
from portal.views import link_not_valid
from webinars.models import Webinar


def _fail(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# The roster ---------------------------------------------------------------------------


@staff_page("webinars.view_expert")
@require_GET
def expert_roster(request):
    form = RosterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    roster = list(roster_experts(filters=filters))
    context = {"form": form, "experts": roster, "webinars_needing_experts": list(webinars_needing_experts())}
    return render(request, "delivery/experts/roster.html", context)


@staff_page("webinars.view_expert")
@require_GET
def expert_detail(request, expert_id: int):
    expert = get_object_or_404(roster_experts(), pk=expert_id)
    context = {
        "expert": expert,
        "past_webinars": list(past_webinars(expert=expert)),
        "invitations": list(expert.invitations.select_related("webinar").order_by("-invited_at", "-pk")),
    }
    return render(request, "delivery/experts/detail.html", context)


# Suggestions and invitations for a webinar --------------------------------------------


def _webinar(webinar_id: int) -> Webinar:
    return get_object_or_404(Webinar.objects.select_related("topic", "topic__scope_area"), pk=webinar_id)


@staff_page("webinars.view_expert")
@require_GET
def expert_suggestions(request, webinar_id: int):
    webinar = _webinar(webinar_id)
    year = webinar_year(webinar)
    if year.basis == "today":  # neither a date nor a planned period: its plan's year, which only the plan knows
        year = webinar_year(webinar, plan_year=planning_selectors.webinar_plan_year(webinar))
    undated = planning_selectors.undated_plan_webinar_ids(year=year.year)
    suggestions = suggest_experts(webinar=webinar, year=year.year, undated_webinar_ids=undated)
    for suggestion in suggestions:  # one form per row, with ids of its own so that each label finds its field
        suggestion.form = InviteForm(
            initial={"expert": suggestion.expert.pk}, auto_id=f"id_invite_{suggestion.expert.pk}_%s"
        )
    invitations = list(webinar_invitations(webinar=webinar))
    open_invitations = {invitation.expert_id: invitation for invitation in invitations if invitation.is_open}
    for suggestion in suggestions:
        suggestion.open_invitation = open_invitations.get(suggestion.expert.pk)
    for invitation in invitations:
        invitation.may_withdraw = permissions.can_withdraw_invitation(request.user, invitation)
    context = {
        "can_invite": permissions.can_invite_expert(request.user, webinar),
        "webinar": webinar,
        "current_experts": list(webinar.experts.select_related("region")),
        "suggestions": suggestions,
        "balance": year_balance(year=year.year, undated_webinar_ids=undated),
        "year": year,
        "invitations": invitations,
    }
    return render(request, "delivery/experts/suggestions.html", context)


@staff_page("delivery.invite_expert")
@require_POST
def expert_invite(request, webinar_id: int):
    webinar = _webinar(webinar_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an expert of the roster to invite."))
    else:
        expert = form.cleaned_data["expert"]
        try:
            experts.invite_expert(
                webinar=webinar, expert=expert, actor=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(
                request, _("%(name)s is invited; their answer will be shown here.") % {"name": expert.name}
            )
    return redirect("delivery:expert_suggestions", webinar_id=webinar.pk)


@staff_page("delivery.invite_expert")
@require_POST
def invitation_withdraw(request, invitation_id: int):
    invitation = get_object_or_404(ExpertInvitation.objects.select_related("expert"), pk=invitation_id)
    try:
        experts.withdraw_invitation(invitation=invitation, actor=request.user)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The invitation of %(name)s is withdrawn.") % {"name": invitation.expert.name})
    return redirect("delivery:expert_suggestions", webinar_id=invitation.webinar_id)


# The expert's answer, from the signed link --------------------------------------------


@require_http_methods(["GET", "POST"])
def expert_answer(request, token: str):
    """GET shows the webinar and two buttons; POST records the one answer this link allows."""
    try:
        invitation = experts.invitation_from_token(token)
    except InvalidLink as error:
        return link_not_valid(
            request,
            error,
            what=_("Please write to the Secretariat if you would still like to give this webinar."),
        )
    if not invitation.is_open:
        if request.method == "POST":
            return _answered(request, invitation, status=409)
        return _answered(request, invitation, just_now=request.GET.get("answered") == "1")
    answer = request.POST.get("answer") if request.method == "POST" else None
    form = DeclineForm(request.POST if answer == "decline" else None)
    accept_form = AcceptForm(request.POST if answer == "accept" else None, prefix="availability")
    if request.method == "POST":
        answering = accept_form if answer == "accept" else form
        if answer in ("accept", "decline") and answering.is_valid():
            data = answering.cleaned_data
            try:
                experts.answer_invitation(
                    token=token,
                    accept=answer == "accept",
                    reason=data.get("reason", ""),
                    available_from=data.get("available_from"),
                    available_until=data.get("available_until"),
                    availability_note=data.get("availability_note", ""),
                )
            except experts.InvitationClosed as closed:
                return _answered(request, closed.invitation, status=409)
            except ValidationError as error:
                answering.add_error(None, error)
            else:
                return redirect(f"{request.path}?answered=1")
        elif answer not in ("accept", "decline"):
            form.add_error(None, _("Press “Accept” or “Decline”."))
    context = {
        "invitation": invitation,
        "webinar": invitation.webinar,
        "form": form,
        "accept_form": accept_form,
    }
    return render(request, "delivery/experts/answer.html", context)


def _answered(request, invitation: ExpertInvitation, *, status: int = 200, just_now: bool = False):
    context = {"invitation": invitation, "webinar": invitation.webinar, "just_now": just_now}
    return render(request, "delivery/experts/answered.html", context, status=status)
