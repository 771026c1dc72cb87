"""The Secretariat's follow-up screens: the list of held webinars with their checklist, and
one webinar's follow-up (materials, summary, answers, "materials available", the languages
delivered and the actual costs, set against the plan's estimate read through planning.selectors).

Thin callers of delivery.selectors.followup and delivery.services.followup: find the webinar (a
held one, else 404), check the permission (reading: webinars.view_material; every change:
webinars.record_followup), read a selector or call a form and a service, render or redirect.
Changes only on POST.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from delivery import permissions
from delivery.forms.delivered import WebinarCostsForm, delivered_language_formset
from delivery.forms.followup import AnsweredQuestionForm, MaterialUploadForm, SummaryForm
from delivery.selectors import delivered
from delivery.selectors.followup import followup_of, followup_overview, has_been_announced, materials_audience
from delivery.services import delivered as delivered_services
from delivery.services import followup
from planning import selectors as planning_selectors
from portal.permissions import staff_page
from webinars.models import Material, Webinar

READ = "webinars.view_material"
RECORD = "webinars.record_followup"


def _webinar(slug: str) -> Webinar:
    return get_object_or_404(Webinar.objects.held(), slug=slug)


def _fail(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _back(webinar: Webinar, anchor: str = ""):
    response = redirect("delivery:followup_detail", slug=webinar.slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@staff_page(READ)
@require_GET
def followup_list(request):
    """Every held webinar with its checklist; the overdue ones first."""
    context = {
        "followups": followup_overview(),
        "overdue_days": settings.PORTAL_FOLLOWUP_OVERDUE_DAYS,
        "survey_delay_hours": settings.PORTAL_SURVEY_DELAY_HOURS,
    }
    return render(request, "delivery/followup/list.html", context)


def _detail(request, webinar: Webinar, *, status: int = 200, **forms):
    webinar_facts = followup_of(webinar)
    materials = list(webinar.materials.select_related("language").order_by("kind", "pk"))
    answers = list(webinar.answered_questions.order_by("order", "pk"))
    context = {
        "webinar": webinar,
        "followup": webinar_facts,
        "materials": materials,
        "answers": answers,
        "slides_form": forms.get("slides_form") or MaterialUploadForm(webinar=webinar, kind=Material.Kind.SLIDES),
        "recording_form": forms.get("recording_form")
        or MaterialUploadForm(webinar=webinar, kind=Material.Kind.RECORDING),
        "summary_form": forms.get("summary_form") or SummaryForm(webinar=webinar),
        "answer_form": forms.get("answer_form") or AnsweredQuestionForm(webinar=webinar),
        "has_published_materials": any(m.is_published for m in materials),
        "has_published_answers": any(answer.is_published for answer in answers),
        "has_been_announced": has_been_announced(webinar),
        "audience_size": len(materials_audience(webinar)),
        "can_record": permissions.can_record_followup(request.user),
        **_delivered_context(webinar, **forms),
    }
    return render(request, "delivery/followup/detail.html", context, status=status)


def _delivered_context(webinar: Webinar, *, languages_formset=None, costs_form=None, **_other_forms) -> dict:
    """The languages delivered and the costs, actual against the plan's estimate (never on a public page)."""
    recorded = delivered.delivered_languages(webinar)
    estimate = planning_selectors.webinar_estimate(webinar)
    costs = delivered.costs_of(webinar)
    return {
        "delivered_languages": recorded,
        "languages_formset": languages_formset
        or delivered_language_formset(lines=delivered.language_lines(webinar, recorded)),
        "costs": costs,
        "estimate": estimate,
        "cost_lines": delivered.cost_lines(estimate=estimate, costs=costs),
        "costs_form": costs_form or WebinarCostsForm(instance=costs, estimate=estimate),
    }


@staff_page(READ)
@require_GET
def followup_detail(request, slug: str):
    return _detail(request, _webinar(slug))


@staff_page(RECORD)
@require_POST
def followup_add_material(request, slug: str, kind: str):
    """Upload slides or a recording (or give a link). A refused file leaves nothing behind."""
    webinar = _webinar(slug)
    if kind not in (Material.Kind.SLIDES, Material.Kind.RECORDING):
        raise PermissionDenied
    form = MaterialUploadForm(request.POST, request.FILES, webinar=webinar, kind=kind)
    if form.is_valid():
        data = form.cleaned_data
        try:
            followup.add_material(
                webinar=webinar,
                actor=request.user,
                kind=kind,
                title=data["title"],
                url=data["url"],
                file=data["file"],
                language=data["language"],
                publish=data["publish"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(title)s” was added.") % {"title": data["title"]})
            return _back(webinar, "materials")
    return _detail(request, webinar, status=400, **{f"{kind}_form": form})


@staff_page(RECORD)
@require_POST
def followup_publish_material(request, slug: str, pk: int):
    webinar = _webinar(slug)
    material = get_object_or_404(Material, webinar=webinar, pk=pk)
    try:
        followup.publish_material(material=material, actor=request.user)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("“%(title)s” is now on the webinar's page.") % {"title": material.title})
    return _back(webinar, "materials")


@staff_page(RECORD)
@require_POST
def followup_withdraw_material(request, slug: str, pk: int):
    webinar = _webinar(slug)
    material = get_object_or_404(Material, webinar=webinar, pk=pk)
    followup.withdraw_material(material=material, actor=request.user)
    messages.success(request, _("“%(title)s” was taken off the webinar's page.") % {"title": material.title})
    return _back(webinar, "materials")


@staff_page(RECORD)
@require_POST
def followup_save_summary(request, slug: str):
    webinar = _webinar(slug)
    form = SummaryForm(request.POST, webinar=webinar)
    if form.is_valid():
        followup.save_summary(webinar=webinar, actor=request.user, summaries=form.cleaned_data)
        messages.success(request, _("The summary was saved; the webinar's page shows it."))
        return _back(webinar, "summary")
    return _detail(request, webinar, status=400, summary_form=form)


@staff_page(RECORD)
@require_POST
def followup_add_answer(request, slug: str):
    webinar = _webinar(slug)
    form = AnsweredQuestionForm(request.POST, webinar=webinar)
    if form.is_valid():
        data = form.cleaned_data
        try:
            followup.add_answered_question(
                webinar=webinar,
                actor=request.user,
                language=data["language"],
                question=data["question"],
                answer=data["answer"],
                publish=data["publish"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The answer was added."))
            return _back(webinar, "answers")
    return _detail(request, webinar, status=400, answer_form=form)


@staff_page(RECORD)
@require_POST
def followup_no_open_questions(request, slug: str):
    webinar = _webinar(slug)
    value = request.POST.get("value") == "1"
    followup.set_no_open_questions(webinar=webinar, actor=request.user, value=value)
    return _back(webinar, "answers")


@staff_page(RECORD)
@require_POST
def followup_save_languages(request, slug: str):
    """Record the languages the webinar was delivered in, and how: what the person ticked, no more."""
    webinar = _webinar(slug)
    formset = delivered_language_formset(lines=delivered.language_lines(webinar), data=request.POST)
    if formset.is_valid():
        try:
            delivered_services.record_delivered_languages(
                webinar=webinar, actor=request.user, deliveries=formset.deliveries()
            )
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("The languages delivered are recorded."))
            return _back(webinar, "languages")
    return _detail(request, webinar, status=400, languages_formset=formset)


@staff_page(RECORD)
@require_POST
def followup_save_costs(request, slug: str):
    """Record what the webinar actually cost, item by item."""
    webinar = _webinar(slug)
    estimate = planning_selectors.webinar_estimate(webinar)
    form = WebinarCostsForm(request.POST, instance=delivered.costs_of(webinar), estimate=estimate)
    if form.is_valid():
        data = form.cleaned_data
        try:
            delivered_services.record_webinar_costs(
                webinar=webinar,
                actor=request.user,
                expert_fee=data["expert_fee"],
                interpretation=data["interpretation"],
                platform=data["platform"],
                other=data["other"],
                notes=data["notes"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The actual costs are recorded."))
            return _back(webinar, "costs")
    return _detail(request, webinar, status=400, costs_form=form)


@staff_page(RECORD)
@require_POST
def followup_announce(request, slug: str):
    """Send "materials available" to the webinar's audience; a second press sends nothing more."""
    webinar = _webinar(slug)
    try:
        result = followup.announce_materials(webinar=webinar, actor=request.user)
    except ValidationError as error:
        _fail(request, error)
    else:
        if result.queued:
            messages.success(
                request,
                ngettext(
                    "“Materials available” is on its way to %(count)s person.",
                    "“Materials available” is on its way to %(count)s people.",
                    result.queued,
                )
                % {"count": result.queued},
            )
        else:
            messages.info(request, _("Everyone in the audience has been told already: nothing more was sent."))
    return _back(webinar, "announce")
