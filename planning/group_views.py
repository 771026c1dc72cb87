"""The coordinators' side of the draft plan: read the shared draft, leave and edit the group's comments.

The plan is found among shared drafts only (an unshared or published plan is a 404), a
comment among the coordinator's own group's (another group's is a 404); the services
check the dates again and refuse a late comment with a message in the reader's language.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planning import selectors
from planning.consultation import closed_message, comment_on_plan, edit_plan_comment
from planning.forms import EditPlanCommentForm, PlanCommentForm
from planning.models import AnnualPlan, PlanComment
from planning.permissions import can_comment_on_plan, can_edit_plan_comment
from proposals.permissions import active_coordinator


def group_page(view):
    """Visitors log in first; anyone but an active coordinator of an active group is told the page is theirs."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        coordinator = active_coordinator(request.user)
        if coordinator is None:
            return render(request, "proposals/not_a_coordinator.html", status=403)
        return view(request, coordinator, *args, **kwargs)

    return wrapper


def _shared_plan(plan_id: int) -> AnnualPlan:
    shared = AnnualPlan.objects.filter(state=AnnualPlan.State.DRAFT, shared_at__isnull=False).select_related("cycle")
    return get_object_or_404(shared, pk=plan_id)


@group_page
@require_http_methods(["GET", "POST"])
def plan(request, coordinator, plan_id: int):
    plan = _shared_plan(plan_id)
    can_comment = can_comment_on_plan(request.user, plan)
    form = PlanCommentForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            comment_on_plan(
                plan=plan, actor=request.user, text=form.cleaned_data["text"], entry=form.cleaned_data["entry"]
            )
            messages.success(request, _("The group's comment is saved; you can change it until the last day."))
            return redirect("plan_comments:plan", plan_id=plan.pk)
        except ValidationError as error:
            form.add_error(None, error.messages)
    entries = list(selectors.shared_plan_entries(plan=plan))
    comments = list(selectors.plan_comments(plan=plan).filter(group=coordinator.group))
    for entry in entries:
        entry.group_comments = [c for c in comments if c.entry_id == entry.pk]
    context = {
        "plan": plan,
        "group": coordinator.group,
        "entries": entries,
        "general_comments": [c for c in comments if c.entry_id is None],
        "form": form,
        "can_comment": can_comment,
        "closed_reason": "" if can_comment else closed_message(plan),
        "until_text": date_format(plan.comments_until, "DATE_FORMAT"),
    }
    return render(request, "planning/group_plan.html", context)


@group_page
@require_http_methods(["GET", "POST"])
def comment_edit(request, coordinator, pk: int):
    comment = get_object_or_404(
        PlanComment.objects.filter(group=coordinator.group, plan__state=AnnualPlan.State.DRAFT).select_related(
            "plan", "entry"
        ),
        pk=pk,
    )
    form = EditPlanCommentForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            edit_plan_comment(comment=comment, actor=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("The group's comment is changed."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("plan_comments:plan", plan_id=comment.plan_id)
    can_edit = can_edit_plan_comment(request.user, comment)
    context = {
        "comment": comment,
        "plan": comment.plan,
        "form": form,
        "can_edit": can_edit,
        "closed_reason": "" if can_edit else closed_message(comment.plan),
    }
    return render(request, "planning/group_comment_edit.html", context)
