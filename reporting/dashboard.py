"""What the Secretariat's dashboard shows: one read of where the year stands.

The current cycle's state and who has not answered, the draft or published plan against
capacity and quotas, webinars this month, overdue follow-up items and measures, outbox
failures. Every block is read here, with a fixed number of queries whatever the number of
groups, webinars or messages, so that the page stays fast in a busy year; the view only
renders it. Only the blocks asked for are read: a block the person's roles do not let
them read (``reporting.permissions.dashboard_sections``) costs no query and shows nothing.
Nothing here writes: the Secretariat acts on the screens each block links to (planning,
the admin, the follow-up screens).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Max, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from delivery.selectors.followup import FollowUp, overdue_followups
from outbox.models import Notice
from participants.models import Registration
from planning import costs
from planning.models import AnnualPlan, PlanEntry
from portal import health
from proposals.models import ConsultationCycle, Coordinator, Proposal
from reporting.models import FollowUpAction, Session
from reporting.selectors import due_at_next_session, overdue_actions
from webinars.models import Region, RegionalGroup, Webinar

# How far back the outbox block looks, and how many failed messages it lists.
OUTBOX_WINDOW = timedelta(days=30)
OUTBOX_LATEST = 5
# How many overdue webinars and follow-up actions the page lists (the counts give the rest).
FOLLOWUPS_LISTED = 10
ACTIONS_LISTED = 10
ESTIMATED_FIELDS = ("estimated_expert_fee", "estimated_interpretation", "estimated_platform")


@dataclass(frozen=True)
class CoordinatorContact:
    """A coordinator of a silent group, and when the portal last reminded them."""

    name: str
    email: str
    last_reminder_at: datetime | None


@dataclass(frozen=True)
class GroupAnswers:
    group: RegionalGroup
    answers: int  # proposals sent (submitted or further along; drafts and withdrawn ones do not count)
    coordinators: tuple[CoordinatorContact, ...] = ()


@dataclass(frozen=True)
class CycleStatus:
    cycle: ConsultationCycle
    is_open: bool
    days_left: int | None  # whole days to the deadline while the consultation is open
    answered: tuple[GroupAnswers, ...]
    silent: tuple[GroupAnswers, ...]

    @property
    def total_groups(self) -> int:
        return len(self.answered) + len(self.silent)


@dataclass(frozen=True)
class PlanStatus:
    plan: AnnualPlan
    entries: int
    capacity: int
    regions_without: tuple[Region, ...]
    budget: Decimal | None  # None: the plan sets no budget
    cost: Decimal  # the entries' estimated costs (planning.costs)

    @property
    def is_over_capacity(self) -> bool:
        return self.entries > self.capacity

    @property
    def is_over_budget(self) -> bool:
        return self.budget is not None and self.cost > self.budget


@dataclass(frozen=True)
class OutboxStatus:
    failed: int  # failed messages created in the window
    latest: tuple[Notice, ...]


SECTIONS = frozenset({"cycle", "plan", "webinars", "followups", "actions", "outbox"})


@dataclass
class Dashboard:
    today: datetime
    shown: frozenset[str]  # the blocks read (SECTIONS or fewer); the others hold nothing
    cycle: CycleStatus | None = None
    plan: PlanStatus | None = None
    webinars: list[Webinar] = field(default_factory=list)  # this month's, with `.registered` and `.waitlisted`
    waiting_for_a_date: list[Webinar] = field(default_factory=list)  # to be scheduled or postponed
    outbox: OutboxStatus | None = None
    # What keeps the portal from working now (portal.health: worker, beat, Redis, a stuck outbox).
    problems: list[str] = field(default_factory=list)
    overdue_followups: list[FollowUp] = field(default_factory=list)  # missing items too long, oldest first
    overdue_followup_count: int = 0
    overdue_actions: list[FollowUpAction] = field(default_factory=list)  # most overdue first, ACTIONS_LISTED
    overdue_action_count: int = 0
    # What the committee expects at its next session (an evaluation, a report), with owners and dates.
    next_session: Session | None = None
    due_at_next_session: list[FollowUpAction] = field(default_factory=list)


def current_cycle() -> ConsultationCycle | None:
    """The consultation open now, or else the latest one (the highest target year)."""
    return (
        ConsultationCycle.objects.annotate(
            is_open_first=Case(
                When(state=ConsultationCycle.State.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("is_open_first", "-target_year")
        .first()
    )


def cycle_status(cycle: ConsultationCycle, *, now: datetime | None = None) -> CycleStatus:
    """Which active groups have answered and which have not, with the silent groups' coordinators.

    A group has answered once one of its proposals is submitted (or further along); a draft
    is not an answer, as for the reminders the cycle sends. "Last reminder" is the latest
    cycle reminder the outbox holds for that coordinator's address in this cycle. Three
    queries whatever the number of groups.
    """
    now = now or timezone.now()
    groups = list(
        RegionalGroup.objects.filter(is_active=True)
        .annotate(
            answers=Count(
                "proposals",
                filter=Q(proposals__cycle=cycle, proposals__state__in=Proposal.PUBLIC_STATES),
            )
        )
        .order_by("order", "code")
    )
    silent_ids = {group.pk for group in groups if not group.answers}
    coordinators = (
        Coordinator.objects.filter(group_id__in=silent_ids, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    reminded = dict(
        Notice.objects.filter(kind=Notice.Kind.CYCLE_REMINDER, key__startswith=f"cycle-reminder:{cycle.pk}:")
        .order_by()
        .values_list("to")
        .annotate(last=Max("created_at"))
    )
    contacts: dict[int, list[CoordinatorContact]] = defaultdict(list)
    if silent_ids:
        for coordinator in coordinators:
            user = coordinator.user
            contacts[coordinator.group_id].append(
                CoordinatorContact(
                    name=user.get_full_name() or user.username,
                    email=user.email,
                    last_reminder_at=reminded.get(user.email),
                )
            )
    answered = tuple(GroupAnswers(group=group, answers=group.answers) for group in groups if group.answers)
    silent = tuple(
        GroupAnswers(group=group, answers=0, coordinators=tuple(contacts[group.pk]))
        for group in groups
        if not group.answers
    )
    is_open = cycle.is_open(now)
    return CycleStatus(
        cycle=cycle,
        is_open=is_open,
        days_left=(cycle.deadline_at - now).days if is_open else None,
        answered=answered,
        silent=silent,
    )


def current_plan(*, year: int | None) -> AnnualPlan | None:
    """The draft or published plan of `year` (the current cycle's), or else the latest one not archived."""
    plans = AnnualPlan.objects.filter(state__in=[AnnualPlan.State.DRAFT, AnnualPlan.State.PUBLISHED]).select_related(
        "cycle"
    )
    if year:
        plans = plans.annotate(
            preferred=Case(When(year=year, then=Value(0)), default=Value(1), output_field=IntegerField())
        ).order_by("preferred", "-year")
    else:
        plans = plans.order_by("-year")
    return plans.first()


def plan_status(plan: AnnualPlan) -> PlanStatus:
    """The plan against the strategy's rules: how many of its capacity, which regions still lack a webinar.

    The strategy: "normally no more than six webinars a year", and every region gets at
    least one. An entry serves its main region and every region it lists. Money counts
    only when the plan sets a budget or a cost (as for the solver).
    Three queries.
    """
    entries = list(
        PlanEntry.objects.filter(plan=plan)
        .annotate(language_count=Count("languages"))
        .only("pk", "region", *ESTIMATED_FIELDS)
        .order_by()
    )
    served = {entry.region_id for entry in entries}
    served.update(PlanEntry.regions.through.objects.filter(planentry__plan=plan).values_list("region_id", flat=True))
    regions_without = tuple(region for region in Region.objects.order_by("order", "code") if region.pk not in served)
    budget = costs.plan_budget(
        plan, (costs.entry_estimate(entry, plan, language_count=entry.language_count) for entry in entries)
    )
    return PlanStatus(
        plan=plan,
        entries=len(entries),
        capacity=plan.capacity,
        regions_without=regions_without,
        budget=budget.budget,
        cost=budget.estimated.total,
    )


def month_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The first moment of this month and of the next, in Geneva time (the committee's clock)."""
    local = timezone.localtime(now)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following


def webinars_this_month(*, now: datetime | None = None) -> list[Webinar]:
    """Scheduled and held webinars starting this month, with places taken and people waiting.

    Registrations are counted from the rows (registered, waiting list), one query.
    """
    start, end = month_bounds(now or timezone.now())
    return list(
        Webinar.objects.filter(
            status__in=[Webinar.Status.SCHEDULED, Webinar.Status.HELD], starts_at__gte=start, starts_at__lt=end
        )
        .annotate(
            registered=Count("registrations", filter=Q(registrations__state=Registration.State.REGISTERED)),
            waitlisted=Count("registrations", filter=Q(registrations__state=Registration.State.WAITLISTED)),
        )
        .order_by("starts_at", "pk")
    )


def webinars_waiting_for_a_date() -> list[Webinar]:
    """Webinars published without a date (to be scheduled) or whose date was withdrawn
    (postponed), by planned period: the scheduling screen's work list. One query."""
    return list(
        Webinar.objects.filter(status__in=[Webinar.Status.TO_BE_SCHEDULED, Webinar.Status.POSTPONED]).order_by(
            "planned_period", "pk"
        )
    )


def outbox_status(*, now: datetime | None = None) -> OutboxStatus:
    """Failed messages of the last 30 days: how many, and the latest five. Two queries."""
    since = (now or timezone.now()) - OUTBOX_WINDOW
    failed = Notice.objects.filter(state=Notice.State.FAILED, created_at__gte=since)
    return OutboxStatus(
        failed=failed.count(),
        latest=tuple(
            failed.only("pk", "kind", "to", "last_error", "created_at", "last_attempt_at", "attempts").order_by(
                "-created_at", "-pk"
            )[:OUTBOX_LATEST]
        ),
    )


def _minutes(seconds: int | None) -> int:
    return max((seconds or 0) // 60, 1)


def health_problems(*, now: datetime | None = None) -> list[str]:
    """The failing checks of /healthz (portal.health), said to the Secretariat in words."""
    said = []
    for check in health.run_checks(now=now):
        if check.ok:
            continue
        age = check.detail.get("age_s")
        if check.name == "worker":
            said.append(
                _("No task worker has answered for %(minutes)s minutes: messages and scheduled work wait.")
                % {"minutes": _minutes(age)}
                if age is not None
                else _("No task worker has answered: messages and scheduled work wait.")
            )
        elif check.name == "beat":
            said.append(
                _("The scheduler (beat) has not run for %(minutes)s minutes: reminders, digests and surveys wait.")
                % {"minutes": _minutes(age)}
                if age is not None
                else _("The scheduler (beat) has not run yet: reminders, digests and surveys wait.")
            )
        elif check.name == "outbox":
            said.append(
                _("The oldest message in the outbox has waited %(minutes)s minutes to be sent.")
                % {"minutes": _minutes(check.detail.get("oldest_pending_age_s"))}
            )
        elif check.name == "mail_server" and check.detail.get("down"):
            said.append(
                _(
                    "The mail server has failed for %(minutes)s minutes: messages wait, and the portal tests "
                    "the server every few minutes. Tell the administrators."
                )
                % {"minutes": _minutes(check.detail.get("down_for_s"))}
            )
        else:
            said.append(_("%(part)s does not answer: tell the administrators.") % {"part": check.name})
    return said


def dashboard(*, now: datetime | None = None, sections: Iterable[str] = SECTIONS) -> Dashboard:
    """The blocks of the dashboard named in ``sections`` (every one by default), read at `now`.

    The plan shown is the current consultation's year's, so the plan block looks the
    consultation up (one query) even when the consultation block is not shown.
    """
    now = now or timezone.now()
    board = Dashboard(today=now, shown=SECTIONS.intersection(sections))
    cycle = current_cycle() if board.shown & {"cycle", "plan"} else None
    if "cycle" in board.shown and cycle:
        board.cycle = cycle_status(cycle, now=now)
    if "plan" in board.shown:
        plan = current_plan(year=cycle.target_year if cycle else None)
        board.plan = plan_status(plan) if plan else None
    if "webinars" in board.shown:
        board.webinars = webinars_this_month(now=now)
        board.waiting_for_a_date = webinars_waiting_for_a_date()
    if "outbox" in board.shown:
        board.outbox = outbox_status(now=now)
        board.problems = health_problems(now=now)
    if "followups" in board.shown:
        followups = overdue_followups(now=now)
        board.overdue_followups = followups[:FOLLOWUPS_LISTED]
        board.overdue_followup_count = len(followups)
    if "actions" in board.shown:
        actions = overdue_actions(today=timezone.localdate(now))
        board.overdue_actions = list(actions[:ACTIONS_LISTED])
        board.overdue_action_count = actions.count()
        board.next_session, due = due_at_next_session(today=timezone.localdate(now))
        board.due_at_next_session = list(due)
    return board
