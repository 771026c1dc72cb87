"""The rules of a good date for a webinar, in one place.

The issue: the Secretariat picks "times that fall in office hours in the target regions
(shown in their capitals' local time), weekends, official holidays and the committee's
session weeks avoided, no two webinars on the same day, the expert's accepted
availability. Conflicts are named, not silently allowed."

``DateRules`` reads once what the rules need for a span of days (the target regions'
capitals, the closures, the other webinars, the accepted experts' availability) and then
answers for any moment: ``conflicts(starts_at)`` names each rule it breaks;
``slots(first_day, last_day)`` proposes the working days of the span, each at a time whose
local times fall within office hours in every capital. The scheduling screen shows both;
the scheduling service refuses a date with conflicts (``date_conflicts``) unless someone
holding webinars.schedule_despite_conflicts gives a reason.

Days are the committee's days: a webinar's weekday, closure and "same day" are read on
Geneva's calendar. Office hours are read in each capital's own clock and on its own
calendar (a webinar on Friday evening in Geneva can be Saturday morning in Canberra), and on
its own working week: Friday is the weekend in Riyadh and Cairo, Sunday a working day. A start
on any target capital's weekend (its local day) is a weekend conflict, as is Geneva's own
weekend, since the Secretariat runs the webinar. A capital's weekend is its "weekend" in
Region.capitals, else its time zone's (webinars.time_zones.WEEKEND_BY_TIME_ZONE).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from delivery.models import ExpertInvitation, hidden_on_webinar
from webinars.models import Closure, Webinar
from webinars.time_zones import GENEVA_TIME_ZONE, SATURDAY_SUNDAY, weekend_of

# What each conflict is called, for tests and for the screen's markers.
PAST, WEEKEND, CLOSURE, SAME_DAY, OFFICE_HOURS, EXPERT_AVAILABILITY = (
    "past",
    "weekend",
    "closure",
    "same_day",
    "office_hours",
    "expert_availability",
)
# Webinars with a date people plan around: a second one the same day is a conflict.
DATED_STATUSES = (Webinar.Status.SCHEDULED, Webinar.Status.HELD)
# Start times the screen tries on each day, in Geneva time.
SLOT_STEP = timedelta(minutes=30)
# Without any capital among its target regions, a webinar keeps to the Secretariat's own hours.
GENEVA = ("Geneva", GENEVA_TIME_ZONE)


def office_hours() -> tuple[time, time]:
    """Opening and closing time of offices, local time (PORTAL_OFFICE_HOURS, "09:00-17:00")."""
    opens, _dash, closes = settings.PORTAL_OFFICE_HOURS.partition("-")
    return time.fromisoformat(opens.strip()), time.fromisoformat(closes.strip())


@dataclass(frozen=True)
class Conflict:
    """One rule a date breaks, named for a person."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Capital:
    city: str
    time_zone: str
    region: str = ""  # the region's name; "" for Geneva, the fallback
    weekend: frozenset[int] = SATURDAY_SUNDAY  # ISO day numbers: 1 is Monday, 7 is Sunday

    def is_working_day(self, day: date) -> bool:
        return day.isoweekday() not in self.weekend


@dataclass(frozen=True)
class WorkingWeek:
    """Capitals that share a working week, and its days, as the screen says them."""

    cities: str
    days: str


@dataclass(frozen=True)
class LocalTime:
    """A webinar's start and end on one capital's clock."""

    capital: Capital
    starts: datetime
    ends: datetime
    is_in_office_hours: bool
    is_working_day: bool = True  # the capital's local day at the start

    @property
    def clock(self) -> str:
        """ "10:00–11:30" on the capital's clock."""
        return f"{_clock(self.starts)}–{_clock(self.ends)}"

    @property
    def other_day(self) -> str:
        """The capital's weekday when it is not Geneva's day (a start late in Geneva is tomorrow in Asia), else ""."""
        if self.starts.date() == timezone.localtime(self.starts).date():
            return ""
        return formats.date_format(self.starts.date(), "l")


@dataclass(frozen=True)
class Slot:
    """A proposed start: a working day with nothing against it, at a time every capital's office is open.

    ``earliest`` and ``latest`` bound the start times that fit that day (Geneva time).
    """

    starts_at: datetime
    local_times: tuple[LocalTime, ...]
    earliest: datetime
    latest: datetime

    @property
    def day(self) -> date:
        return timezone.localtime(self.starts_at).date()


def _day_text(day: date) -> str:
    return _("%(weekday)s %(date)s") % {
        "weekday": formats.date_format(day, "l"),
        "date": formats.date_format(day, "DATE_FORMAT"),
    }


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _weekday_name(iso_day: int) -> str:
    return str(WEEKDAYS[iso_day - 1])


def working_days_text(weekend: frozenset[int]) -> str:
    """The days outside a weekend, from the day after it: "Sunday to Thursday" for a Friday–Saturday
    weekend; listed when they are not in one run ("Monday, Tuesday, Wednesday, Thursday and Saturday")."""
    working = [day for day in range(1, 8) if day not in weekend]
    if len(working) == 7:
        return _("every day")
    if not working:  # Region.clean refuses such a week
        return ""
    first = next(day for day in working if (day - 2) % 7 + 1 in weekend)  # the day after a weekend day
    week = [(first - 1 + n) % 7 + 1 for n in range(7)]
    in_order = [day for day in week if day not in weekend]
    if len(in_order) > 2 and in_order == week[: len(in_order)]:
        return pgettext("working days", "%(first)s to %(last)s") % {
            "first": _weekday_name(in_order[0]),
            "last": _weekday_name(in_order[-1]),
        }
    return str(get_text_list([_weekday_name(day) for day in in_order], _("and")))


@dataclass
class DateRules:
    """What the rules need for one webinar over a span of days, read in four queries."""

    webinar: Webinar
    now: datetime
    regions: tuple
    capitals: tuple[Capital, ...]
    uses_geneva_hours: bool
    closures: list[Closure] = field(default_factory=list)
    others_by_day: dict[date, list[Webinar]] = field(default_factory=dict)
    availabilities: list[ExpertInvitation] = field(default_factory=list)
    opens: time = time(9)
    closes: time = time(17)

    @classmethod
    def load(cls, webinar: Webinar, *, first_day: date, last_day: date, now: datetime | None = None) -> DateRules:
        regions = list(webinar.regions.order_by("order", "code")) if webinar.pk else []
        capitals = []
        for region in regions:
            capitals += [
                Capital(city=city, time_zone=zone, region=region.name, weekend=weekend)
                for city, zone, weekend in region.capital_weeks()
            ]
        uses_geneva_hours = not capitals
        if uses_geneva_hours:
            capitals = [Capital(city=_("Geneva"), time_zone=GENEVA[1], weekend=weekend_of(GENEVA[1]))]
        closures = list(Closure.objects.filter(starts_on__lte=last_day, ends_on__gte=first_day).order_by("starts_on"))
        # A day either side: a start late in the evening in Geneva is on that day, whatever UTC says.
        span_start = timezone.make_aware(datetime.combine(first_day - timedelta(days=1), time.min))
        span_end = timezone.make_aware(datetime.combine(last_day + timedelta(days=2), time.min))
        others = (
            Webinar.objects.filter(status__in=DATED_STATUSES, starts_at__gte=span_start, starts_at__lt=span_end)
            .exclude(pk=webinar.pk)
            .only("pk", "slug", "title", "starts_at", "status")
            .order_by("starts_at", "pk")
        )
        others_by_day: dict[date, list[Webinar]] = defaultdict(list)
        for other in others:
            others_by_day[timezone.localtime(other.starts_at).date()].append(other)
        availabilities = []
        if webinar.pk:
            availabilities = list(
                ExpertInvitation.objects.filter(webinar_id=webinar.pk, state=ExpertInvitation.State.ACCEPTED)
                .filter(Q(available_from__isnull=False) | Q(available_until__isnull=False))
                .select_related("expert")
                .order_by("expert__name", "pk")
            )
        opens, closes = office_hours()
        return cls(
            webinar=webinar,
            now=now or timezone.now(),
            regions=tuple(regions),
            capitals=tuple(capitals),
            uses_geneva_hours=uses_geneva_hours,
            closures=closures,
            others_by_day=dict(others_by_day),
            availabilities=availabilities,
            opens=opens,
            closes=closes,
        )

    # Office hours ---------------------------------------------------------------------

    def local_times(self, starts_at: datetime) -> list[LocalTime]:
        """The webinar's start and end in each capital, and whether both fall within office hours
        on one of the capital's working days."""
        ends_at = starts_at + timedelta(minutes=self.webinar.duration_minutes)
        found = []
        for capital in self.capitals:
            zone = ZoneInfo(capital.time_zone)
            starts, ends = starts_at.astimezone(zone), ends_at.astimezone(zone)
            is_working_day = capital.is_working_day(starts.date())
            is_open = (
                is_working_day
                and starts.date() == ends.date()
                and self.opens <= starts.time()
                and ends.time() <= self.closes
            )
            found.append(
                LocalTime(
                    capital=capital,
                    starts=starts,
                    ends=ends,
                    is_in_office_hours=is_open,
                    is_working_day=is_working_day,
                )
            )
        return found

    def working_weeks(self) -> list[WorkingWeek]:
        """The capitals' working weeks, each with its capitals, Geneva's among them (the Secretariat
        runs the webinar), for the screen to say next to the office hours; [] when every capital
        works Monday to Friday, as Geneva does: "on working days" then says it all."""
        by_weekend: dict[frozenset[int], list[str]] = {}
        for capital in self.capitals:
            cities = by_weekend.setdefault(capital.weekend, [])
            if capital.city not in cities:
                cities.append(capital.city)
        geneva_weekend = weekend_of(GENEVA_TIME_ZONE)
        if set(by_weekend) <= {geneva_weekend}:
            return []
        geneva_week = by_weekend.setdefault(geneva_weekend, [])
        if _("Geneva") not in geneva_week:
            geneva_week.append(_("Geneva"))
        return [
            WorkingWeek(cities=str(get_text_list(cities, _("and"))), days=working_days_text(weekend))
            for weekend, cities in by_weekend.items()
        ]

    def _capitals_weekend_conflicts(self, starts_at: datetime) -> list[Conflict]:
        """A start on a target capital's weekend (its local day), one conflict per weekday named.

        Without a capital the webinar keeps to Geneva, whose weekend is a rule of the day already.
        """
        if self.uses_geneva_hours:
            return []
        closed: dict[date, list[str]] = {}
        for local in self.local_times(starts_at):
            if not local.is_working_day:
                cities = closed.setdefault(local.starts.date(), [])
                if local.capital.city not in cities:
                    cities.append(local.capital.city)
        return [
            Conflict(
                WEEKEND,
                _("%(weekday)s is not a working day in %(cities)s.")
                % {"weekday": _weekday_name(day.isoweekday()), "cities": get_text_list(cities, _("and"))},
            )
            for day, cities in sorted(closed.items())
        ]

    def _office_hours_conflicts(self, starts_at: datetime) -> list[Conflict]:
        conflicts = []
        for local in self.local_times(starts_at):
            if local.is_in_office_hours:
                continue
            conflicts.append(
                Conflict(
                    OFFICE_HOURS,
                    _(
                        "In %(city)s it would be %(day)s, %(starts)s to %(ends)s local time: outside office hours "
                        "(%(opens)s to %(closes)s on working days)."
                    )
                    % {
                        "city": local.capital.city,
                        "day": formats.date_format(local.starts.date(), "l"),
                        "starts": _clock(local.starts),
                        "ends": _clock(local.ends),
                        "opens": _clock(datetime.combine(local.starts.date(), self.opens)),
                        "closes": _clock(datetime.combine(local.starts.date(), self.closes)),
                    },
                )
            )
        return conflicts

    # Days -------------------------------------------------------------------------------

    def _day_conflicts(self, day: date) -> list[Conflict]:
        conflicts = []
        if day.isoweekday() in weekend_of(GENEVA_TIME_ZONE):  # the Secretariat's own weekend
            conflicts.append(Conflict(WEEKEND, _("%(day)s falls on a weekend.") % {"day": _day_text(day)}))
        for closure in self.closures:
            if closure.starts_on <= day <= closure.ends_on:
                conflicts.append(
                    Conflict(
                        CLOSURE,
                        _("%(day)s is closed: %(title)s (%(kind)s).")
                        % {"day": _day_text(day), "title": closure.title, "kind": closure.get_kind_display().lower()},
                    )
                )
        for other in self.others_by_day.get(day, []):
            conflicts.append(
                Conflict(
                    SAME_DAY,
                    _("Another webinar is on %(day)s: “%(title)s” at %(time)s (Geneva time).")
                    % {
                        "day": _day_text(day),
                        "title": other.title,
                        "time": _clock(timezone.localtime(other.starts_at)),
                    },
                )
            )
        for invitation in self.availabilities:
            first, last = invitation.available_from, invitation.available_until
            if (first is None or first <= day) and (last is None or day <= last):
                continue
            values = {
                "name": invitation.expert.name,
                "first": formats.date_format(first, "DATE_FORMAT") if first else "",
                "last": formats.date_format(last, "DATE_FORMAT") if last else "",
            }
            if first and last:
                message = _("%(name)s accepted to give it between %(first)s and %(last)s.") % values
            elif first:
                message = _("%(name)s accepted to give it from %(first)s.") % values
            else:
                message = _("%(name)s accepted to give it until %(last)s.") % values
            conflicts.append(Conflict(EXPERT_AVAILABILITY, message))
        return conflicts

    # The rules --------------------------------------------------------------------------

    def conflicts(self, starts_at: datetime) -> list[Conflict]:
        """Each rule this start time breaks, named; an empty list for a good date."""
        conflicts = []
        if starts_at <= self.now:
            conflicts.append(
                Conflict(
                    PAST,
                    _("%(when)s (Geneva time) is in the past.")
                    % {"when": formats.date_format(timezone.localtime(starts_at), "DATETIME_FORMAT")},
                )
            )
        conflicts += self._day_conflicts(timezone.localtime(starts_at).date())
        conflicts += self._capitals_weekend_conflicts(starts_at)
        conflicts += self._office_hours_conflicts(starts_at)
        return conflicts

    def slots(self, first_day: date, last_day: date, *, limit: int | None = None) -> list[Slot]:
        """The working days from first_day to last_day with nothing against them, each at the
        start time in the middle of those that fit every capital's office hours (on its own
        working days: no slot on a Friday for Riyadh)."""
        found = []
        day = first_day
        while day <= last_day and (limit is None or len(found) < limit):
            if not self._day_conflicts(day):
                fitting = [
                    starts_at
                    for starts_at in _starts_on(day)
                    if starts_at > self.now and all(local.is_in_office_hours for local in self.local_times(starts_at))
                ]
                if fitting:
                    chosen = fitting[(len(fitting) - 1) // 2]
                    found.append(
                        Slot(
                            starts_at=chosen,
                            local_times=tuple(self.local_times(chosen)),
                            earliest=fitting[0],
                            latest=fitting[-1],
                        )
                    )
            day += timedelta(days=1)
        return found


def _starts_on(day: date) -> list[datetime]:
    """Every SLOT_STEP of a Geneva day, as aware moments (a wall time skipped by a clock change is left out)."""
    moments = []
    wall = datetime.combine(day, time.min)
    while wall.date() == day:
        moment = timezone.make_aware(wall)
        if timezone.localtime(moment).replace(tzinfo=None) == wall:
            moments.append(moment)
        wall += SLOT_STEP
    return moments


@dataclass(frozen=True)
class ExpertGiving:
    """An expert who gives the webinar, with what they said of their availability when accepting."""

    name: str
    available_from: date | None = None
    available_until: date | None = None
    note: str = ""
    has_accepted: bool = True  # False: put on the webinar by the Secretariat without an invitation


def experts_giving(webinar: Webinar) -> list[ExpertGiving]:
    """The experts who accepted (with their availability), then those attached without an
    invitation; an invited expert who has not accepted is not one of them. Two queries."""
    accepted = {
        invitation.expert_id: invitation
        for invitation in ExpertInvitation.objects.filter(
            webinar_id=webinar.pk, state=ExpertInvitation.State.ACCEPTED
        ).order_by("answered_at", "pk")
    }
    giving = webinar.experts.exclude(hidden_on_webinar(Q(webinar_id=webinar.pk))).order_by("name", "pk")
    found = []
    for expert in giving:
        invitation = accepted.get(expert.pk)
        if invitation is None:
            found.append(ExpertGiving(name=expert.name, has_accepted=False))
        else:
            found.append(
                ExpertGiving(
                    name=expert.name,
                    available_from=invitation.available_from,
                    available_until=invitation.available_until,
                    note=invitation.availability_note,
                )
            )
    return found


def month_span(month: date, *, today: date) -> tuple[date, date]:
    """The days of a month still to come (from today), as the screen proposes them."""
    last = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return max(month, today), last


def date_conflicts(webinar: Webinar, starts_at: datetime, *, now: datetime | None = None) -> list[Conflict]:
    """Each rule the date breaks for this webinar: what the scheduling service checks."""
    day = timezone.localtime(starts_at).date()
    return DateRules.load(webinar, first_day=day, last_day=day, now=now).conflicts(starts_at)
