"""The expert roster: suggestions for a webinar, the year's balance, invitations and answers.

The strategy: each webinar is given by "an expert (staff or external)"; member states
asked for gender parity and geographic balance among experts. So the Secretariat sees,
for a webinar, the experts whose expertise and languages fit it first, and what choosing
one does to the year's figures, in numbers (counts and shares), not colours only.

An invitation goes to the expert through the outbox with signed accept and decline
links. The expert's private data (e-mail, gender, nationality) is never public; the
public page shows an expert's name, title and biography once they accept.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from delivery.models import ExpertInvitation
from outbox.addresses import absolute_url, configured_secretariat_addresses, distinct_addresses, staff_addresses
from outbox.models import Notice
from outbox.services import queue_notice
from portal import signing
from portal.permissions import require_permission
from portal.signing import InvalidLink
from webinars.models import Expert, Feedback, Language, Region, Webinar
from webinars.time_zones import geneva_time_text

# The invitation link's salt (portal.signing) also keys the expert's address digest in its
# payload and in the outbox keys of answers: it may never change.
INVITATION_SALT = signing.EXPERT_INVITATION.salt
MAX_DECLINE_REASON = 2000
# Words too common to say anything about an expert's field.
STOP_WORDS = frozenset(
    {"about", "after", "also", "and", "for", "from", "into", "its", "more", "the", "their", "them", "then", "these"}
    | {"this", "those", "through", "under", "what", "when", "with", "within", "without", "your"}
    | {"pour", "dans", "avec", "des", "les", "une", "sur", "par", "para", "con", "los", "las", "del"}
)
# Webinars whose experts count in a year's balance: everything but a cancelled one.
COUNTED_STATUSES = (Webinar.Status.PLANNED, Webinar.Status.SCHEDULED, Webinar.Status.POSTPONED, Webinar.Status.HELD)
# Webinars that take no more invitations nor answers: nobody gives them any more.
CLOSED_STATUSES = (Webinar.Status.HELD, Webinar.Status.CANCELLED)


def takes_invitations(webinar: Webinar) -> bool:
    """Experts are invited to, and answer for, a webinar still to come (not held nor cancelled)."""
    return webinar.status not in CLOSED_STATUSES


# The roster ---------------------------------------------------------------------------


def _participant_feedback(prefix: str = "") -> Q:
    return Q(**{f"{prefix}source": Feedback.Source.PARTICIPANT})


def roster_experts(*, filters: dict | None = None) -> QuerySet[Expert]:
    """Experts of the roster with their past (held) webinars and their feedback score.

    The score is what participants gave the expert (``expert_rating``), or failing that
    their overall rating of the expert's webinars, averaged over held webinars.
    Filters: scope_area, language, region (objects or ids), gender, kind, is_active.
    """
    filters = filters or {}
    queryset = Expert.objects.select_related("region").prefetch_related("languages", "scope_areas")
    if filters.get("scope_area"):
        queryset = queryset.filter(scope_areas=filters["scope_area"])
    if filters.get("language"):
        queryset = queryset.filter(languages=filters["language"])
    if filters.get("region"):
        queryset = queryset.filter(region=filters["region"])
    if filters.get("gender"):
        queryset = queryset.filter(gender=filters["gender"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("is_active") is not None:
        queryset = queryset.filter(is_active=filters["is_active"])
    held = Q(webinars__status=Webinar.Status.HELD)
    rated = held & _participant_feedback("webinars__feedback__")
    return queryset.annotate(
        past_webinar_count=Count("webinars", filter=held, distinct=True),
        expert_score=Avg("webinars__feedback__expert_rating", filter=rated),
        overall_score=Avg("webinars__feedback__overall_rating", filter=rated),
    ).annotate(score=Coalesce("expert_score", "overall_score"))


def past_webinars(*, expert: Expert) -> QuerySet[Webinar]:
    """The webinars an expert gave, newest first, with their participants' average ratings."""
    rated = _participant_feedback("feedback__")
    return (
        expert.webinars.filter(status=Webinar.Status.HELD)
        .select_related("topic")
        .annotate(
            expert_score=Avg("feedback__expert_rating", filter=rated),
            overall_score=Avg("feedback__overall_rating", filter=rated),
            answer_count=Count("feedback", filter=rated),
        )
        .order_by("-starts_at")
    )


def webinars_needing_experts(*, today=None) -> QuerySet[Webinar]:
    """Planned, scheduled and postponed webinars from today on (soonest first, undated ones last), with
    how many experts they have and how many invitations await an answer: the roster's way
    into each webinar's suggestions and invitations."""
    today = today or timezone.localdate()
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    return (
        Webinar.objects.filter(status__in=[Webinar.Status.PLANNED, Webinar.Status.SCHEDULED, Webinar.Status.POSTPONED])
        .filter(Q(starts_at__gte=start_of_today) | Q(starts_at__isnull=True))
        .annotate(
            expert_count=Count("experts", distinct=True),
            open_invitation_count=Count(
                "expert_invitations",
                filter=Q(expert_invitations__state__in=ExpertInvitation.OPEN_STATES),
                distinct=True,
            ),
        )
        .order_by(F("starts_at").asc(nulls_last=True), "title", "pk")
    )


# The year's balance -------------------------------------------------------------------


@dataclass(frozen=True)
class YearExpert:
    pk: int
    gender: str
    region_id: int | None


def _share(count: int, total: int) -> int | None:
    return round(100 * count / total) if total else None


@dataclass(frozen=True)
class Figures:
    """Counts of the year's experts (each counted once) by gender and by region."""

    total: int
    by_gender: dict[str, int]
    by_region: dict[int | None, int]

    @classmethod
    def of(cls, experts: list[YearExpert]) -> "Figures":
        by_gender = {gender: 0 for gender in Expert.Gender.values}
        by_region: dict[int | None, int] = {}
        for expert in experts:
            by_gender[expert.gender] = by_gender.get(expert.gender, 0) + 1
            by_region[expert.region_id] = by_region.get(expert.region_id, 0) + 1
        return cls(total=len(experts), by_gender=by_gender, by_region=by_region)

    def gender_share(self, gender: str) -> int | None:
        """Percentage of the year's experts of this gender, rounded; None without experts."""
        return _share(self.by_gender.get(gender, 0), self.total)

    @property
    def women(self) -> int:
        return self.by_gender.get(Expert.Gender.FEMALE, 0)

    @property
    def women_share(self) -> int | None:
        return self.gender_share(Expert.Gender.FEMALE)

    @property
    def regions_covered(self) -> int:
        return len([region for region in self.by_region if region is not None])


@dataclass(frozen=True)
class CountRow:
    """One line of the balance table: a gender or a region, before and after."""

    key: str | int | None
    label: str
    before: int
    after: int
    before_share: int | None
    after_share: int | None

    @property
    def changes(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Balance:
    """The year's figures before and after adding a candidate (the same when none or known)."""

    year: int
    before: Figures
    after: Figures
    region_count: int
    candidate: Expert | None = None
    is_new_expert: bool = False
    gender_rows: list[CountRow] = field(default_factory=list)
    region_rows: list[CountRow] = field(default_factory=list)

    @property
    def adds_region(self) -> bool:
        return self.after.regions_covered > self.before.regions_covered

    @property
    def candidate_gender_row(self) -> CountRow | None:
        """The line the candidate moves: their gender's count and share."""
        if self.candidate is None:
            return None
        return next((row for row in self.gender_rows if row.key == self.candidate.gender), None)

    @property
    def candidate_region_row(self) -> CountRow | None:
        if self.candidate is None:
            return None
        return next((row for row in self.region_rows if row.key == self.candidate.region_id), None)


def year_of(webinar: Webinar) -> int:
    """The webinar's year on the committee's clock (Geneva), as ``year_experts`` counts it."""
    return timezone.localtime(webinar.starts_at if webinar.starts_at else timezone.now()).year


def year_experts(*, year: int) -> list[YearExpert]:
    """The experts of the year's webinars (planned, scheduled or held; by start date), once each."""
    rows = (
        Expert.objects.filter(webinars__status__in=COUNTED_STATUSES, webinars__starts_at__year=year)
        .values_list("pk", "gender", "region_id")
        .distinct()
        .order_by("pk")
    )
    return [YearExpert(*row) for row in rows]


def _balance(
    *, year: int, experts: list[YearExpert], regions: list[Region], candidate: Expert | None = None
) -> Balance:
    before = Figures.of(experts)
    known = {expert.pk for expert in experts}
    is_new = candidate is not None and candidate.pk not in known
    after_experts = [*experts, YearExpert(candidate.pk, candidate.gender, candidate.region_id)] if is_new else experts
    after = Figures.of(after_experts)
    gender_rows = [
        CountRow(
            value,
            str(label),
            before.by_gender.get(value, 0),
            after.by_gender.get(value, 0),
            before.gender_share(value),
            after.gender_share(value),
        )
        for value, label in Expert.Gender.choices
    ]
    region_labels = [(region.pk, str(region)) for region in regions]
    if before.by_region.get(None) or after.by_region.get(None):
        region_labels.append((None, _("Region not given")))
    region_rows = [
        CountRow(
            pk,
            label,
            before.by_region.get(pk, 0),
            after.by_region.get(pk, 0),
            _share(before.by_region.get(pk, 0), before.total),
            _share(after.by_region.get(pk, 0), after.total),
        )
        for pk, label in region_labels
    ]
    return Balance(
        year=year,
        before=before,
        after=after,
        region_count=len(regions),
        candidate=candidate,
        is_new_expert=is_new,
        gender_rows=gender_rows,
        region_rows=region_rows,
    )


def year_balance(*, year: int, adding: Expert | None = None) -> Balance:
    """Gender and regional figures of the year's experts, before and after adding a candidate.

    Members asked for gender parity and geographic balance: e.g. women 2 of 5 (40%)
    become 3 of 6 (50%), regions covered 3 become 4. An expert already giving a webinar
    that year is counted once, so adding them changes nothing.
    """
    return _balance(year=year, experts=year_experts(year=year), regions=list(Region.objects.all()), candidate=adding)


# Suggestions --------------------------------------------------------------------------


def topic_words(text: str) -> set[str]:
    """The meaningful words of a title: four letters or more, not a common word."""
    return {word for word in re.findall(r"\w{4,}", (text or "").lower()) if word not in STOP_WORDS}


@dataclass
class Suggestion:
    expert: Expert
    has_scope_area: bool
    matched_words: list[str]
    matched_languages: list[Language]
    balance: Balance

    @property
    def expertise_rank(self) -> tuple[int, int]:
        return (int(self.has_scope_area), len(self.matched_words))

    @property
    def score(self) -> float | None:
        return self.expert.score


def suggest_experts(*, webinar: Webinar, limit: int = 10) -> list[Suggestion]:
    """Active roster experts ranked for a webinar, each with what they do to its year's balance.

    Experts already giving the webinar are left out. See ``rank_experts`` for the order.
    """
    return rank_experts(
        topic=webinar.topic,
        title=webinar.title,
        languages=list(webinar.languages.all()),
        year=year_of(webinar),
        exclude=webinar.experts.values("pk"),
        limit=limit,
    )


def rank_experts(*, topic, title: str, languages, year: int, exclude=(), limit: int = 10) -> list[Suggestion]:
    """Active roster experts ranked for a talk still to give (a webinar, or a plan entry).

    Order: expertise first (the topic's scope area among theirs, then how many words of
    the topic's and the talk's titles their expertise names), then how many of the talk's
    languages they speak, then the participants' ratings of their past webinars. Each
    suggestion carries what choosing the expert does to the year's gender and regional
    figures. A handful of queries whatever the roster's size.
    """
    words = topic_words(f"{topic.title if topic else ''} {title}")
    scope_area_id = topic.scope_area_id if topic else None
    language_ids = {language.pk for language in languages}
    experts = list(roster_experts(filters={"is_active": True}).exclude(pk__in=exclude))
    base = year_experts(year=year)
    regions = list(Region.objects.all())
    suggestions = []
    for expert in experts:
        expertise = topic_words(expert.expertise)
        suggestions.append(
            Suggestion(
                expert=expert,
                has_scope_area=scope_area_id is not None
                and any(area.pk == scope_area_id for area in expert.scope_areas.all()),
                matched_words=sorted(words & expertise),
                matched_languages=[language for language in expert.languages.all() if language.pk in language_ids],
                balance=_balance(year=year, experts=base, regions=regions, candidate=expert),
            )
        )
    suggestions.sort(
        key=lambda s: (
            -s.expertise_rank[0],
            -s.expertise_rank[1],
            -len(s.matched_languages),
            -(s.score or 0),
            s.expert.name.lower(),
        )
    )
    return suggestions[:limit]


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


def expert_language(expert: Expert) -> str:
    """The expert's first language that the portal speaks, or English."""
    portal_languages = {code for code, _name in settings.LANGUAGES}
    for language in expert.languages.order_by("order", "code"):
        if language.code in portal_languages:
            return language.code
    return "en"


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
def answer_invitation(*, token: str, accept: bool, reason: str = "") -> ExpertInvitation:
    """Record the expert's answer from their signed link and tell the Secretariat.

    Accepting puts the expert on the webinar (and so on its public page); declining
    records the optional reason. A link answers once: a second answer changes nothing
    and raises InvitationClosed with the first one; a forged or expired link raises
    InvalidLink. A webinar cancelled or held meanwhile takes no answer.
    """
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
        webinar.experts.add(invitation.expert)
    else:
        invitation.change_state(ExpertInvitation.State.DECLINED)
        invitation.decline_reason = (reason or "").strip()[:MAX_DECLINE_REASON]
        # Attached meanwhile in the admin? A refusal takes them off the public page.
        webinar.experts.remove(invitation.expert)
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["state", "decline_reason", "answered_at"])
    _queue_answer_notices(invitation)
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


def webinar_invitations(*, webinar: Webinar) -> QuerySet[ExpertInvitation]:
    return webinar.expert_invitations.select_related("expert", "invited_by").order_by("-invited_at", "-pk")
