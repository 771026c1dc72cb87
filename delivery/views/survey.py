"""Pages of the feedback survey: answering from a signed link, results for the Secretariat,
and the admin actions that send the survey.

The link in the message leads to the form; only its POST stores anything.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from delivery.forms.survey import FeedbackSurveyForm, ParticipantAddressesForm
from delivery.selectors.survey import (
    expert_recipients,
    suggestion_counts,
    suggestions,
    webinar_results,
    year_results,
    year_totals,
)
from delivery.services import survey
from portal.permissions import staff_page
from portal.signing import InvalidLink
from portal.views import link_not_valid
from webinars.models import Feedback, SuggestionReview, Webinar

# The survey, from a link ---------------------------------------------------------------


def _already_answered(request, invitation, *, status: int = 200):
    return render(request, "delivery/survey/already_answered.html", {"webinar": invitation.webinar}, status=status)


@require_http_methods(["GET", "POST"])
def survey_answer(request, token: str):
    """GET shows the survey; POST stores the one answer this link allows."""
    try:
        invitation = survey.invitation_from_token(token)
    except InvalidLink as error:
        closed = _("The survey for this webinar is closed.") if error.is_expired else ""
        return link_not_valid(request, error, what=closed)
    if invitation.has_answered():
        return _already_answered(request, invitation, status=409 if request.method == "POST" else 200)
    form = FeedbackSurveyForm(request.POST or None, source=invitation.source)
    if request.method == "POST" and form.is_valid():
        try:
            survey.submit_feedback(invitation=invitation, answers=form.cleaned_data, actor=request.user)
        except survey.AlreadyAnswered:
            return _already_answered(request, invitation, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("delivery:survey_thanks")
    context = {"form": form, "webinar": invitation.webinar, "is_expert": invitation.source == Feedback.Source.EXPERT}
    return render(request, "delivery/survey/answer.html", context)


@require_GET
def survey_thanks(request):
    return render(request, "delivery/survey/thanks.html")


# Results for the Secretariat -----------------------------------------------------------


@staff_page("webinars.view_feedback")
@require_GET
def survey_results(request, pk: int):
    webinar = get_object_or_404(Webinar.objects.select_related("topic"), pk=pk, status=Webinar.Status.HELD)
    return render(request, "delivery/survey/results.html", {"webinar": webinar, **webinar_results(webinar)})


@staff_page("webinars.view_feedback")
@require_GET
def survey_year_results(request, year: int | None = None):
    year = year or timezone.localdate().year
    context = {
        "year": year,
        "webinars": list(year_results(year)),
        "totals": year_totals(year),
        "previous_year": year - 1,
        "next_year": year + 1,
    }
    return render(request, "delivery/survey/year_results.html", context)


# Admin actions on webinars ---------------------------------------------------------------


def _held_only(modeladmin, request, queryset) -> list[Webinar] | None:
    webinars = list(queryset)
    not_held = [w for w in webinars if w.status != Webinar.Status.HELD]
    if not_held:
        modeladmin.message_user(
            request,
            _("The feedback survey is sent only after the webinar has been held: %(titles)s.")
            % {"titles": ", ".join(str(w) for w in not_held)},
            messages.ERROR,
        )
        return None
    return webinars


@admin.action(description=gettext_lazy("Send the feedback survey to the expert(s)"), permissions=["send_survey"])
def send_survey_to_experts(modeladmin, request, queryset):
    webinars = _held_only(modeladmin, request, queryset)
    if webinars is None:
        return
    for webinar in webinars:
        recipients = expert_recipients(webinar)
        if not recipients:
            modeladmin.message_user(
                request, _("%(webinar)s has no expert to send the survey to.") % {"webinar": webinar}, messages.WARNING
            )
            continue
        try:
            result = survey.send_feedback_survey(webinar=webinar, actor=request.user, recipients=recipients)
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
            continue
        _report(modeladmin, request, webinar, result)


def _report(modeladmin, request, webinar, result: survey.SurveySending) -> None:
    modeladmin.message_user(
        request,
        _("%(webinar)s: survey sent to %(sent)d person(s); %(already)d had it already.")
        % {"webinar": webinar, "sent": len(result.sent), "already": len(result.already_sent)},
        messages.SUCCESS,
    )


@admin.action(
    description=gettext_lazy("Send the feedback survey to participants (paste addresses)"),
    permissions=["send_survey"],
)
def send_survey_to_participants(modeladmin, request, queryset):
    """An intermediate page: the Secretariat pastes the participants' addresses for one webinar."""
    webinars = _held_only(modeladmin, request, queryset)
    if webinars is None:
        return None
    if len(webinars) != 1:
        modeladmin.message_user(request, _("Choose exactly one held webinar."), messages.ERROR)
        return None
    webinar = webinars[0]
    form = ParticipantAddressesForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        recipients = [
            (email, form.cleaned_data["language"], Feedback.Source.PARTICIPANT)
            for email in form.cleaned_data["addresses"]
        ]
        try:
            result = survey.send_feedback_survey(webinar=webinar, actor=request.user, recipients=recipients)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _report(modeladmin, request, webinar, result)
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Send the feedback survey to participants"),
        "opts": modeladmin.model._meta,
        "webinar": webinar,
        "form": form,
        "action": "send_survey_to_participants",
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "delivery/survey/admin_send_participants.html", context)


# Suggested topics: the Secretariat publishes or hides each one ----------------------------

SUGGESTIONS_PER_PAGE = 50
MODERATE = "webinars.change_feedback"


@staff_page(MODERATE)
@require_GET
def suggestion_list(request):
    """The suggested topics in one review state (those not reviewed yet by default), oldest first."""
    review = request.GET.get("review") or SuggestionReview.PENDING
    if review not in SuggestionReview.values:
        review = SuggestionReview.PENDING
    page = Paginator(suggestions(review=review), SUGGESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    counts = suggestion_counts()
    tabs = [(value, label, counts[value]) for value, label in SuggestionReview.choices]
    context = {"page": page, "review": review, "tabs": tabs}
    return render(request, "delivery/survey/suggestions.html", context)


@staff_page(MODERATE)
@require_POST
def suggestion_review(request, pk: int, decision: str):
    feedback = get_object_or_404(Feedback.objects.exclude(topic_suggestion=""), pk=pk)
    try:
        survey.review_suggestion(feedback=feedback, decision=decision, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if decision == survey.PUBLISH:
            messages.success(request, _("The suggested topic is now on the webinar's public page."))
        else:
            messages.success(request, _("The suggested topic stays off the webinar's public page."))
    back = request.POST.get("review") or SuggestionReview.PENDING
    if back not in SuggestionReview.values:
        back = SuggestionReview.PENDING
    return redirect(f"{reverse('delivery:suggestion_list')}?review={back}")
