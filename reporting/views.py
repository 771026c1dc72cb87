"""The yearly report's staff page and its downloads: thin callers of figures, report and exporters."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.permissions import staff_page
from reporting.annual_report import build_annual_report
from reporting.charts import bar_chart_svg
from reporting.document import Section, Table
from reporting.figures import annual_figures
from reporting.forms import ReportRangeForm
from reporting.models import ReportSnapshot
from reporting.permissions import can_download_kept_report, can_keep_annual_report
from webinars.models import Webinar

EXPORT_FORMATS = ("csv", "xlsx", "docx", "pdf")


@dataclass(frozen=True)
class _ShownTable:
    table: Table
    rows: list[tuple]
    svg: SafeString | None


@dataclass(frozen=True)
class _ShownSection:
    section: Section
    tables: list[_ShownTable]


def _default_year() -> int:
    """The last year a webinar was held (the report one most likely wants), else last year."""
    latest = Webinar.objects.held().aggregate(latest=Max("starts_at"))["latest"]
    return timezone.localtime(latest).year if latest else timezone.localtime().year - 1


def _admin_pages_this_person_may_open(request) -> Callable[[str], bool]:
    """Whether a link of the report leads to a page of the admin this person may open.

    The report names the records behind each row (the admin's list of them); the link is
    offered only when the person's roles let the admin show that list, as the admin itself
    decides (its ``has_view_or_change_permission``). A link to another Secretariat screen
    is offered when the person holds the permissions that screen needs.
    """
    decided: dict[int, bool] = {}

    def may_open(url: str) -> bool:
        path = urlsplit(url).path
        with translation.override(translation.get_language_from_path(path) or translation.get_language()):
            try:
                view = resolve(path).func
            except Resolver404:
                return False
        model_admin = getattr(view, "model_admin", None)
        if model_admin is None:
            return all(request.user.has_perm(perm) for perm in getattr(view, "required_permissions", ()))
        if id(model_admin) not in decided:
            decided[id(model_admin)] = model_admin.has_view_or_change_permission(request)
        return decided[id(model_admin)]

    return may_open


def _shown(document, *, may_open: Callable[[str], bool]) -> list[_ShownSection]:
    sections = []
    for section in document.sections:
        tables = []
        for table in section.tables:
            svg = None
            if table.chart is not None and table.rows:
                # bar_chart_svg escapes every label and value it writes.
                svg = mark_safe(bar_chart_svg(table, table.chart, right_to_left=document.is_right_to_left))  # noqa: S308
            links = [link if link and may_open(link) else "" for link in table.links] or [""] * len(table.rows)
            tables.append(_ShownTable(table=table, rows=list(zip(table.rows, links, strict=False)), svg=svg))
        sections.append(_ShownSection(section=section, tables=tables))
    return sections


@staff_page("reporting.view_annual_report")
def annual_report(request):
    """The report for the years asked (?first_year=2025&last_year=2025), in the page's language."""
    data = request.GET if "first_year" in request.GET else {"first_year": _default_year()}
    form = ReportRangeForm(data)
    context = {"form": form, "document": None}
    if form.is_valid():
        first_year, last_year = form.cleaned_data["first_year"], form.cleaned_data["last_year"]
        language = get_language() or settings.LANGUAGE_CODE
        document = build_annual_report(annual_figures(first_year=first_year, last_year=last_year), language=language)
        kwargs = {"first_year": first_year, "last_year": last_year}
        query = urlencode({"language": language})
        may_keep = can_keep_annual_report(request.user)
        context.update(
            document=document,
            sections=_shown(document, may_open=_admin_pages_this_person_may_open(request)),
            downloads=[
                (fmt.upper(), reverse("reporting:annual_report_export", kwargs={**kwargs, "fmt": fmt}) + f"?{query}")
                for fmt in EXPORT_FORMATS
            ],
            keep_url=reverse("reporting:annual_report_keep", kwargs=kwargs) if may_keep else None,
            may_download_kept=can_download_kept_report(request.user),
            formats=EXPORT_FORMATS,
            kept=ReportSnapshot.objects.filter(
                kind=ReportSnapshot.Kind.ANNUAL, first_year=first_year, last_year=last_year
            ).select_related("generated_by")[:10],
        )
    return render(request, "reporting/annual_report.html", context)


def _export_language(request) -> str:
    """The language chosen at export (?language=fr), else the page's own; an unknown one is a 404."""
    language = request.GET.get("language") or get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise Http404("unknown language")
    return language


@staff_page("reporting.view_annual_report")
def annual_report_export(request, first_year: int, last_year: int, fmt: str):
    """The report as a file (csv, xlsx, docx or pdf) in the language of ?language=."""
    if fmt not in EXPORT_FORMATS:
        raise Http404("unknown format")
    language = _export_language(request)
    try:
        figures = annual_figures(first_year=first_year, last_year=last_year)
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages), content_type="text/plain; charset=utf-8")
    document = build_annual_report(figures, language=language)
    try:
        from reporting.exports import render_document
    except ImportError as error:  # the DOCX and PDF writers are not installed here
        raise Http404("this format is not available") from error
    content, content_type, extension = render_document(document, fmt)
    response = HttpResponse(content, content_type=content_type)
    period = str(first_year) if first_year == last_year else f"{first_year}-{last_year}"
    response["Content-Disposition"] = f'attachment; filename="webinar-report-{period}-{language}.{extension}"'
    return response


@require_POST
@staff_page("reporting.keep_annual_report")
def annual_report_keep(request, first_year: int, last_year: int):
    """Keep the report as sent to the committee: the file, the date and the data it was made from."""
    # Imported here: the exporters (WeasyPrint, matplotlib) load only when a file is made.
    from reporting.services import keep_report

    fmt = request.POST.get("fmt", "")
    language = request.POST.get("language") or get_language() or settings.LANGUAGE_CODE
    if fmt not in EXPORT_FORMATS or language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(_("Choose a format and a language."), content_type="text/plain; charset=utf-8")
    try:
        figures = annual_figures(first_year=first_year, last_year=last_year)
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages), content_type="text/plain; charset=utf-8")
    snapshot = keep_report(
        document=build_annual_report(figures, language=language),
        fmt=fmt,
        actor=request.user,
        kind=ReportSnapshot.Kind.ANNUAL,
        first_year=first_year,
        last_year=last_year,
    )
    messages.success(request, _("The report is kept: %(report)s.") % {"report": snapshot})
    query = urlencode({"first_year": first_year, "last_year": last_year})
    return redirect(reverse("reporting:annual_report") + f"?{query}")


@staff_page("reporting.view_reportsnapshot")
def kept_report_download(request, pk: int):
    """A kept report's file, exactly as it was kept."""
    snapshot = get_object_or_404(ReportSnapshot, pk=pk)
    return FileResponse(snapshot.file.open("rb"), as_attachment=True, filename=snapshot.file.name.rsplit("/", 1)[-1])
