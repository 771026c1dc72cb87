"""The public pages of the tracker of committee decisions, and the annex download.

The decisions of the committee are public: anyone may read a decision, its measures,
their follow-up and history (dates and states only), and download the annex. Nothing
here changes data; the Secretariat edits in the admin, where every change is kept.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from reporting import selectors
from reporting.annex import build_annex
from reporting.models import CommitteeDecision
from reporting.tracker_report import build_tracker_report

ANNEX_FORMATS = ("docx", "xlsx")
REPORT_FORMATS = ("docx", "pdf")


@require_GET
def decision_list(request):
    decisions = list(selectors.public_decisions())
    for decision in decisions:
        decision.states = selectors.state_counts(decision)
    return render(request, "reporting/tracker/decision_list.html", {"decisions": decisions})


@require_GET
def decision_detail(request, pk: int):
    decision = selectors.public_decision(pk=pk)
    today = timezone.localdate()
    for measure in decision.ordered_measures:
        for action in measure.actions.all():
            action.is_overdue = selectors.is_overdue(action, today=today)
    return render(
        request,
        "reporting/tracker/decision_detail.html",
        {
            "decision": decision,
            "annex_languages": [code for code, _name in settings.LANGUAGES],
            "annex_formats": ANNEX_FORMATS,
            "report_formats": REPORT_FORMATS,
            "produced_plans": selectors.programme_plans()
            if any(measure.has_webinar_programme for measure in decision.ordered_measures)
            else [],
        },
    )


def _export_language(request) -> str:
    """The language chosen at export (?language=fr), else the page's language; an unknown one is a 404."""
    language = request.GET.get("language") or get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise Http404("unknown language")
    return language


@require_GET
def decision_annex(request, pk: int, fmt: str):
    """The annex of a decision as DOCX or XLSX, in the language asked for."""
    if fmt not in ANNEX_FORMATS:
        raise Http404("unknown format")
    decision = get_object_or_404(CommitteeDecision.objects.select_related("session"), pk=pk)
    language = _export_language(request)
    from reporting.exports import render_document  # the exporters load their libraries only when asked

    content, content_type, extension = render_document(build_annex(decision, language=language), fmt)
    response = HttpResponse(content, content_type=content_type)
    filename = f"decision-{decision.session.number}-{decision.pk}-annex-{language}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def decision_report(request, pk: int, fmt: str):
    """The report on the implementation of a decision (body and annex) as DOCX or PDF, in the language asked for."""
    if fmt not in REPORT_FORMATS:
        raise Http404("unknown format")
    decision = get_object_or_404(CommitteeDecision.objects.select_related("session"), pk=pk)
    language = _export_language(request)
    from reporting.exports import render_document  # the exporters load their libraries only when asked

    content, content_type, extension = render_document(build_tracker_report(decision, language=language), fmt)
    response = HttpResponse(content, content_type=content_type)
    filename = f"decision-{decision.session.number}-{decision.pk}-report-{language}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
