"""State changes of the consultation: each one a named action in one transaction.

Messages to people (the group's confirmations) are outbox rows written in the same
transaction as the change they report; the outbox's task sends them.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from outbox.models import Notice
from outbox.services import queue_notice
from portal.permissions import has_permission, require_permission
from proposals.models import CandidateTopic, ConsultationCycle, Coordinator, DraftReading, Proposal, ProposalPart
from proposals.permissions import APPROVE_CYCLE, READ_DRAFTS, is_reading_of_a_draft
from proposals.series import check_continuation


def _locked(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


@transaction.atomic
def approve_cycle(*, cycle: ConsultationCycle, actor) -> ConsultationCycle:
    """The Secretariat approves the prepared list; the cycle then opens on its date.

    A cycle cannot be approved without candidate topics: the strategy's first step is
    "a list of topics envisaged for next year's webinars". Approving commits the
    Secretariat to the groups, so it needs its own permission.
    """
    require_permission(actor, APPROVE_CYCLE)
    cycle = _locked(ConsultationCycle, cycle)
    if not cycle.candidate_topics.exists():
        raise ValidationError(_("Add at least one candidate topic before approving the consultation."))
    cycle.full_clean()
    cycle.change_state(ConsultationCycle.State.APPROVED)
    cycle.approved_at = timezone.now()
    cycle._change_reason = f"approved by {actor}"
    cycle.save(update_fields=["state", "approved_at"])
    return cycle


# The cycle's steps (prepare, open, remind, close) live in proposals.cycle; these names
# stay importable from here for the callers that know them.
from proposals.cycle import CycleStep, advance_cycle, advance_cycles  # noqa: E402, F401

GENEVA = "Europe/Zurich"


def format_geneva_time(moment: datetime) -> str:
    """A moment as the committee reads it: Geneva time, in the active language, with the zone's name."""
    local = timezone.localtime(moment, timezone=_geneva())
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({local.tzname()})"


def _geneva() -> ZoneInfo:
    return ZoneInfo(GENEVA)


def has_closed(cycle: ConsultationCycle) -> bool:
    """The consultation is over: its deadline has passed or it was closed (as opposed to not open yet)."""
    return timezone.now() >= cycle.deadline_at or cycle.state in (
        ConsultationCycle.State.CLOSED,
        ConsultationCycle.State.DECIDED,
    )


def closed_message(cycle: ConsultationCycle) -> str:
    """Why an answer can no longer change: the date the consultation closed, or that it is not open."""
    if has_closed(cycle):
        return _("The consultation closed on %(date)s; answers can no longer be changed.") % {
            "date": format_geneva_time(cycle.deadline_at)
        }
    return _("The consultation opens on %(date)s; answers cannot be sent before.") % {
        "date": format_geneva_time(cycle.opens_at)
    }


def _refuse_unless_editable(proposal: Proposal) -> None:
    if not proposal.cycle.is_open():
        raise ValidationError(closed_message(proposal.cycle), code="cycle_closed")


def _refuse_unless_cycle_open(cycle: ConsultationCycle) -> None:
    if not cycle.is_open():
        raise ValidationError(closed_message(cycle), code="cycle_closed")


def _refuse_unless_coordinator_of(actor, group) -> None:
    """Only an active coordinator of the group writes its answers (never a group taken from a form)."""
    is_coordinator = Coordinator.objects.filter(
        user_id=actor.pk, group_id=group.pk, is_active=True, group__is_active=True
    ).exists()
    if not is_coordinator:
        raise ValidationError(_("You can only answer for your own regional group."), code="not_coordinator")


def _refuse_unless_answering_for(actor, group) -> None:
    """Submitting or withdrawing is the group's act, or the Secretariat's on its behalf.

    On the group's behalf means by a member of the Secretariat who may change proposals,
    or by the portal itself (no actor: a task, a command).
    """
    if actor is None or has_permission(actor, "proposals.change_proposal"):
        return
    _refuse_unless_coordinator_of(actor, group)


class ProposalEditConflict(ValidationError):
    """Someone saved the proposal since this editor loaded it; nothing was written.

    ``current`` is the proposal as it is now, so the page can show what changed.
    """

    def __init__(self, current: Proposal):
        self.current = current
        super().__init__(
            _(
                "Someone else changed this proposal while you were editing it. Nothing was saved: "
                "compare the changes below, then save again to keep your version."
            ),
            code="edit_conflict",
        )


def _refuse_if_stale(proposal: Proposal, expected_version: int | str | None) -> None:
    """A version that is not the current one (or not a number at all) is a stale page."""
    if expected_version is None:
        return
    try:
        is_current = int(expected_version) == proposal.version
    except (TypeError, ValueError):
        is_current = False
    if not is_current:
        raise ProposalEditConflict(proposal)


# --- Confirmations to the group --------------------------------------------------


def _notify_group(*, proposal: Proposal, kind: str, actor) -> None:
    """One message to every active coordinator of the group, each in their own language.

    The key names the proposal, its version and the person: each submission or
    withdrawal makes one message per coordinator, never two.
    """
    coordinators = (
        Coordinator.objects.filter(group_id=proposal.group_id, is_active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "group")
        .order_by("pk")
    )
    actor_name = (actor.get_full_name() or actor.get_username()) if actor is not None else ""
    for coordinator in coordinators:
        user = coordinator.user
        language = user.language or "en"
        with translation.override(language):
            context = {
                "proposal_title": proposal.title,
                "proposal_kind": str(proposal.get_kind_display()),
                "proposal_version": proposal.version,
                "group": str(coordinator.group.name),
                "cycle": str(proposal.cycle),
                "actor": actor_name,
                "recipient": user.get_full_name() or user.get_username(),
                "at": format_geneva_time(timezone.now()),
                "deadline": format_geneva_time(proposal.cycle.deadline_at),
                "proposal_path": reverse("proposals:detail", kwargs={"pk": proposal.pk}),
                "dashboard_path": reverse("proposals:dashboard"),
            }
        queue_notice(
            kind=kind,
            to=user.email,
            language=language,
            key=f"{kind}:{proposal.pk}:{proposal.version}:{user.pk}",
            context=context,
            about=proposal,
        )


# --- The Secretariat reading a draft ---------------------------------------------


def record_draft_reading(*, proposal: Proposal, reader, place: str) -> DraftReading | None:
    """Note that a member of the Secretariat opened the group's unsubmitted draft.

    A draft belongs to its group until the group submits it: the Secretariat reads one
    only with the dedicated permission, and the group sees who looked, and when, in the
    proposal's history. The group's own coordinators reading their draft is no reading;
    nor is opening an answer already submitted. Recording happens as the page is shown,
    so that no reading goes unrecorded (one row written: no transaction of its own).
    """
    if not is_reading_of_a_draft(reader, proposal):
        return None
    require_permission(reader, READ_DRAFTS)
    return DraftReading.objects.create(proposal=proposal, reader=reader, place=place)


def record_draft_readings(*, proposals, reader, place: str) -> list[DraftReading]:
    """The same for every draft a list showed to a member of the Secretariat: its title and
    its state are already the group's draft, so a list that shows them counts as a reading."""
    readings = [
        DraftReading(proposal=proposal, reader=reader, place=place)
        for proposal in proposals
        if is_reading_of_a_draft(reader, proposal)
    ]
    if readings:
        require_permission(reader, READ_DRAFTS)
        DraftReading.objects.bulk_create(readings)
    return readings


# --- Submitting and withdrawing --------------------------------------------------


@transaction.atomic
def submit_proposal(*, proposal: Proposal, actor, expected_version: int | None = None) -> Proposal:
    """Send the group's answer to the Secretariat.

    Only while the cycle is open (the Secretariat compares answers received by the same
    deadline), and only complete: objectives, audience, at least one language and one
    region, a series numbered 1..n. Every active coordinator of the group is told.
    """
    proposal = _locked(Proposal, proposal)
    _refuse_unless_answering_for(actor, proposal.group)
    _refuse_unless_editable(proposal)
    _refuse_if_stale(proposal, expected_version)
    errors = proposal.completeness_errors()
    if errors:
        raise ValidationError(errors)
    proposal.change_state(Proposal.State.SUBMITTED)
    proposal.submitted_at = timezone.now()
    proposal.submitted_by = actor
    proposal.version += 1
    proposal._history_user = actor
    proposal.save(update_fields=["state", "submitted_at", "submitted_by", "version", "updated_at"])
    _notify_group(proposal=proposal, kind=Notice.Kind.PROPOSAL_SUBMITTED, actor=actor)
    return proposal


@transaction.atomic
def withdraw_proposal(*, proposal: Proposal, actor, expected_version: int | None = None) -> Proposal:
    """The group takes its answer back; possible until the deadline. The group is told."""
    proposal = _locked(Proposal, proposal)
    _refuse_unless_answering_for(actor, proposal.group)
    _refuse_unless_editable(proposal)
    _refuse_if_stale(proposal, expected_version)
    proposal.change_state(Proposal.State.WITHDRAWN)
    proposal.version += 1
    proposal._history_user = actor
    proposal.save(update_fields=["state", "version", "updated_at"])
    _notify_group(proposal=proposal, kind=Notice.Kind.PROPOSAL_WITHDRAWN, actor=actor)
    return proposal


# --- Drafts ----------------------------------------------------------------------

# What a coordinator may write on a proposal; group, cycle, kind, state and version
# are never taken from a form.
TEXT_FIELDS = ("title", "objectives", "target_audience", "topics", "comment")
DRAFT_FIELDS = (*TEXT_FIELDS, "shape", "scope_area", "preferred_period")
DRAFT_RELATIONS = ("regions", "languages", "member_states")
MAX_SERIES_PARTS = 12


def _check_limits(values: dict) -> None:
    """The only rule a draft obeys: the hard length limits of the database."""
    errors = {}
    for name in TEXT_FIELDS:
        text = values.get(name) or ""
        limit = Proposal._meta.get_field(name).max_length
        if limit and len(text) > limit:
            errors[name] = _("At most %(limit)s characters, please (this text has %(count)s).") % {
                "limit": formats.number_format(limit, force_grouping=True),
                "count": formats.number_format(len(text), force_grouping=True),
            }
    if errors:
        raise ValidationError(errors)


def _check_member_states(values: dict, group) -> None:
    """The member states requesting or supporting an answer are the group's own: the group speaks for them."""
    foreign = [str(state.name) for state in values.get("member_states") or () if state.group_id != group.pk]
    if foreign:
        raise ValidationError(
            {
                "member_states": _("%(states)s: not a member state of your group; choose among your group's states.")
                % {"states": ", ".join(sorted(foreign))}
            },
            code="foreign_member_state",
        )


def _current_parts(proposal: Proposal) -> list[tuple]:
    return [(part.pk, part.title, part.objectives) for part in proposal.parts.order_by("position")]


def _write_parts(*, proposal: Proposal, parts: list[dict], actor) -> bool:
    """Make the proposal's parts exactly ``parts``, numbered 1..n in that order.

    A graded series has no gaps: "each webinar completes the information given in the
    previous ones". Parts keep their identity (and their history) when they carry their ``id``. Parts
    that change number are first parked above every number in use, so the rule that two
    parts never share a number holds at every step. Returns whether anything changed.
    """
    if len(parts) > MAX_SERIES_PARTS:
        raise ValidationError(
            {"parts": _("A series has at most %(count)s parts.") % {"count": MAX_SERIES_PARTS}}, code="too_many_parts"
        )
    existing = {part.pk: part for part in proposal.parts.all()}
    wanted_ids = [part.get("id") for part in parts if part.get("id")]
    if len(set(wanted_ids)) != len(wanted_ids) or not set(wanted_ids) <= set(existing):
        raise ValidationError({"parts": _("A part of another proposal cannot be used here.")}, code="foreign_part")
    for part in parts:
        for name in ("title", "objectives"):
            limit = ProposalPart._meta.get_field(name).max_length
            if len(part.get(name) or "") > limit:
                raise ValidationError(
                    {
                        "parts": _("At most %(limit)s characters, please (this text has %(count)s).")
                        % {
                            "limit": formats.number_format(limit, force_grouping=True),
                            "count": formats.number_format(len(part.get(name) or ""), force_grouping=True),
                        }
                    }
                )
    new = [(part.get("id"), part.get("title") or "", part.get("objectives") or "") for part in parts]
    if new == _current_parts(proposal) and sorted(p.position for p in existing.values()) == list(
        range(1, len(existing) + 1)
    ):
        return False

    for part_id in set(existing) - set(wanted_ids):
        removed = existing.pop(part_id)
        removed._history_user = actor
        removed.delete()
    final_position = {part["id"]: number for number, part in enumerate(parts, start=1) if part.get("id")}
    movers = [part_id for part_id, part in existing.items() if part.position != final_position[part_id]]
    if movers:
        parking = max([len(parts), *(part.position for part in existing.values())])
        ProposalPart.objects.filter(pk__in=movers).update(position=F("position") + parking)
    for number, data in enumerate(parts, start=1):
        part = existing.get(data.get("id")) if data.get("id") else None
        title, objectives = data.get("title") or "", data.get("objectives") or ""
        if part is None:
            part = ProposalPart(proposal=proposal)
        elif (part.position, part.title, part.objectives) == (number, title, objectives):
            continue
        part.position = number
        part.title = title
        part.objectives = objectives
        part._history_user = actor
        part.save()
    return True


def _apply_values(proposal: Proposal, values: dict) -> dict:
    """Set the plain fields in memory; return the relations that change, to set after saving."""
    for name in DRAFT_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name in TEXT_FIELDS:
            value = value or ""
        setattr(proposal, name, value)
    relations = {}
    for name in DRAFT_RELATIONS:
        if name not in values:
            continue
        wanted = {item.pk for item in values[name]}
        current = set(getattr(proposal, name).values_list("pk", flat=True)) if proposal.pk else set()
        if wanted != current:
            relations[name] = values[name]
    return relations


def _save_with_history(proposal: Proposal, *, actor, reasons: list[str]) -> None:
    proposal._history_user = actor
    proposal._change_reason = ", ".join(reasons)[:100] if reasons else None
    proposal.save()


@transaction.atomic
def save_proposal_draft(
    *,
    actor,
    group,
    cycle: ConsultationCycle,
    values: dict,
    proposal: Proposal | None = None,
    parts: list[dict] | None = None,
    expected_version: int | None = None,
) -> Proposal:
    """Keep what the coordinator typed, complete or not; the answer becomes (or stays) a draft.

    A draft keeps everything: only the hard length limits stop it. Group and cycle come
    from the coordinator and the page, never from a form. A proposal already submitted
    goes back to draft (it leaves the Secretariat's list until it is submitted again).
    Two editors never overwrite each other: ``expected_version`` is the version the
    form was loaded with, and a stale one is refused with ProposalEditConflict.
    """
    _refuse_unless_coordinator_of(actor, group)
    _refuse_unless_cycle_open(cycle)
    _check_limits(values)
    _check_member_states(values, group)
    if proposal is None:
        proposal = Proposal(
            cycle=cycle,
            group=group,
            kind=Proposal.Kind.OWN,
            created_by=actor,
            written_in=_written_in(),
        )
    else:
        proposal = _locked(Proposal, proposal)
        if proposal.group_id != group.pk or proposal.cycle_id != cycle.pk:
            raise ValidationError(_("This proposal belongs to another group or consultation."), code="foreign")
        _refuse_if_stale(proposal, expected_version)
        if proposal.state != Proposal.State.DRAFT:
            proposal.change_state(Proposal.State.DRAFT)
            proposal.submitted_at = None
            proposal.submitted_by = None
        proposal.version += 1
    if proposal.kind == Proposal.Kind.ADOPTION:
        values = {name: value for name, value in values.items() if name not in ("shape", "continues_series")}
        if parts:
            raise ValidationError({"parts": _("An adopted topic is a single webinar; it has no parts.")})
    is_new = proposal.pk is None
    relations = _apply_values(proposal, values)
    reasons = list(relations)
    if "continues_series" in values:
        _continue_series(proposal, values["continues_series"])
    if not is_new and parts is not None and _write_parts(proposal=proposal, parts=parts, actor=actor):
        reasons.append("parts")
    _save_with_history(proposal, actor=actor, reasons=reasons)
    for name, items in relations.items():
        getattr(proposal, name).set(items)
    if is_new and parts:
        _write_parts(proposal=proposal, parts=parts, actor=actor)
    return proposal


def _continue_series(proposal: Proposal, series) -> None:
    """The series the group's proposal continues, and the number of its first part there (proposals.series)."""
    if series is None:
        proposal.continues_series, proposal.series_first_part = None, None
        return
    if proposal.continues_series_id != series.pk or not proposal.series_first_part:
        proposal.series_first_part = check_continuation(proposal=proposal, series=series)
    proposal.continues_series = series


def _written_in() -> str:
    language = translation.get_language() or "en"
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else "en"


class IncompleteProposal(ValidationError):
    """The typed answer was saved as a draft but is not complete enough to submit."""

    def __init__(self, error: ValidationError, *, proposal: Proposal):
        self.proposal = proposal
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.messages)


def save_and_submit_proposal(
    *,
    actor,
    group,
    cycle: ConsultationCycle,
    values: dict,
    proposal: Proposal | None = None,
    parts: list[dict] | None = None,
    expected_version: int | None = None,
) -> Proposal:
    """Save what was typed and send it to the Secretariat.

    A draft keeps what was typed even when it cannot be submitted yet (then
    IncompleteProposal says what is missing and carries the saved draft). An answer the
    Secretariat already has stays as it was when the new text is incomplete: saving and
    submitting it again happen in one transaction, so the Secretariat never loses the
    last complete version.
    """
    arguments = {
        "actor": actor,
        "group": group,
        "cycle": cycle,
        "values": values,
        "proposal": proposal,
        "parts": parts,
        "expected_version": expected_version,
    }
    if proposal is not None and proposal.state == Proposal.State.SUBMITTED:
        with transaction.atomic():
            saved = save_proposal_draft(**arguments)
            return submit_proposal(proposal=saved, actor=actor)
    saved = save_proposal_draft(**arguments)
    try:
        return submit_proposal(proposal=saved, actor=actor)
    except ValidationError as error:
        if getattr(error, "code", None) == "cycle_closed":
            raise
        raise IncompleteProposal(error, proposal=saved) from error


# --- Parts of a series -----------------------------------------------------------


@transaction.atomic
def move_proposal_part(
    *, proposal: Proposal, position: int, to_position: int, actor, expected_version: int | None = None
) -> Proposal:
    """Move part ``position`` of a series to ``to_position``; the others close up around it."""
    proposal = _locked(Proposal, proposal)
    _refuse_unless_editable(proposal)
    _refuse_if_stale(proposal, expected_version)
    current = list(proposal.parts.order_by("position"))
    count = len(current)
    if not (1 <= position <= count and 1 <= to_position <= count):
        raise ValidationError(
            _("Part moved out of range: this series has parts 1 to %(count)s.") % {"count": count},
            code="part_out_of_range",
        )
    moved = current.pop(position - 1)
    current.insert(to_position - 1, moved)
    parts = [{"id": part.pk, "title": part.title, "objectives": part.objectives} for part in current]
    if _write_parts(proposal=proposal, parts=parts, actor=actor):
        proposal.version += 1
        _save_with_history(proposal, actor=actor, reasons=["parts"])
    return proposal


# --- Adopting the Secretariat's topics ----------------------------------------------


@transaction.atomic
def adopt_candidate_topics(
    *,
    actor,
    group,
    cycle: ConsultationCycle,
    candidate_topics: list[CandidateTopic],
    regions,
    languages,
    preferred_period: str = Proposal.Period.ANY,
    comment: str = "",
    submit: bool = False,
) -> list[Proposal]:
    """The group says it wants a webinar on each of these candidate topics: one answer per topic.

    The answer starts from the topic's objectives and audience as the Secretariat wrote
    them. A group adopts a topic once per cycle; an adoption it withdrew comes back as
    a draft. With ``submit``, every answer is sent at once, or none is (one transaction).
    """
    _refuse_unless_coordinator_of(actor, group)
    _refuse_unless_cycle_open(cycle)
    if not candidate_topics:
        raise ValidationError({"candidate_topics": _("Choose at least one candidate topic.")})
    _check_limits({"comment": comment})
    candidate_ids = [candidate.pk for candidate in candidate_topics]
    candidates = {
        candidate.pk: candidate
        for candidate in CandidateTopic.objects.filter(pk__in=candidate_ids, cycle=cycle).select_related(
            "topic", "topic__scope_area"
        )
    }
    if len(candidates) != len(set(candidate_ids)):
        raise ValidationError(
            {"candidate_topics": _("Only the topics offered in this consultation can be adopted.")},
            code="foreign_candidate",
        )
    existing = {
        proposal.candidate_topic_id: proposal
        for proposal in Proposal.objects.select_for_update().filter(group=group, candidate_topic_id__in=candidate_ids)
    }
    already = [
        str(candidates[candidate_id].topic.title)
        for candidate_id, proposal in existing.items()
        if proposal.state != Proposal.State.WITHDRAWN
    ]
    if already:
        raise ValidationError(
            {
                "candidate_topics": _("Your group has already adopted: %(topics)s.")
                % {"topics": ", ".join(sorted(already))}
            },
            code="already_adopted",
        )
    adopted = []
    for candidate_id in dict.fromkeys(candidate_ids):
        candidate = candidates[candidate_id]
        topic = candidate.topic
        proposal = existing.get(candidate_id)
        if proposal is None:
            proposal = Proposal(
                cycle=cycle,
                group=group,
                kind=Proposal.Kind.ADOPTION,
                candidate_topic=candidate,
                created_by=actor,
                written_in=_written_in(),
            )
        else:
            proposal.change_state(Proposal.State.DRAFT)
            proposal.submitted_at = None
            proposal.submitted_by = None
            proposal.version += 1
        proposal.title = str(topic.title)[:255]
        proposal.objectives = (topic.objectives or "")[: Proposal.TEXT_LIMIT]
        proposal.target_audience = (topic.target_audience or "")[: Proposal.TEXT_LIMIT]
        proposal.scope_area = topic.scope_area
        proposal.shape = Proposal.Shape.SINGLE
        # A part of a series carried over from an earlier year is adopted as that part.
        proposal.continues_series_id = candidate.continues_series_id
        proposal.series_first_part = candidate.series_part if candidate.continues_series_id else None
        proposal.preferred_period = preferred_period
        proposal.comment = comment or ""
        _save_with_history(proposal, actor=actor, reasons=["regions", "languages"])
        proposal.regions.set(regions)
        proposal.languages.set(languages)
        if submit:
            try:
                proposal = submit_proposal(proposal=proposal, actor=actor)
            except ValidationError as error:
                raise ValidationError(
                    _("“%(topic)s” cannot be submitted yet: %(reasons)s")
                    % {"topic": proposal.title, "reasons": " ".join(error.messages)},
                    code="incomplete",
                ) from error
        adopted.append(proposal)
    return adopted
