"""The groups comment on the draft plan before it is published ("en concertation").

The strategy settles the programme with the regional groups: the Secretariat shares the
draft plan with them until a date, each group's coordinators read it in their language
and leave the group's comments, groups that have not commented are reminded some days
before the date (``PORTAL_PLAN_COMMENT_REMINDER_DAYS``), and when the date has passed the
Secretariat gets a summary of who commented. Publishing records that the groups were
consulted, or the reason why they were not.

Every step is one transaction that changes the plan and writes the notices it causes in
the outbox in that same transaction. A notice's key names plan, draft (a digest of its
entries), last day and recipient, so a step that runs twice never writes a message twice.
Every step is in the plan's history (simple-history, with the step as change reason) and
every comment in its own; ``consultation_history`` reads both.
"""

import hashlib
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from outbox.models import Notice
from outbox.services import queue_notice
from planning.models import AnnualPlan, PlanComment, PlanEntry
from planning.permissions import SHARE_PLAN
from portal.permissions import require_permission
from proposals.cycle import secretariat_recipients
from proposals.models import Coordinator
from proposals.permissions import active_coordinator
from webinars.models import RegionalGroup

# The steps as the plan's history names them (history_change_reason); ``consultation_history`` reads them.
SHARED, SHARED_AGAIN, REMINDED, CLOSED = "plan-shared", "plan-shared-again", "comments-reminded", "comments-closed"
PUBLISHED_CONSULTED, PUBLISHED_NOT_CONSULTED = "published-consulted", "published-not-consulted"
PUBLISH_FIELDS = ("groups_consulted", "consultation_skipped_reason")
SHARE_FIELDS = (
    "shared_at",
    "shared_by",
    "comments_until",
    "share_message",
    "shared_version",
    "comments_reminded_at",
    "comments_closed_at",
)


# --- what the groups read ------------------------------------------------------------


def _coordinators():
    """Active coordinators of active groups who can receive a message."""
    return (
        Coordinator.objects.filter(is_active=True, group__is_active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "group")
        .order_by("group__order", "group__code", "pk")
    )


def _entries(plan: AnnualPlan):
    return plan.entries.select_related("region", "proposal_part").prefetch_related("regions", "languages")


def draft_digest(plan: AnnualPlan) -> str:
    """What the groups were shown, in one value: changes when an entry is added, moved, taken out or edited."""
    parts = []
    for entry in _entries(plan).order_by("position", "pk"):
        regions = sorted(r.code for r in entry.regions.all()) or [entry.region.code]
        languages = sorted(language.code for language in entry.languages.all())
        part = entry.proposal_part.position if entry.proposal_part_id else ""
        parts.append(f"{entry.pk}|{entry.position}|{entry.title}|{entry.period}|{regions}|{languages}|{part}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _path(viewname: str, language: str, args=()) -> str:
    with translation.override(language):
        try:
            return reverse(viewname, args=args)
        except NoReverseMatch:
            return f"/{language}/consultation/"


def _entry_lines(plan: AnnualPlan, language: str) -> list[dict]:
    """The draft's entries as a group reads them, in ``language`` (titles fall back to English)."""
    with translation.override(language):
        return [
            {
                "position": entry.position,
                "title": entry.title,
                "part": entry.proposal_part.position if entry.proposal_part_id else None,
                "period": str(entry.get_period_display()),
                "regions": ", ".join(str(r.name) for r in entry.regions.all()) or str(entry.region.name),
                "languages": ", ".join(str(language.name) for language in entry.languages.all()),
            }
            for entry in _entries(plan).order_by("position", "pk")
        ]


def _recipient_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:24]


# --- 1. sharing the draft -------------------------------------------------------------


@transaction.atomic
def share_draft_plan(*, plan: AnnualPlan, until: date, by, message: str = "") -> AnnualPlan:
    """Share the draft plan with every group until ``until`` (their last day for comments).

    Every active coordinator is told in their language, with a link to the draft on their
    page. Sharing again after the entries changed, or with another date, tells the groups
    that the draft changed and opens a new period (a new reminder, a new close); sharing
    the same draft until the same date again is refused, so nobody is told twice.
    """
    require_permission(by, SHARE_PLAN)
    plan = AnnualPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != AnnualPlan.State.DRAFT:
        raise ValidationError(_("Only a draft plan is shared with the groups for comment."))
    if until is None or until <= timezone.localdate():
        raise ValidationError(_("Give the groups a last day for comments after today."))
    if not plan.entries.exists():
        raise ValidationError(_("The plan has no entries to comment on yet."))
    digest = draft_digest(plan)
    again = plan.shared_at is not None
    if again and digest == plan.shared_version and until == plan.comments_until:
        raise ValidationError(
            _("The groups already have this draft, for comments until %(date)s.") % {"date": _day(until)}
        )
    changed = again and digest != plan.shared_version
    plan.shared_at, plan.shared_by, plan.comments_until = timezone.now(), by, until
    plan.share_message, plan.shared_version = message.strip(), digest
    plan.comments_reminded_at = plan.comments_closed_at = None
    plan._history_user = by
    plan._change_reason = SHARED_AGAIN if again else SHARED
    plan.save(update_fields=SHARE_FIELDS)
    for coordinator in _coordinators():
        user, language = coordinator.user, coordinator.user.language
        with translation.override(language):
            context = {
                "year": plan.year,
                "name": user.get_full_name() or user.username,
                "group": str(coordinator.group.name),
                "until": _day(until),
                "message": plan.share_message,
                "is_changed": changed,
                "is_again": again,
                "entries": _entry_lines(plan, language),
                "comment_path": _path("plan_comments:plan", language, args=[plan.pk]),
            }
        queue_notice(
            kind=Notice.Kind.PLAN_SHARED,
            to=user.email,
            language=language,
            key=f"plan-shared:{plan.pk}:{until.isoformat()}:{digest[:16]}:user-{user.pk}",
            context=context,
            about=plan,
        )
    return plan


# --- 2. the groups' comments ------------------------------------------------------------


def closed_message(plan: AnnualPlan) -> str:
    """Why a group can no longer comment, in the reader's language."""
    if plan.state != AnnualPlan.State.DRAFT:
        return _("The plan is published: comments on its draft are closed.")
    if plan.comments_until is None:
        return _("The draft plan is not shared with the groups for comment.")
    return _("Comments on the draft plan closed at the end of %(date)s.") % {"date": _day(plan.comments_until)}


def _commenting_group(actor) -> RegionalGroup:
    coordinator = active_coordinator(actor)
    if coordinator is None:
        raise PermissionDenied(_("Only the coordinators of a group comment on the draft plan for their group."))
    return coordinator.group


def _lock_open_plan(plan: AnnualPlan) -> AnnualPlan:
    plan = AnnualPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_open_for_comments():
        raise ValidationError(closed_message(plan))
    return plan


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the group's comment."))
    return text


@transaction.atomic
def comment_on_plan(*, plan: AnnualPlan, actor, text: str, entry: PlanEntry | None = None) -> PlanComment:
    """The group's comment on the shared draft, on the whole plan or on one entry, until the last day."""
    group = _commenting_group(actor)
    plan = _lock_open_plan(plan)
    text = _clean_text(text)
    if entry is not None and entry.plan_id != plan.pk:
        raise ValidationError(_("This entry is not in the draft plan."))
    comment = PlanComment(
        plan=plan,
        group=group,
        entry=entry,
        entry_title=entry.title if entry else "",
        text=text,
        written_in=getattr(actor, "language", "") or translation.get_language() or settings.LANGUAGE_CODE,
        author=actor,
    )
    comment._history_user = actor
    comment.save()
    return comment


@transaction.atomic
def edit_plan_comment(*, comment: PlanComment, actor, text: str) -> PlanComment:
    """The group changes its comment until the last day; another group's comment is not theirs to change."""
    group = _commenting_group(actor)
    comment = PlanComment.objects.select_for_update().get(pk=comment.pk)
    if comment.group_id != group.pk:
        raise PermissionDenied(_("This comment is another group's."))
    _lock_open_plan(comment.plan)
    comment.text = _clean_text(text)
    comment.written_in = getattr(actor, "language", "") or comment.written_in
    comment.author = actor
    comment._history_user = actor
    comment.save()
    return comment


# --- 3. reminder and close (the hourly task) ----------------------------------------------


def _silent_groups(plan: AnnualPlan):
    commented = PlanComment.objects.filter(plan=plan).values("group_id")
    return RegionalGroup.objects.filter(is_active=True).exclude(pk__in=commented).order_by("order", "code")


def reminder_moment(plan: AnnualPlan) -> datetime:
    return plan.comments_close_at() - timedelta(days=settings.PORTAL_PLAN_COMMENT_REMINDER_DAYS)


def _remind(plan: AnnualPlan, at: datetime) -> list[str]:
    """Remind the coordinators of groups that have not commented; a group told an hour ago is not reminded."""
    written = []
    silent = _silent_groups(plan)
    for coordinator in _coordinators().filter(group__in=silent):
        user, language = coordinator.user, coordinator.user.language
        with translation.override(language):
            context = {
                "year": plan.year,
                "name": user.get_full_name() or user.username,
                "group": str(coordinator.group.name),
                "until": _day(plan.comments_until),
                "days": settings.PORTAL_PLAN_COMMENT_REMINDER_DAYS,
                "comment_path": _path("plan_comments:plan", language, args=[plan.pk]),
            }
        until = plan.comments_until.isoformat()
        key = f"plan-comment-reminder:{plan.pk}:{until}:group-{coordinator.group_id}:user-{user.pk}"
        queue_notice(
            kind=Notice.Kind.PLAN_COMMENT_REMINDER,
            to=user.email,
            language=language,
            key=key,
            context=context,
            about=plan,
        )
        written.append(key)
    groups = silent.count()
    plan.comments_reminded_at = at
    if groups:
        plan._change_reason = f"{REMINDED}:{groups}"
        plan.save(update_fields=["comments_reminded_at"])
    else:  # every group has commented: nothing to remind, nothing for the history
        plan.save_without_historical_record(update_fields=["comments_reminded_at"])
    return written


def _summary(plan: AnnualPlan, language: str) -> dict:
    comments = list(PlanComment.objects.filter(plan=plan).select_related("group"))
    groups = RegionalGroup.objects.filter(is_active=True).order_by("order", "code")
    with translation.override(language):
        commented, silent = [], []
        for group in groups:
            count = sum(1 for c in comments if c.group_id == group.pk)
            if count:
                commented.append({"name": str(group.name), "comments": count})
            else:
                silent.append(str(group.name))
        return {
            "year": plan.year,
            "until": _day(plan.comments_until),
            "commented": commented,
            "silent_groups": silent,
            "comments": len(comments),
            "plan_path": _path("planning:plan_detail", language, args=[plan.cycle_id]) if plan.cycle_id else "",
        }


def _close(plan: AnnualPlan, at: datetime) -> list[str]:
    """The last day has passed: the Secretariat reads who commented; the plan records the close."""
    written = []
    for email, language in secretariat_recipients(permission=SHARE_PLAN):
        key = f"plan-comments-closed:{plan.pk}:{plan.comments_until.isoformat()}:{_recipient_key(email)}"
        queue_notice(
            kind=Notice.Kind.PLAN_COMMENTS_CLOSED,
            to=email,
            language=language,
            key=key,
            context=_summary(plan, language),
            about=plan,
        )
        written.append(key)
    commented = PlanComment.objects.filter(plan=plan).values("group_id").distinct().count()
    plan.comments_closed_at = at
    plan._change_reason = f"{CLOSED}:{commented}"
    plan.save(update_fields=["comments_closed_at"])
    return written


@transaction.atomic
def advance_comment_period(*, plan: AnnualPlan, at: datetime | None = None) -> list[str]:
    """Remind before the last day, close after it; the plan is locked, so two runs take turns.

    A run that comes late (the scheduler was down) closes without reminding: a reminder
    after the last day means nothing.
    """
    at = at or timezone.now()
    plan = AnnualPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != AnnualPlan.State.DRAFT or plan.shared_at is None or plan.comments_closed_at is not None:
        return []
    if at >= plan.comments_close_at():
        return _close(plan, at)
    moment = reminder_moment(plan)
    if plan.comments_reminded_at is None and moment <= at and plan.shared_at < moment:
        return _remind(plan, at)
    return []


def advance_comment_periods(*, at: datetime | None = None) -> list[str]:
    """The hourly run over every shared draft; each plan in its own transaction. Returns the notice keys written."""
    shared = AnnualPlan.objects.filter(
        state=AnnualPlan.State.DRAFT, shared_at__isnull=False, comments_closed_at__isnull=True
    ).order_by("year")
    written = []
    for plan in shared:
        written += advance_comment_period(plan=plan, at=at)
    return written


# --- 5. publishing ----------------------------------------------------------------------


def were_groups_consulted(plan: AnnualPlan, at: datetime | None = None) -> bool:
    """Consulted: the draft was shared and its last day has passed, or the groups have commented."""
    shared_and_over = plan.shared_at is not None and (
        plan.comments_closed_at is not None or (at or timezone.now()) >= plan.comments_close_at()
    )
    return shared_and_over or plan.comments.exists()


def record_consultation(*, plan: AnnualPlan, skipped_reason: str = "") -> tuple[str, ...]:
    """Called by ``publish_plan`` on the locked plan: whether the groups were consulted, or why not.

    Sets the plan's fields (the publication saves them) and its history's reason; returns
    the fields to save. Without consultation and without a reason, publishing is refused.
    """
    reason = (skipped_reason or "").strip()
    if were_groups_consulted(plan):
        plan.groups_consulted, plan.consultation_skipped_reason = True, ""
        plan._change_reason = PUBLISHED_CONSULTED
    elif reason:
        plan.groups_consulted, plan.consultation_skipped_reason = False, reason
        plan._change_reason = PUBLISHED_NOT_CONSULTED
    else:
        raise ValidationError(
            _(
                "The groups have not been consulted on this draft: share it with them and wait for their "
                "last day for comments, or give the reason for publishing without consulting them."
            )
        )
    return PUBLISH_FIELDS
