"""Member states' requests to their regional group during a consultation: each a named action.

The strategy lets a topic come from "une région ou un État membre intéressé par le thème",
and the groups speak for their member states. So a member state's delegate, while a
consultation is open, brings a topic of the state's own or says the state is interested
in one of the Secretariat's candidate topics; the group's coordinators then take the
request into the group's answer (the state is recorded on that proposal among those
requesting or supporting it) or decline it with a reason. The group's decision is kept on
the request (who, when, why) and the delegate is told, in their language, through the
outbox, in the same transaction as the decision.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from outbox.models import Notice
from outbox.services import queue_notice
from proposals.models import CandidateTopic, ConsultationCycle, Coordinator, Proposal, StateRequest
from proposals.permissions import EDITABLE_STATES, active_delegate, is_coordinator_of
from proposals.services import adopt_candidate_topics, format_geneva_time, has_closed, save_proposal_draft

TEXT_FIELDS = ("title", "objectives", "target_audience", "text")


def requests_closed_message(cycle: ConsultationCycle) -> str:
    if has_closed(cycle):
        return _("The consultation closed on %(date)s; requests to the group can no longer be sent.") % {
            "date": format_geneva_time(cycle.deadline_at)
        }
    return _("The consultation opens on %(date)s; requests to the group cannot be sent before.") % {
        "date": format_geneva_time(cycle.opens_at)
    }


def _check_limits(values: dict) -> None:
    errors = {}
    for name in TEXT_FIELDS:
        text = values.get(name) or ""
        limit = StateRequest._meta.get_field(name).max_length
        if limit and len(text) > limit:
            errors[name] = _("At most %(limit)s characters, please (this text has %(count)s).") % {
                "limit": formats.number_format(limit, force_grouping=True),
                "count": formats.number_format(len(text), force_grouping=True),
            }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def send_state_request(
    *,
    actor,
    cycle: ConsultationCycle,
    candidate_topic: CandidateTopic | None = None,
    title: str = "",
    objectives: str = "",
    target_audience: str = "",
    languages=(),
    text: str = "",
) -> StateRequest:
    """The delegate's state asks its group: its interest in a candidate topic, or a topic of its own.

    The state is always the delegate's own, never taken from a form. Only while the
    consultation is open: the group must be able to take the request into an answer the
    Secretariat receives by the deadline. The group's active coordinators are told.
    """
    delegate = active_delegate(actor)
    if delegate is None:
        raise PermissionDenied(_("Only an active delegate of a member state in a regional group sends requests."))
    cycle = ConsultationCycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.is_open():
        raise ValidationError(requests_closed_message(cycle), code="cycle_closed")
    values = {"title": title, "objectives": objectives, "target_audience": target_audience, "text": text}
    values = {name: (value or "").strip() for name, value in values.items()}
    _check_limits(values)
    state = delegate.member_state
    if candidate_topic is not None:
        if not CandidateTopic.objects.filter(pk=candidate_topic.pk, cycle=cycle).exists():
            raise ValidationError(
                {"candidate_topic": _("Only the topics offered in this consultation can be chosen.")},
                code="foreign_candidate",
            )
        if StateRequest.objects.filter(member_state=state, candidate_topic=candidate_topic).exists():
            raise ValidationError(
                {"candidate_topic": _("Your state has already expressed its interest in this topic.")},
                code="already_interested",
            )
        kind = StateRequest.Kind.INTEREST
    else:
        if not values["title"]:
            raise ValidationError(
                {"title": _("Give your topic a title, or choose one of the Secretariat's candidate topics.")},
                code="no_title",
            )
        kind = StateRequest.Kind.TOPIC
    state_request = StateRequest(
        cycle=cycle, member_state=state, kind=kind, candidate_topic=candidate_topic, created_by=actor, **values
    )
    state_request.full_clean(exclude=["languages"])
    state_request._history_user = actor
    state_request.save()
    state_request.languages.set(languages)
    _notify_coordinators(state_request=state_request)
    return state_request


@transaction.atomic
def take_state_request(*, state_request: StateRequest, actor, proposal: Proposal | None = None) -> StateRequest:
    """The group takes the state's request into its answer, and the state is recorded on that proposal.

    Into one of the group's answers of the same consultation (``proposal``), or into a new
    one: an interest adopts the candidate topic (or joins the group's adoption of it), a
    topic becomes a draft proposal the coordinators complete and submit. The answer is
    changed only while the consultation is open, by the answer's own rules; if any step
    is refused, nothing is saved.
    """
    state_request = _locked_pending(state_request, actor)
    state = state_request.member_state
    group, cycle = state.group, state_request.cycle
    if proposal is not None:
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.group_id != group.pk or proposal.cycle_id != cycle.pk:
            raise ValidationError(
                {"proposal": _("Choose one of your group's answers to this consultation.")}, code="foreign_proposal"
            )
        if proposal.state not in EDITABLE_STATES or proposal.state == Proposal.State.WITHDRAWN:
            raise ValidationError(
                {
                    "proposal": _("This answer is “%(state)s”: it can no longer take a request.")
                    % {"state": proposal.get_state_display()}
                },
                code="proposal_not_editable",
            )
        if not cycle.is_open():
            raise ValidationError(requests_closed_message(cycle), code="cycle_closed")
    elif state_request.kind == StateRequest.Kind.INTEREST:
        proposal = _adoption_of(state_request, actor=actor)
    else:
        proposal = save_proposal_draft(
            actor=actor,
            group=group,
            cycle=cycle,
            values={
                "title": state_request.title,
                "objectives": state_request.objectives,
                "target_audience": state_request.target_audience,
                "comment": state_request.text,
                "languages": list(state_request.languages.all()),
                "regions": [state.region] if state.region_id else [],
            },
        )
    proposal.member_states.add(state)
    state_request.state = StateRequest.State.TAKEN
    state_request.proposal = proposal
    return _decided(state_request, actor)


@transaction.atomic
def decline_state_request(*, state_request: StateRequest, actor, reason: str) -> StateRequest:
    """The group declines the state's request; the reason is kept and the delegate reads it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the group declines the request.")}, code="no_reason")
    limit = StateRequest._meta.get_field("decline_reason").max_length
    if len(reason) > limit:
        raise ValidationError(
            {
                "reason": _("At most %(limit)s characters, please (this text has %(count)s).")
                % {
                    "limit": formats.number_format(limit, force_grouping=True),
                    "count": formats.number_format(len(reason), force_grouping=True),
                }
            }
        )
    state_request = _locked_pending(state_request, actor)
    state_request.state = StateRequest.State.DECLINED
    state_request.decline_reason = reason
    return _decided(state_request, actor)


def _locked_pending(state_request: StateRequest, actor) -> StateRequest:
    state_request = (
        StateRequest.objects.select_for_update(of=("self",))
        .select_related("member_state__group", "cycle", "candidate_topic__topic")
        .get(pk=state_request.pk)
    )
    group = state_request.member_state.group
    if group is None or not is_coordinator_of(actor, group):
        raise PermissionDenied(_("Only the coordinators of the state's regional group decide on its requests."))
    if state_request.state != StateRequest.State.PENDING:
        raise ValidationError(
            _("The group has already decided on this request: “%(state)s”.")
            % {"state": state_request.get_state_display()},
            code="already_decided",
        )
    return state_request


def _adoption_of(state_request: StateRequest, *, actor) -> Proposal:
    """The group's adoption of the candidate topic the state is interested in: the existing one, or a new draft."""
    state = state_request.member_state
    existing = (
        Proposal.objects.select_for_update()
        .filter(group=state.group, candidate_topic=state_request.candidate_topic)
        .exclude(state=Proposal.State.WITHDRAWN)
        .first()
    )
    if existing is not None:
        if existing.state not in EDITABLE_STATES:
            raise ValidationError(
                _("Your group's adoption of this topic is “%(state)s”: it can no longer take a request.")
                % {"state": existing.get_state_display()},
                code="proposal_not_editable",
            )
        return existing
    (adopted,) = adopt_candidate_topics(
        actor=actor,
        group=state.group,
        cycle=state_request.cycle,
        candidate_topics=[state_request.candidate_topic],
        regions=[state.region] if state.region_id else [],
        languages=list(state_request.languages.all()),
        comment=state_request.text,
    )
    return adopted


def _decided(state_request: StateRequest, actor) -> StateRequest:
    state_request.decided_by = actor
    state_request.decided_at = timezone.now()
    state_request._history_user = actor
    state_request.save(update_fields=["state", "proposal", "decline_reason", "decided_by", "decided_at"])
    _notify_delegate(state_request=state_request, actor=actor)
    return state_request


def _request_path(state_request: StateRequest, language: str) -> str:
    with translation.override(language):
        return reverse("proposals:state_request", kwargs={"pk": state_request.pk})


def _notify_coordinators(*, state_request: StateRequest) -> None:
    """One message to each active coordinator of the state's group, in their own language."""
    state = state_request.member_state
    coordinators = (
        Coordinator.objects.filter(group_id=state.group_id, is_active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "group")
        .order_by("pk")
    )
    for coordinator in coordinators:
        user = coordinator.user
        language = user.language or "en"
        with translation.override(language):
            context = {
                "recipient": user.get_full_name() or user.get_username(),
                "state": str(state.name),
                "group": str(coordinator.group.name),
                "request_subject": state_request.subject,
                "is_interest": state_request.kind == StateRequest.Kind.INTEREST,
                "text": state_request.text,
                "deadline": format_geneva_time(state_request.cycle.deadline_at),
                "request_path": _request_path(state_request, language),
            }
        queue_notice(
            kind=Notice.Kind.STATE_REQUEST_RECEIVED,
            to=user.email,
            language=language,
            key=f"{Notice.Kind.STATE_REQUEST_RECEIVED}:{state_request.pk}:{user.pk}",
            context=context,
            about=state_request,
        )


def _notify_delegate(*, state_request: StateRequest, actor) -> None:
    """The delegate who sent the request reads the group's decision, in their own language."""
    user = state_request.created_by
    if not user.is_active or not user.email:
        return
    language = user.language or "en"
    state = state_request.member_state
    with translation.override(language):
        context = {
            "recipient": user.get_full_name() or user.get_username(),
            "state": str(state.name),
            "group": str(state.group.name),
            "request_subject": state_request.subject,
            "is_taken": state_request.state == StateRequest.State.TAKEN,
            "proposal_title": state_request.proposal.title if state_request.proposal_id else "",
            "reason": state_request.decline_reason,
            "actor": actor.get_full_name() or actor.get_username(),
            "request_path": _request_path(state_request, language),
        }
    queue_notice(
        kind=Notice.Kind.STATE_REQUEST_DECIDED,
        to=user.email,
        language=language,
        key=f"{Notice.Kind.STATE_REQUEST_DECIDED}:{state_request.pk}",
        context=context,
        about=state_request,
    )
