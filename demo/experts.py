"""Demo invitations of roster experts: one accepted, one waiting for an answer.

Idempotent: an invitation is looked up by expert and webinar, and a second run finds it
and changes nothing. No message is queued: these are past invitations of the demo story.
"""

from datetime import timedelta

from django.utils import timezone

from delivery.models import ExpertInvitation
from webinars.models import Expert, Webinar


def load_expert_invitations(*, secretariat) -> list[ExpertInvitation]:
    """On the two soonest scheduled webinars: the expert giving the first accepted an
    invitation; a roster expert not yet giving the second is still to answer."""
    webinars = list(Webinar.objects.scheduled().order_by("starts_at", "pk")[:2])
    if len(webinars) < 2:
        return []
    first, second = webinars
    invitations = []
    now = timezone.now()
    accepting = first.experts.order_by("name").first()
    if accepting is not None:
        invitations.append(
            _invitation(
                expert=accepting,
                webinar=first,
                secretariat=secretariat,
                state=ExpertInvitation.State.ACCEPTED,
                invited_at=now - timedelta(days=40),
                answered_at=now - timedelta(days=37),
                message="The regional group asked for a speaker with field experience; we thought of you first.",
            )
        )
    candidates = Expert.objects.filter(is_active=True).exclude(webinars=second).order_by("name")
    # A woman if there is one: the demo then shows what an invitation does to the parity figures.
    pending = candidates.filter(gender=Expert.Gender.FEMALE).first() or candidates.first()
    if pending is not None:
        invitations.append(
            _invitation(
                expert=pending,
                webinar=second,
                secretariat=secretariat,
                state=ExpertInvitation.State.INVITED,
                invited_at=now - timedelta(days=3),
                answered_at=None,
                message="",
            )
        )
    return invitations


def _invitation(*, expert, webinar, secretariat, state, invited_at, answered_at, message) -> ExpertInvitation:
    invitation = ExpertInvitation.objects.filter(expert=expert, webinar=webinar).order_by("pk").first()
    if invitation is not None:
        return invitation
    invitation = ExpertInvitation.objects.create(
        expert=expert, webinar=webinar, invited_by=secretariat, state=state, answered_at=answered_at, message=message
    )
    # invited_at is set on creation; the demo story dates it back.
    ExpertInvitation.objects.filter(pk=invitation.pk).update(invited_at=invited_at)
    return invitation
