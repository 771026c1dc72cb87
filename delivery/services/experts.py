"""Inviting an expert to give a webinar, and the expert's answer.

An invitation goes to the expert through the outbox with signed accept and decline
links. The expert's private data (e-mail, gender, nationality) is never public; the
public page shows an expert's name, title and biography once they accept. The roster,
the suggestions and the year's balance are read in ``delivery.selectors.experts``.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from delivery.models import ExpertInvitation
from delivery.selectors.experts import expert_language
from outbox.addresses import absolute_url, configured_secretariat_addresses, distinct_addresses, staff_addresses
from outbox.models import Notice
from outbox.services import queue_notice
from participants.services.alerts import tell_date_set
from portal import signing
from portal.permissions import require_permission
from portal.signing import InvalidLink
from webinars.models import Expert, Webinar
from webinars.time_zones import geneva_time_text

# The invitation link's salt (portal.signing) also keys the expert's address digest in its
# payload and in the outbox keys of answers: it may never change.
INVITATION_SALT = signing.EXPERT_INVITATION.salt
MAX_DECLINE_REASON = 2000
MAX_AVAILABILITY_NOTE = 500

# Webinars that take no more invitations nor answers: nobody gives them any more.
CLOSED_STATUSES = (Webinar.Status.HELD, Webinar.Status.CANCELLED)


def takes_invitations(webinar: Webinar) -> bool:
    """Experts are invited to, and answer for, a webinar still to come (not held nor cancelled)."""
    return webinar.status not in CLOSED_STATUSES


# Invitations --------------------------------------------------------------------------


class InvitationClosed(Exception):
    """The invitation was answered already (or withdrawn); it carries the invitation to show."""

    def __init__(self, invitation: ExpertInvitation):
        super().__init__(invitation.state)
        self.invitation = invitation


def _expert_tag(expert: Expert) -> str:
    """A keyed digest of the expert's address: a link stops working if the address changes."""
    return salted_hmac(INVITATION_SALT, expert.email.strip().lower()).hexdigest()[:16]


def make_invitation_token(invitation: ExpertInvitation) -> str:
    return signing.sign(signing.EXPERT_INVITATION, {"i": invitation.pk, "e": _expert_tag(invitation.expert)})


def invitation_from_token(token: str) -> ExpertInvitation:
    """The invitation a link is for; ``InvalidLink`` when forged, damaged or expired, or when
    the invitation is gone or the expert's address changed since it was sent.

    The link answers once: whether it was used is the invitation's state, which the caller
    reads (an answered invitation shows its answer rather than a refusal).
    """
    payload = signing.read(signing.EXPERT_INVITATION, token)
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int):
        raise InvalidLink(purpose=signing.EXPERT_INVITATION)
    invitation = (
        ExpertInvitation.objects.select_related("expert", "webinar", "webinar__topic").filter(pk=payload["i"]).first()
    )
    if invitation is None or _expert_tag(invitation.expert) != payload.get("e"):
        raise InvalidLink.stale(signing.EXPERT_INVITATION)
    return invitation


def _when(webinar: Webinar, language: str) -> str:
    return geneva_time_text(webinar.starts_at, language=language) if webinar.starts_at else ""


@transaction.atomic
def invite_expert(*, webinar: Webinar, expert: Expert, actor, message: str = "") -> ExpertInvitation:
    """Invite an expert to give a webinar and queue the invitation with its signed links.

    Refused while the expert has an open invitation for the same webinar (one live
    link per talk), when they already give it, when they left the roster, and for a
    webinar already held or cancelled.
    """
    require_permission(actor, "delivery.invite_expert")
    webinar = Webinar.objects.select_for_update(of=("self",)).select_related("topic").get(pk=webinar.pk)
    if not takes_invitations(webinar):
        raise ValidationError(
            _("The webinar “%(title)s” is %(status)s: experts are no longer invited to it.")
            % {"title": webinar.title, "status": webinar.get_status_display().lower()},
            code="closed_webinar",
        )
    if not expert.is_active:
        raise ValidationError(_("%(name)s is no longer on the roster.") % {"name": expert.name}, code="inactive")
    if webinar.experts.filter(pk=expert.pk).exists():
        raise ValidationError(_("%(name)s already gives this webinar.") % {"name": expert.name}, code="already_expert")
    open_invitation = ExpertInvitation.objects.filter(
        webinar=webinar, expert=expert, state=ExpertInvitation.State.INVITED
    ).first()
    if open_invitation is not None:
        raise ValidationError(
            _("%(name)s was invited on %(date)s and has not answered yet: wait for the answer or withdraw it first.")
            % {"name": expert.name, "date": formats.date_format(timezone.localtime(open_invitation.invited_at))},
            code="already_invited",
        )
    invitation = ExpertInvitation.objects.create(
        webinar=webinar, expert=expert, invited_by=actor, message=(message or "").strip()
    )
    language = expert_language(expert)
    with translation.override(language):
        answer_url = absolute_url(
            reverse("delivery:expert_answer", kwargs={"token": make_invitation_token(invitation)})
        )
    queue_notice(
        kind=Notice.Kind.EXPERT_INVITATION,
        to=expert.email,
        language=language,
        key=f"expert-invitation:{invitation.pk}",
        context={
            "name": expert.name,
            "title": str(webinar.title),
            "topic": str(webinar.topic.title),
            "starts_at_text": _when(webinar, language),
            "duration_minutes": webinar.duration_minutes,
            "format": str(webinar.get_format_display()),
            "message": invitation.message,
            "accept_url": f"{answer_url}?answer=accept",
            "decline_url": f"{answer_url}?answer=decline",
            "max_age_days": signing.EXPERT_INVITATION.lifetime().days,
        },
        about=invitation,
    )
    return invitation


def secretariat_recipients(invitation: ExpertInvitation) -> list[tuple[str, str]]:
    """(address, language) for an answer: who invited, and the Secretariat's addresses.

    With neither, everyone whose role invites experts, so no answer goes unread.
    """
    inviter = invitation.invited_by
    who_invited = []
    if inviter is not None and inviter.is_active and inviter.email:
        who_invited = [(inviter.email, getattr(inviter, "language", "") or settings.LANGUAGE_CODE)]
    recipients = distinct_addresses(who_invited, configured_secretariat_addresses())
    return recipients or distinct_addresses(staff_addresses(permission="delivery.invite_expert"))


def _queue_answer_notices(invitation: ExpertInvitation) -> None:
    webinar = invitation.webinar
    for email, language in secretariat_recipients(invitation):
        with translation.override(language):
            suggestions_path = reverse("delivery:expert_suggestions", kwargs={"webinar_id": webinar.pk})
        queue_notice(
            kind=Notice.Kind.EXPERT_ANSWER,
            to=email,
            language=language,
            key=f"expert-answer:{invitation.pk}:{salted_hmac(INVITATION_SALT, email.lower()).hexdigest()[:16]}",
            context={
                "expert": invitation.expert.name,
                "title": str(webinar.title),
                "is_accepted": invitation.state == ExpertInvitation.State.ACCEPTED,
                "reason": invitation.decline_reason,
                "suggestions_path": suggestions_path,
            },
            about=invitation,
        )


@transaction.atomic
def answer_invitation(
    *,
    token: str,
    accept: bool,
    reason: str = "",
    available_from: date | None = None,
    available_until: date | None = None,
    availability_note: str = "",
) -> ExpertInvitation:
    """Record the expert's answer from their signed link and tell the Secretariat.

    Accepting puts the expert on the webinar (and so on its public page), with the days
    they say they are available, if they say (the scheduling screen names a date outside
    them); if the webinar already has its date, registration opens, and the people who
    asked to be told are told. Declining records the optional reason. A link answers once:
    a second answer changes nothing and raises InvitationClosed with the first one; a
    forged or expired link raises InvalidLink. A webinar cancelled or held meanwhile takes
    no answer.
    """
    if accept and available_from and available_until and available_until < available_from:
        raise ValidationError(
            _("The last day you are available comes on or after the first."), code="availability_order"
        )
    invitation = invitation_from_token(token)
    invitation = (
        ExpertInvitation.objects.select_for_update(of=("self",))
        .select_related("expert", "webinar", "invited_by")
        .get(pk=invitation.pk)
    )
    if not invitation.is_open:
        raise InvitationClosed(invitation)
    webinar = invitation.webinar
    if not takes_invitations(webinar):
        raise ValidationError(
            _("The webinar “%(title)s” is %(status)s: this invitation no longer needs an answer.")
            % {"title": webinar.title, "status": webinar.get_status_display().lower()},
            code="closed_webinar",
        )
    if accept:
        invitation.change_state(ExpertInvitation.State.ACCEPTED)
        invitation.available_from, invitation.available_until = available_from, available_until
        invitation.availability_note = (availability_note or "").strip()[:MAX_AVAILABILITY_NOTE]
        webinar.experts.add(invitation.expert)
    else:
        invitation.change_state(ExpertInvitation.State.DECLINED)
        invitation.decline_reason = (reason or "").strip()[:MAX_DECLINE_REASON]
        # Attached meanwhile in the admin? A refusal takes them off the public page.
        webinar.experts.remove(invitation.expert)
    invitation.answered_at = timezone.now()
    invitation.save(
        update_fields=[
            "state",
            "decline_reason",
            "answered_at",
            "available_from",
            "available_until",
            "availability_note",
        ]
    )
    _queue_answer_notices(invitation)
    if accept:
        # A scheduled webinar waiting for its expert opens for registration now.
        tell_date_set(webinar=webinar)
    return invitation


@transaction.atomic
def withdraw_invitation(*, invitation: ExpertInvitation, actor) -> ExpertInvitation:
    """The Secretariat takes an invitation back; an accepted one takes the expert off the webinar.

    The link stops working (it then shows that the invitation was withdrawn). Nothing is
    sent: the Secretariat tells the expert in its own words.
    """
    require_permission(actor, "delivery.invite_expert")
    invitation = (
        ExpertInvitation.objects.select_for_update(of=("self",))
        .select_related("expert", "webinar")
        .get(pk=invitation.pk)
    )
    was_accepted = invitation.state == ExpertInvitation.State.ACCEPTED
    invitation.change_state(ExpertInvitation.State.WITHDRAWN)
    invitation.answered_at = invitation.answered_at or timezone.now()
    invitation.save(update_fields=["state", "answered_at"])
    if was_accepted:
        invitation.webinar.experts.remove(invitation.expert)
    return invitation
