"""The Secretariat's screens for the annual report to the committee: thin callers of the services.

A list of the reports with the form to start one, a page that previews the document in a
language with its state buttons and downloads, an editing page (settings, and the texts
and the accounts of the webinars one language at a time), and the files.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.permissions import has_permission, staff_page
from reporting import services
from reporting.forms import CommitteeReportForm, CommitteeReportTextsForm
from reporting.models import CommitteeReport
from reporting.permissions import (
    can_edit_committee_report,
    can_finalise_committee_report,
    can_submit_committee_report,
)

EXPORT_FORMATS = ("docx", "pdf", "xlsx")


def _language(request, key: str = "language") -> str:
    language = request.GET.get(key) or get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise Http404("unknown language")
    return language


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@staff_page("reporting.view_committeereport")
def committee_report_list(request):
    reports = CommitteeReport.objects.select_related("session").order_by("-year")
    may_add = has_permission(request.user, "reporting.add_committeereport")
    form = None
    if may_add:
        from django.utils import timezone

        form = CommitteeReportForm(
            initial={"year": timezone.localdate().year - 1, "dated_on": timezone.localdate(), "original_language": "en"}
        )
    return render(request, "reporting/committee/list.html", {"reports": reports, "form": form})


@staff_page("reporting.add_committeereport")
def committee_report_create(request):
    form = CommitteeReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_committee_report(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The report %(symbol)s is started as a draft.") % {"symbol": report.symbol})
            return redirect("reporting:committee_report_edit", pk=report.pk)
    return render(request, "reporting/committee/create.html", {"form": form})


@staff_page("reporting.view_committeereport")
def committee_report_detail(request, pk: int):
    """The document as the committee will read it, in the language asked (?language=ar)."""
    report = get_object_or_404(CommitteeReport.objects.select_related("session"), pk=pk)
    language = _language(request)
    document = services.committee_document(report, language=language)
    query = f"?language={language}"
    return render(
        request,
        "reporting/committee/detail.html",
        {
            "report": report,
            "document": document,
            "language": language,
            "language_choices": settings.LANGUAGES,
            "downloads": [
                (fmt.upper(), reverse("reporting:committee_report_export", kwargs={"pk": pk, "fmt": fmt}) + query)
                for fmt in EXPORT_FORMATS
            ],
            "may_edit": can_edit_committee_report(request.user, report),
            "may_finalise": can_finalise_committee_report(request.user, report),
            "may_submit": can_submit_committee_report(request.user, report),
        },
    )


@staff_page("reporting.change_committeereport")
def committee_report_edit(request, pk: int):
    """The settings, then the texts and the accounts in one language (?language=fr) at a time."""
    report = get_object_or_404(CommitteeReport.objects.select_related("session"), pk=pk)
    if not report.is_editable:
        messages.error(
            request, _("The report %(symbol)s is final: it can no longer be edited.") % {"symbol": report.symbol}
        )
        return redirect("reporting:committee_report_detail", pk=pk)
    language = _language(request)
    data = request.POST if request.method == "POST" else None
    settings_form = CommitteeReportForm(
        data,
        with_year=False,
        initial={
            "symbol": report.symbol,
            "session": report.session,
            "dated_on": report.dated_on,
            "original_language": report.original_language,
        },
    )
    texts_form = CommitteeReportTextsForm(data, report=report, language=language)
    if request.method == "POST" and settings_form.is_valid() and texts_form.is_valid():
        try:
            services.edit_committee_report(
                report=report,
                actor=request.user,
                values=settings_form.cleaned_data,
                texts=texts_form.texts(),
                accounts=texts_form.accounts(),
            )
        except ValidationError as error:
            _errors(settings_form, error)
        else:
            messages.success(request, _("The report is saved."))
            url = reverse("reporting:committee_report_edit", kwargs={"pk": pk}) + f"?language={language}"
            if "preview" in request.POST:
                url = reverse("reporting:committee_report_detail", kwargs={"pk": pk}) + f"?language={language}"
            return redirect(url)
    return render(
        request,
        "reporting/committee/edit.html",
        {
            "report": report,
            "settings_form": settings_form,
            "texts_form": texts_form,
            "language": language,
            "language_choices": settings.LANGUAGES,
        },
    )


def _state_change(request, pk: int, service, done: str):
    report = get_object_or_404(CommitteeReport, pk=pk)
    try:
        service(report=report, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"symbol": report.symbol})
    return redirect("reporting:committee_report_detail", pk=pk)


@require_POST
@staff_page("reporting.finalise_committeereport")
def committee_report_finalise(request, pk: int):
    return _state_change(
        request,
        pk,
        services.finalise_committee_report,
        _("The report %(symbol)s is final: it is frozen with its data."),
    )


@require_POST
@staff_page("reporting.submit_committeereport")
def committee_report_submit(request, pk: int):
    return _state_change(
        request, pk, services.submit_committee_report, _("The report %(symbol)s is recorded as submitted.")
    )


@staff_page("reporting.view_committeereport")
def committee_report_export(request, pk: int, fmt: str):
    """The document as DOCX, PDF or XLSX (the figures) in the language of ?language=."""
    if fmt not in EXPORT_FORMATS:
        raise Http404("unknown format")
    report = get_object_or_404(CommitteeReport.objects.select_related("session"), pk=pk)
    language = _language(request)
    from reporting.exports import render_document

    content, content_type, extension = render_document(services.committee_document(report, language=language), fmt)
    response = HttpResponse(content, content_type=content_type)
    name = report.symbol.replace("/", "-").replace(" ", "")
    response["Content-Disposition"] = f'attachment; filename="{name}-{language}.{extension}"'
    return response
