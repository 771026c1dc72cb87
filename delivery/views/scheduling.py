"""The scheduling screen: the Secretariat picks a webinar's date with the rules in view.

It shows what the date must fit (the planned period, the target regions and their capitals,
the languages, the experts who accepted and their availability), proposes slots (working days
of the period with nothing against them, at a time within office hours in every capital,
shown on each capital's clock), and names every conflict of a date typed or picked. Scheduling
goes through delivery.services.scheduling, which checks the same rules
(delivery.selectors.dates): a date with conflicts is refused, unless someone holding
webinars.schedule_despite_conflicts gives a reason.

Picking a slot is a plain link (GET) that fills the form and checks the date; only the POST
of "Schedule" changes anything.
"""

from __future__ import annotations

from datetime import date, datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from delivery import permissions
from delivery.forms.scheduling import ScheduleForm
from delivery.selectors import dates
from delivery.services import scheduling
from portal.permissions import permission_label, staff_page
from webinars.models import Webinar
from webinars.periods import parse_period
from webinars.time_zones import GENEVA_TIME_ZONE


def _change_for(webinar: Webinar) -> str | None:
    """Schedule a webinar without a date (to be scheduled, planned, postponed); move a scheduled one."""
    available = scheduling.available_changes(webinar)
    for change in (scheduling.SCHEDULE, scheduling.MOVE):
        if change in available:
            return change
    return None


def _shown_month(request, webinar: Webinar, today: date) -> tuple[date, list[date]]:
    """The month whose slots are shown (``?month=2027-03``), and the months of the planned period."""
    period = parse_period(webinar.planned_period)
    period_months = period.months if period else []
    asked = parse_period(request.GET.get("month", ""))
    if asked is not None and asked.month:
        return asked.first_day, period_months
    this_month = today.replace(day=1)
    if webinar.starts_at is not None and webinar.starts_at > timezone.now():
        return timezone.localtime(webinar.starts_at).date().replace(day=1), period_months
    ahead = [month for month in period_months if month >= this_month]
    return (ahead[0] if ahead else this_month), period_months


def _neighbour(month: date, step: int) -> date:
    index = month.year * 12 + month.month - 1 + step
    return date(index // 12, index % 12 + 1, 1)


def _form(request, *, may_override: bool) -> ScheduleForm:
    if request.method == "POST":
        return ScheduleForm(request.POST, may_override=may_override)
    if "date" in request.GET:
        return ScheduleForm(request.GET, may_override=may_override)
    return ScheduleForm(initial={"time_zone": GENEVA_TIME_ZONE}, may_override=may_override)


def _done(result: scheduling.WebinarChange) -> str:
    webinar = result.webinar
    said = _("“%(title)s” is scheduled on %(when)s (Geneva time).") % {
        "title": webinar.title,
        "when": timezone.localtime(webinar.starts_at).strftime("%Y-%m-%d %H:%M"),
    }
    parts = [said]
    if result.told:
        parts.append(
            ngettext(
                "%(count)s person concerned has been told.", "%(count)s people concerned have been told.", result.told
            )
            % {"count": result.told}
        )
    if result.alerted:
        parts.append(
            ngettext(
                "%(count)s person who asked to be told the date has been told.",
                "%(count)s people who asked to be told the date have been told.",
                result.alerted,
            )
            % {"count": result.alerted}
        )
    return " ".join(parts)


def _slots(webinar: Webinar, rules: dates.DateRules, first_day: date, last_day: date) -> list:
    """The proposed slots; a dated webinar's own day is not a new date to propose."""
    current = timezone.localdate(webinar.starts_at) if webinar.starts_at else None
    return [slot for slot in rules.slots(first_day, last_day) if timezone.localdate(slot.starts_at) != current]


def _refusal(webinar: Webinar) -> ValidationError | None:
    """Why the webinar's date cannot change: as a move for a scheduled webinar, else as scheduling."""
    change = scheduling.MOVE if webinar.status == Webinar.Status.SCHEDULED else scheduling.SCHEDULE
    return scheduling.change_refusal(webinar, change)


@staff_page(scheduling.SCHEDULE_PERMISSION)
@require_http_methods(["GET", "POST"])
def webinar_schedule(request, slug: str):
    webinar = get_object_or_404(Webinar.objects.select_related("topic"), slug=slug)
    now = timezone.now()
    today = timezone.localdate(now)
    change = _change_for(webinar)
    may_override = permissions.can_schedule_despite_conflicts(request.user)
    month, period_months = _shown_month(request, webinar, today)
    first_day, last_day = dates.month_span(month, today=today)
    rules = dates.DateRules.load(webinar, first_day=min(first_day, last_day), last_day=last_day, now=now)
    form = _form(request, may_override=may_override)

    conflicts: list[dates.Conflict] = []
    typed: datetime | None = None
    status = 200
    if form.is_bound and change is not None and form.is_valid():
        try:
            typed = scheduling.starts_at_in_time_zone(form.wall_time(), form.cleaned_data["time_zone"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            conflicts = dates.date_conflicts(webinar, typed, now=now)
            if request.method == "POST" and request.POST.get("action") == "schedule":
                try:
                    result = scheduling.change_webinar(
                        webinar=webinar,
                        change=change,
                        actor=request.user,
                        starts_at=typed,
                        despite_conflicts=form.cleaned_data.get("despite_conflicts", ""),
                    )
                except scheduling.DateConflicts as refused:
                    conflicts = refused.conflicts
                    status = 400
                except ValidationError as error:
                    form.add_error(None, error)
                    status = 400
                else:
                    messages.success(request, _done(result))
                    return redirect("delivery:webinar_schedule", slug=webinar.slug)
    elif form.is_bound and request.method == "POST":
        status = 400

    context = {
        "webinar": webinar,
        "change": change,
        "change_label": scheduling.CHANGE_LABELS[change] if change else "",
        # A dated webinar is moved (the screen says why it cannot be, e.g. it has started).
        "is_move": change == scheduling.MOVE or (change is None and webinar.status == Webinar.Status.SCHEDULED),
        "refusal": _refusal(webinar) if change is None else None,
        "form": form,
        "may_override": may_override,
        "override_label": permission_label(scheduling.OVERRIDE_PERMISSION),
        "typed": typed,
        "typed_local_times": rules.local_times(typed) if typed else [],
        "conflicts": conflicts,
        "rules": rules,
        "slots": _slots(webinar, rules, first_day, last_day) if change and first_day <= last_day else [],
        "month": month,
        "period_months": period_months,
        "previous_month": _neighbour(month, -1) if _neighbour(month, -1) >= today.replace(day=1) else None,
        "next_month": _neighbour(month, 1),
        "closures": rules.closures,
        "others": [other for day in sorted(rules.others_by_day) for other in rules.others_by_day[day]],
        "experts": dates.experts_giving(webinar),
        "regions": rules.regions,
        "webinar_languages": list(webinar.languages.all()),
        "office_hours": rules.opens.strftime("%H:%M") + "–" + rules.closes.strftime("%H:%M"),
    }
    return render(request, "delivery/scheduling/schedule.html", context, status=status)
