"""The yearly consultation runs itself: prepare, open, remind, close; then outcomes.

The strategy's hybrid process, one step per date the cycle holds:

1. prepare: in the second half of the year, next year's cycle is created as a draft with
   candidate topics (retained proposals not yet held, the Secretariat's unused topics,
   suggestions from feedback), and the Secretariat is asked to review it;
2. open: on the opening date, once the Secretariat approved it, every coordinator is
   invited in their own language;
3. remind: some days before the deadline, the groups that sent nothing are reminded;
4. close: at the deadline answers are locked and the Secretariat gets a summary;
5. outcome: when the plan is published each group learns what became of its proposals
   (``queue_outcome_notices``, called by planning with plain data).

Every step is one transaction that changes the cycle and writes, in that same
transaction, the notices it causes (the outbox). A notice's key names cycle, recipient,
kind (and reminder day), so a step that runs twice, or two runs at once, never writes a
message twice. A run that comes late (the scheduler was down) catches up in order and
skips what is no longer meaningful: no reminder long after its day or after the
deadline, no invitation to a consultation that has already closed.
"""

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import ngettext

from outbox.addresses import configured_secretariat_addresses, distinct_addresses, staff_addresses
from outbox.models import Notice
from outbox.services import queue_notice
from proposals import suggestions
from proposals.models import CandidateTopic, ConsultationCycle, Coordinator, Proposal
from similarity.vectors import vectors_for
from webinars.models import Feedback, RegionalGroup, Topic, Webinar

# A reminder is still meaningful this long after its moment (a run that comes late).
REMINDER_GRACE = timedelta(days=1)
# Topics the cycle creates from proposals and feedback; not "the Secretariat's own".
CARRIED_SLUG_PREFIX = "retained-proposal-"
FEEDBACK_SLUG_PREFIX = "feedback-suggestion-"


@dataclass(frozen=True)
class CycleStep:
    """One step a run took (or, in a dry run, would take), with the notices it wrote."""

    cycle_id: int | None
    target_year: int
    step: str
    notices: tuple[str, ...] = ()
    detail: str = ""


# --- dates and settings -------------------------------------------------------------


def _month_day(value: str) -> tuple[int, int]:
    month, day = (int(part) for part in value.split("-"))
    return month, day


def _local(on: date, at: time) -> datetime:
    return datetime.combine(on, at, tzinfo=timezone.get_default_timezone())


def preparation_moment(year: int) -> datetime:
    """When next year's draft is prepared (the strategy: "in the second half of each year")."""
    return _local(date(year, *_month_day(settings.PORTAL_CYCLE_PREPARE_ON)), time.min)


def default_dates(target_year: int) -> tuple[datetime, datetime]:
    """Opening and deadline of the consultation for `target_year`, in the year before."""
    year = target_year - 1
    opens_at = _local(date(year, *_month_day(settings.PORTAL_CYCLE_OPENS_ON)), time.min)
    deadline_at = _local(date(year, *_month_day(settings.PORTAL_CYCLE_DEADLINE_ON)), time(23, 59))
    return opens_at, deadline_at


def reminder_days() -> list[int]:
    """Days before the deadline at which silent groups are reminded, the earliest first."""
    value = settings.PORTAL_CYCLE_REMINDER_DAYS
    parts = value.split(",") if isinstance(value, str) else value
    return sorted({int(part) for part in parts if str(part).strip() and int(part) > 0}, reverse=True)


# --- recipients and what the messages say -------------------------------------------


def _recipient_key(email: str) -> str:
    email = email.strip().lower()
    return email if len(email) <= 120 else hashlib.sha256(email.encode()).hexdigest()[:32]


def secretariat_recipients(*, permission: str) -> list[tuple[str, str]]:
    """(address, language) of the Secretariat whose roles hold ``permission``, then the setting's addresses."""
    return distinct_addresses(staff_addresses(permission=permission), configured_secretariat_addresses())


def _coordinators():
    return (
        Coordinator.objects.filter(is_active=True, group__is_active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "group")
        .order_by("group__order", "group__code", "pk")
    )


def _path(viewname: str, fallback: str, language: str, args=()) -> str:
    with translation.override(language):
        try:
            return reverse(viewname, args=args)
        except NoReverseMatch:
            return f"/{language}{fallback}"


def _answer_path(language: str) -> str:
    """Where a coordinator answers: the coordinator dashboard, in the coordinator's language."""
    return _path("proposals:dashboard", "/consultation/", language)


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class _CycleTexts:
    """The cycle's wording in each language, computed once per language for a whole run."""

    def __init__(self, cycle: ConsultationCycle):
        self.cycle = cycle
        self.candidates = list(cycle.candidate_topics.select_related("topic").order_by("order", "pk"))
        self._cache: dict[str, dict] = {}

    def __call__(self, language: str) -> dict:
        if language not in self._cache:
            with translation.override(language):
                self._cache[language] = {
                    "year": self.cycle.target_year,
                    "title": str(self.cycle),
                    "introduction": self.cycle.introduction,
                    "opens_on": _when(self.cycle.opens_at),
                    "deadline": _when(self.cycle.deadline_at),
                    "answer_path": _answer_path(language),
                    "topics": [
                        {
                            "title": candidate.topic.title,
                            "objectives": candidate.topic.objectives,
                            "target_audience": candidate.topic.target_audience,
                        }
                        for candidate in self.candidates
                    ],
                }
        return self._cache[language]


def _queue_new(notices: list[dict], *, about) -> tuple[str, ...]:
    """Queue the notices whose key is not in the outbox yet; return "kind → address" of each new one."""
    existing = set(Notice.objects.filter(key__in=[n["key"] for n in notices]).values_list("key", flat=True))
    written = []
    for notice in notices:
        if notice["key"] in existing:
            continue
        queue_notice(about=about, **notice)
        existing.add(notice["key"])
        written.append(f"{notice['kind']} → {notice['to']}")
    return tuple(written)


# --- 1. prepare ---------------------------------------------------------------------


def _topic_with_text(*, slug: str, title: str, language: str, **texts) -> Topic:
    """A topic carrying a text written in one language; English holds it too until translated."""
    topic = Topic.objects.filter(slug=slug).first()
    if topic is not None:
        return topic
    topic = Topic(slug=slug, scope_area=texts.pop("scope_area", None))
    suffixes = {language.replace("-", "_"), "en"}
    for suffix in suffixes:
        setattr(topic, f"title_{suffix}", title[:255])
        for field, value in texts.items():
            setattr(topic, f"{field}_{suffix}", value)
    topic.save()
    return topic


def _carried_over(target_year: int) -> list[tuple]:
    """What earlier cycles retained and no webinar answered yet: each proposal once, with where it came from.

    Planning's publication records on each proposal the webinars it became (``Proposal.webinars``,
    merged proposals included), so this cycle reads its own data: a proposal that became a
    webinar (not cancelled) never comes back, nor one whose topic a webinar has treated since.
    A graded series some of whose parts became webinars comes back as the parts left out, each
    as that part of its series (the series it continues, or the one publication made of it).
    Items are (topic, source, note, series, part number).
    """
    retained = (
        Proposal.objects.filter(state=Proposal.State.RETAINED, cycle__target_year__lt=target_year)
        .select_related("candidate_topic__topic", "group", "cycle", "scope_area", "continues_series")
        .prefetch_related(
            "parts",
            Prefetch(
                "webinars",
                queryset=Webinar.objects.exclude(status=Webinar.Status.CANCELLED).select_related("series"),
                to_attr="answered_by",
            ),
        )
        .order_by("cycle__target_year", "pk")
    )
    found = []
    for proposal in retained:
        note = f"{proposal.group.name}, {proposal.cycle.target_year}: {proposal.title}"
        parts = list(proposal.parts.all()) if proposal.shape == Proposal.Shape.SERIES else []
        if proposal.answered_by and parts:
            found.extend(_parts_left_out(proposal, parts, note))
            continue
        if proposal.answered_by:
            continue
        if proposal.candidate_topic_id:
            topic = proposal.candidate_topic.topic
        else:
            topic = _topic_with_text(
                slug=f"{CARRIED_SLUG_PREFIX}{proposal.pk}",
                title=proposal.title,
                language=proposal.written_in,
                objectives=proposal.objectives,
                target_audience=proposal.target_audience,
                summary=proposal.topics,
                scope_area=proposal.scope_area,
            )
        part = proposal.series_first_part if proposal.continues_series_id else None
        found.append((topic, CandidateTopic.Source.CARRIED_OVER, note, proposal.continues_series, part))
    return [item for item in found if not item[0].webinars.exclude(status=Webinar.Status.CANCELLED).exists()]


def _parts_left_out(proposal: Proposal, parts: list, note: str) -> list[tuple]:
    """The parts of a retained series that no webinar answered: each comes back as that part of its series."""
    series = proposal.continues_series or next((w.series for w in proposal.answered_by if w.series_id), None)
    if series is None:
        return []
    held = {w.series_position for w in proposal.answered_by if w.series_id == series.pk}
    offset = (proposal.series_first_part - 1) if proposal.continues_series_id else 0
    items = []
    for part in parts:
        number = offset + part.position
        if number in held:
            continue
        topic = _topic_with_text(
            slug=f"{CARRIED_SLUG_PREFIX}{proposal.pk}-part-{part.position}",
            title=f"{proposal.title}: {part.title}",
            language=proposal.written_in,
            objectives=part.objectives or proposal.objectives,
            target_audience=proposal.target_audience,
            scope_area=proposal.scope_area,
        )
        items.append((topic, CandidateTopic.Source.CARRIED_OVER, note, series, number))
    return items


def _secretariat_own() -> list[tuple[Topic, str, str]]:
    """The Secretariat's topics never offered before and not yet treated by a webinar."""
    unused = (
        Topic.objects.filter(webinars__isnull=True, candidacies__isnull=True)
        .exclude(Q(slug__startswith=CARRIED_SLUG_PREFIX) | Q(slug__startswith=FEEDBACK_SLUG_PREFIX))
        .order_by("pk")
    )
    return [(topic, CandidateTopic.Source.SECRETARIAT, "") for topic in unused]


def _from_feedback(target_year: int, at: datetime) -> list[tuple[Topic, str, str]]:
    """Participants' and experts' topic suggestions since the last preparation, each suggestion once.

    Suggestions that say the same thing, in whatever language, are one candidate topic
    (proposals.suggestions: the encoder's stored vectors, average linkage). It is titled by
    the wording most of them used (the newest among equals) and its note says how many
    asked, in which languages, and lists every suggestion with its webinar, so that nothing
    a participant wrote is lost. The most asked-for come first, then the newest.
    """
    previous = ConsultationCycle.objects.filter(target_year__lt=target_year).order_by("-target_year").first()
    since = previous.created_at if previous else at - timedelta(days=365)
    answers = (
        Feedback.objects.filter(submitted_at__gt=since)
        .exclude(topic_suggestion="")
        .select_related("webinar")
        .order_by("-submitted_at", "-pk")
    )
    answers = [feedback for feedback in answers if feedback.topic_suggestion.strip()]
    if not answers:
        return []
    texts = [" ".join(feedback.topic_suggestion.split()) for feedback in answers]
    groups = suggestions.group_suggestions(texts, vectors_for(answers))
    found = []
    for rows in groups[: settings.PORTAL_CYCLE_FEEDBACK_TOPICS]:
        members, written = [answers[row] for row in rows], [texts[row] for row in rows]
        lead = suggestions.title_row(written)
        topic = _topic_with_text(
            slug=f"{FEEDBACK_SLUG_PREFIX}{members[lead].pk}",
            title=written[lead],
            language=suggestions.language_of(written[lead]),
            summary=members[lead].topic_suggestion,
        )
        found.append((topic, CandidateTopic.Source.FEEDBACK, _suggested_note(members, written)))
    return found


def _suggested_note(members: list[Feedback], texts: list[str]) -> str:
    """Where a suggestion came from; for one made several times, how many, in which languages, and each one."""
    if len(members) == 1:
        return f"{members[0].get_source_display()}: {members[0].webinar}"
    names = dict(settings.LANGUAGES)
    languages = dict.fromkeys(suggestions.language_of(text) for text in texts)
    count = len(members)
    lines = [
        ngettext("Suggested %(count)s time, in %(languages)s.", "Suggested %(count)s times, in %(languages)s.", count)
        % {"count": count, "languages": ", ".join(str(names[code]) for code in languages if code in names)}
    ]
    lines += [
        f"- {feedback.get_source_display()}: {feedback.webinar} — {text}"
        for feedback, text in zip(members, texts, strict=True)
    ]
    return "\n".join(lines)


def _prepare(*, target_year: int, at: datetime) -> CycleStep:
    opens_at, deadline_at = default_dates(target_year)
    cycle = ConsultationCycle.objects.create(target_year=target_year, opens_at=opens_at, deadline_at=deadline_at)
    offered: set[int] = set()
    candidates = []
    for topic, source, note, *place in [
        *_carried_over(target_year),
        *_secretariat_own(),
        *_from_feedback(target_year, at),
    ]:
        if topic.pk in offered:
            continue
        offered.add(topic.pk)
        series, part = place or (None, None)
        candidates.append(
            CandidateTopic(
                cycle=cycle,
                topic=topic,
                source=source,
                note=note,
                order=len(candidates),
                continues_series=series,
                series_part=part if series else None,
            )
        )
    CandidateTopic.objects.bulk_create(candidates)
    counts = {source: sum(1 for c in candidates if c.source == source) for source in CandidateTopic.Source.values}
    notices = []
    # The draft goes to whoever prepares and approves the consultation.
    for email, language in secretariat_recipients(permission="proposals.change_consultationcycle"):
        with translation.override(language):
            topics = [{"title": c.topic.title, "source": str(c.get_source_display())} for c in candidates]
        notices.append(
            {
                "kind": Notice.Kind.CYCLE_DRAFT_READY,
                "to": email,
                "language": language,
                "key": f"cycle-draft-ready:{cycle.pk}:{_recipient_key(email)}",
                "context": {
                    "year": target_year,
                    "opens_on": _when(opens_at),
                    "deadline": _when(deadline_at),
                    "topics": topics,
                    "carried_over": counts[CandidateTopic.Source.CARRIED_OVER],
                    "secretariat": counts[CandidateTopic.Source.SECRETARIAT],
                    "feedback": counts[CandidateTopic.Source.FEEDBACK],
                    "review_path": _path(
                        "admin:proposals_consultationcycle_change",
                        f"/admin/proposals/consultationcycle/{cycle.pk}/change/",
                        language,
                        args=[cycle.pk],
                    ),
                },
            }
        )
    written = _queue_new(notices, about=cycle)
    return CycleStep(cycle.pk, target_year, "prepare", written, detail=f"{len(candidates)} candidate topics")


def prepare_next_cycle(*, at: datetime | None = None, dry_run: bool = False) -> list[CycleStep]:
    """Create next year's draft once the preparation date of this year has come.

    Nothing happens if a cycle for next year exists already (the Secretariat may have made
    it by hand), or before the date. Two runs at once: the year is unique, so the second
    one finds the first one's cycle and does nothing.
    """
    at = at or timezone.now()
    year = timezone.localtime(at).year
    target_year = year + 1
    if at < preparation_moment(year) or ConsultationCycle.objects.filter(target_year=target_year).exists():
        return []
    try:
        with transaction.atomic():
            step = _prepare(target_year=target_year, at=at)
            if dry_run:
                transaction.set_rollback(True)
    except IntegrityError:  # another run prepared it meanwhile
        return []
    return [step]


# --- 2-4. open, remind, close -------------------------------------------------------


def _open(cycle: ConsultationCycle, at: datetime) -> CycleStep:
    cycle.change_state(ConsultationCycle.State.OPEN)
    cycle.opened_at = at
    cycle.save(update_fields=["state", "opened_at"])
    if cycle.deadline_at <= at:  # opened after its deadline: nobody can answer any more
        return CycleStep(cycle.pk, cycle.target_year, "open", detail="deadline passed: no invitations")
    texts = _CycleTexts(cycle)
    notices = []
    for coordinator in _coordinators():
        user, language = coordinator.user, coordinator.user.language
        with translation.override(language):
            group = str(coordinator.group.name)
        notices.append(
            {
                "kind": Notice.Kind.CYCLE_INVITATION,
                "to": user.email,
                "language": language,
                "key": f"cycle-invitation:{cycle.pk}:user-{user.pk}",
                "context": {**texts(language), "name": user.get_full_name() or user.username, "group": group},
            }
        )
    return CycleStep(cycle.pk, cycle.target_year, "open", _queue_new(notices, about=cycle))


def _silent_coordinators(cycle: ConsultationCycle):
    answered = Proposal.objects.filter(cycle=cycle, state__in=Proposal.PUBLIC_STATES).values("group_id")
    return _coordinators().exclude(group_id__in=answered)


def due_reminders(cycle: ConsultationCycle, at: datetime) -> list[int]:
    """Reminder days whose moment has come and that still mean something at `at`.

    A reminder goes out between its moment and a day after it, before the deadline, and
    only if the invitation went out before that moment (a group invited an hour ago is
    not reminded).
    """
    opened_at = cycle.opened_at or cycle.opens_at
    due = []
    for days in reminder_days():
        moment = cycle.deadline_at - timedelta(days=days)
        if moment <= at < moment + REMINDER_GRACE and at < cycle.deadline_at and opened_at < moment:
            due.append(days)
    return due


def _remind(cycle: ConsultationCycle, at: datetime, days: int) -> CycleStep:
    texts = _CycleTexts(cycle)
    notices = []
    for coordinator in _silent_coordinators(cycle):
        user, language = coordinator.user, coordinator.user.language
        with translation.override(language):
            group = str(coordinator.group.name)
        context = {**texts(language), "name": user.get_full_name() or user.username, "group": group, "days": days}
        notices.append(
            {
                "kind": Notice.Kind.CYCLE_REMINDER,
                "to": user.email,
                "language": language,
                "key": f"cycle-reminder:{cycle.pk}:{days}d:user-{user.pk}",
                "context": context,
            }
        )
    return CycleStep(cycle.pk, cycle.target_year, "remind", _queue_new(notices, about=cycle), detail=f"{days} days")


def _summary(cycle: ConsultationCycle, language: str) -> dict:
    """What the Secretariat reads at the deadline: answers per group, silence, adoptions, own proposals."""
    answers = list(
        Proposal.objects.filter(cycle=cycle, state__in=Proposal.PUBLIC_STATES)
        .select_related("group", "candidate_topic__topic")
        .order_by("group__order", "group__code", "pk")
    )
    groups = RegionalGroup.objects.filter(is_active=True).order_by("order", "code")
    with translation.override(language):
        per_group, silent = [], []
        for group in groups:
            mine = [p for p in answers if p.group_id == group.pk]
            own = [p.title for p in mine if p.kind == Proposal.Kind.OWN]
            adopted = [p.candidate_topic.topic.title for p in mine if p.candidate_topic_id]
            if not (own or adopted):
                silent.append(group.name)
                continue
            per_group.append({"name": group.name, "answers": len(own) + len(adopted), "own": own, "adopted": adopted})
        adopted_topics: dict[str, list[str]] = {}
        for proposal in answers:
            if proposal.candidate_topic_id:
                adopted_topics.setdefault(proposal.candidate_topic.topic.title, []).append(proposal.group.name)
        own_proposals = [{"title": p.title, "group": p.group.name} for p in answers if p.kind == Proposal.Kind.OWN]
        return {
            "year": cycle.target_year,
            "title": str(cycle),
            "deadline": _when(cycle.deadline_at),
            "answers": len(answers),
            "groups": per_group,
            "silent_groups": silent,
            "adopted_topics": [{"title": title, "groups": names} for title, names in adopted_topics.items()],
            "own_proposals": own_proposals,
            "nobody_invited": cycle.opened_at is not None and cycle.opened_at >= cycle.deadline_at,
            "review_path": _path("admin:proposals_proposal_changelist", "/admin/proposals/proposal/", language)
            + f"?cycle__id__exact={cycle.pk}",
        }


def _close(cycle: ConsultationCycle, at: datetime) -> CycleStep:
    cycle.change_state(ConsultationCycle.State.CLOSED)
    cycle.closed_at = at
    cycle.save(update_fields=["state", "closed_at"])
    notices = [
        {
            "kind": Notice.Kind.CYCLE_SUMMARY,
            "to": email,
            "language": language,
            "key": f"cycle-summary:{cycle.pk}:{_recipient_key(email)}",
            "context": _summary(cycle, language),
        }
        # The summary goes to whoever reviews the answers.
        for email, language in secretariat_recipients(permission="proposals.review_proposal")
    ]
    return CycleStep(cycle.pk, cycle.target_year, "close", _queue_new(notices, about=cycle))


@transaction.atomic
def advance_cycle(*, cycle: ConsultationCycle, at: datetime | None = None, dry_run: bool = False) -> list[CycleStep]:
    """Move one cycle as far as its dates allow: approved -> open -> (reminders) -> closed.

    The cycle row is locked for the whole step, so two runs at once take turns and the
    second finds nothing left to do. A draft never opens by itself; the Secretariat
    approves it first. A dry run does everything, reports it, and rolls it all back
    (the notices it would write included; nothing is sent).
    """
    at = at or timezone.now()
    cycle = ConsultationCycle.objects.select_for_update().get(pk=cycle.pk)
    steps: list[CycleStep] = []
    if cycle.state == ConsultationCycle.State.APPROVED and cycle.opens_at <= at:
        steps.append(_open(cycle, at))
    if cycle.state == ConsultationCycle.State.OPEN:
        for days in due_reminders(cycle, at):
            step = _remind(cycle, at, days)
            if step.notices:
                steps.append(step)
    if cycle.state == ConsultationCycle.State.OPEN and cycle.deadline_at <= at:
        steps.append(_close(cycle, at))
    if dry_run:
        transaction.set_rollback(True)
    return steps


def advance_cycles(*, at: datetime | None = None, dry_run: bool = False) -> list[CycleStep]:
    """The hourly run: prepare next year's draft if due, then move every cycle, oldest first.

    Each cycle moves in its own transaction, so one cycle's failure does not hold back
    the others' messages.
    """
    at = at or timezone.now()
    steps = prepare_next_cycle(at=at, dry_run=dry_run)
    movable = ConsultationCycle.objects.filter(
        state__in=[ConsultationCycle.State.APPROVED, ConsultationCycle.State.OPEN]
    ).order_by("target_year")
    for cycle in movable:
        steps.extend(advance_cycle(cycle=cycle, at=at, dry_run=dry_run))
    return steps


# --- 5. outcome ---------------------------------------------------------------------


@transaction.atomic
def queue_outcome_notices(*, cycle: ConsultationCycle, outcomes: Iterable[Mapping]) -> list[Notice]:
    """Tell each group what became of each of its proposals; called when the plan is published.

    `outcomes` is plain data, one mapping per decided proposal (planning builds it, so that
    proposals never imports planning): ``proposal_id``, optionally ``state`` (a
    Proposal.State value; the proposal's own state otherwise), ``webinar`` (the title of
    the plan entry it became) and ``reason`` (the proposal's decision_reason otherwise).
    Call it inside the publication's transaction; one message per coordinator and cycle.
    """
    decided = {int(outcome["proposal_id"]): outcome for outcome in outcomes}
    proposals = list(
        Proposal.objects.filter(cycle=cycle, state__in=Proposal.PUBLIC_STATES)
        .select_related("candidate_topic__topic")
        .order_by("group_id", "pk")
    )
    by_group: dict[int, list[Proposal]] = {}
    for proposal in proposals:
        by_group.setdefault(proposal.group_id, []).append(proposal)
    written = []
    for coordinator in _coordinators().filter(group_id__in=by_group):
        user, language = coordinator.user, coordinator.user.language
        with translation.override(language):
            items = []
            for proposal in by_group[coordinator.group_id]:
                outcome = decided.get(proposal.pk, {})
                state = outcome.get("state") or proposal.state
                items.append(
                    {
                        "title": proposal.title,
                        "state": state,
                        "outcome": str(Proposal.State(state).label),
                        "webinar": outcome.get("webinar", ""),
                        "reason": outcome.get("reason") or proposal.decision_reason,
                    }
                )
            context = {
                "year": cycle.target_year,
                "title": str(cycle),
                "name": user.get_full_name() or user.username,
                "group": str(coordinator.group.name),
                "proposals": items,
                "answer_path": _answer_path(language),
            }
        written.append(
            queue_notice(
                kind=Notice.Kind.PROPOSAL_OUTCOME,
                to=user.email,
                language=language,
                key=f"proposal-outcome:{cycle.pk}:user-{user.pk}",
                context=context,
                about=cycle,
            )
        )
    return written
