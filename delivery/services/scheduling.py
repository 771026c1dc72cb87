"""A webinar's status and date: scheduling, moving, postponing, cancelling, marking it held.

Each webinar gets "a confirmed date: registration opens only then, and any later change
is told to everyone registered". So a cancellation, a postponement and a new date are
written to the outbox, in the transaction of the change, for every registrant (with a
place or on the waiting list) and every expert giving the webinar, each in their own
language. Each message's key names the change (kind, webinar, moment) and the address:
the same change never writes twice to anyone, and a change the rules refuse (cancelling
twice, say) writes nothing. Moves follow ``Webinar.TRANSITIONS``; the admin and every
screen call these functions, never a bare save of the status.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delivery.selectors.dates import Conflict, date_conflicts
from delivery.selectors.scheduling import Person, people_concerned
from outbox.addresses import absolute_url, normalise_email
from outbox.models import Notice
from outbox.services import queue_notice
from participants.services.alerts import tell_date_set
from participants.services.registration import cancel_url, promote_waiting_participants
from portal.permissions import require_permission
from webinars import calendar
from webinars.models import Webinar
from webinars.time_zones import GENEVA_TIME_ZONE, geneva_time_text, is_time_zone, own_time_text

SCHEDULE_PERMISSION = "webinars.schedule_webinar"

# The changes the Secretariat can make, by name (the admin's buttons and pages use the names).
SCHEDULE, MOVE, POSTPONE, CANCEL, MARK_HELD = "schedule", "move", "postpone", "cancel", "held"
CHANGE_LABELS = {
    SCHEDULE: gettext_lazy("Schedule"),
    MOVE: gettext_lazy("Move to a new date"),
    POSTPONE: gettext_lazy("Postpone"),
    CANCEL: gettext_lazy("Cancel the webinar"),
    MARK_HELD: gettext_lazy("Mark as held"),
}
TARGET_STATUS = {
    SCHEDULE: Webinar.Status.SCHEDULED,
    MOVE: None,  # the status stays; the date changes
    POSTPONE: Webinar.Status.POSTPONED,
    CANCEL: Webinar.Status.CANCELLED,
    MARK_HELD: Webinar.Status.HELD,
}
# Only these have a date people plan around: moving a planned webinar changes an internal date.
DATED_FOR_PEOPLE = (Webinar.Status.SCHEDULED,)


@dataclass(frozen=True)
class WebinarChange:
    """What a change did: the webinar as it now is, and how many people were written to."""

    webinar: Webinar
    told: int = 0
    alerted: int = 0  # people who had asked to be told the date, told that registration is open


# The rules ------------------------------------------------------------------------------

# Scheduling on a date that breaks a rule of delivery.selectors.dates (a weekend, a closure,
# another webinar that day, outside office hours, in the past, outside the expert's availability).
OVERRIDE_PERMISSION = "webinars.schedule_despite_conflicts"
MAX_OVERRIDE_REASON = 2000


class DateConflicts(ValidationError):
    """The date breaks these rules; it is kept only by someone holding OVERRIDE_PERMISSION who gives a reason."""

    def __init__(self, conflicts: list[Conflict]):
        super().__init__([conflict.message for conflict in conflicts], code="date_conflicts")
        self.conflicts = conflicts


def starts_at_in_time_zone(starts_at: datetime | None, time_zone: str = "") -> datetime | None:
    """An aware start time: a naive one is read on the clock of ``time_zone`` (Geneva's without one).

    Refused: a time zone that does not exist, and a wall time that a clock change skips there.
    """
    if time_zone and not is_time_zone(time_zone):
        raise ValidationError(
            _("The time zone “%(zone)s” does not exist: give an IANA name such as Europe/Zurich or Africa/Nairobi.")
            % {"zone": time_zone},
            code="unknown_time_zone",
        )
    if starts_at is None or timezone.is_aware(starts_at):
        return starts_at
    zone = ZoneInfo(time_zone or GENEVA_TIME_ZONE)
    aware = starts_at.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != starts_at:
        raise ValidationError(
            _("%(time)s does not exist in %(zone)s on that day: the clocks change then. Choose another time.")
            % {"time": starts_at.strftime("%H:%M"), "zone": zone.key},
            code="skipped_time",
        )
    return aware


def _has_started(webinar: Webinar, now: datetime) -> bool:
    return webinar.starts_at is not None and webinar.starts_at <= now


def change_refusal(webinar: Webinar, change: str, *, now: datetime | None = None) -> ValidationError | None:
    """Why ``change`` cannot be made to the webinar as it stands, or None when it can.

    The services raise it; the admin offers only the changes for which it is None.
    """
    now = now or timezone.now()
    target = TARGET_STATUS[change]
    if target is not None:
        try:
            copy.copy(webinar).change_state(target)
        except ValidationError as error:
            return error
    if change == MOVE and webinar.status not in (Webinar.Status.PLANNED, Webinar.Status.SCHEDULED):
        return ValidationError(
            _("Only a planned or scheduled webinar moves to a new date; a postponed one is scheduled again."),
            code="not_movable",
        )
    if change in (MOVE, POSTPONE) and webinar.status == Webinar.Status.SCHEDULED and _has_started(webinar, now):
        return ValidationError(
            _("The webinar has started: mark it as held, or cancel it if it did not take place."), code="started"
        )
    if change == MARK_HELD and not _has_started(webinar, now):
        return ValidationError(_("A webinar is marked as held once it has started."), code="not_started")
    return None


def tells_people(webinar: Webinar, change: str) -> bool:
    """Whether the change writes to the registrants, the waiting list and the experts: a
    postponement, a cancellation, and a new date for a webinar whose date was announced."""
    if change in (POSTPONE, CANCEL):
        return True
    if change == MOVE:
        return webinar.status in DATED_FOR_PEOPLE
    if change == SCHEDULE:
        return webinar.is_postponed
    return False


def available_changes(webinar: Webinar, *, now: datetime | None = None) -> list[str]:
    """The changes the rules allow for this webinar now, in the order the admin offers them."""
    now = now or timezone.now()
    return [change for change in CHANGE_LABELS if change_refusal(webinar, change, now=now) is None]


def _check(webinar: Webinar, change: str, now: datetime) -> None:
    refusal = change_refusal(webinar, change, now=now)
    if refusal is not None:
        raise refusal


def _check_new_date(webinar: Webinar, starts_at: datetime | None, *, now: datetime, must_be_to_come: bool) -> None:
    if starts_at is None:
        raise ValidationError(_("Give the date and time the webinar starts."), code="no_date")
    if starts_at == webinar.starts_at:
        raise ValidationError(_("The webinar is already on this date and time."), code="same_date")
    if must_be_to_come and starts_at <= now:
        raise ValidationError(
            _("People are told the new date: give a date and time still to come."), code="date_in_the_past"
        )


def _check_conflicts(
    webinar: Webinar, starts_at: datetime, *, actor, now: datetime, despite_conflicts: str
) -> list[Conflict]:
    """The date's conflicts (delivery.selectors.dates), refused unless a reason is given by
    someone holding OVERRIDE_PERMISSION; then recorded on the webinar with the reason."""
    conflicts = date_conflicts(webinar, starts_at, now=now)
    reason = (despite_conflicts or "").strip()[:MAX_OVERRIDE_REASON]
    if conflicts and not reason:
        raise DateConflicts(conflicts)
    if conflicts:
        require_permission(actor, OVERRIDE_PERMISSION)
    webinar.date_conflicts_accepted = [{"code": c.code, "message": c.message} for c in conflicts]
    webinar.date_conflicts_reason = reason if conflicts else ""
    webinar.date_conflicts_accepted_by = actor if conflicts and getattr(actor, "pk", None) else None
    webinar.date_conflicts_accepted_at = now if conflicts else None
    return conflicts


CONFLICT_FIELDS = [
    "date_conflicts_accepted",
    "date_conflicts_reason",
    "date_conflicts_accepted_by",
    "date_conflicts_accepted_at",
]


def _locked(webinar: Webinar) -> Webinar:
    return Webinar.objects.select_for_update(of=("self",)).select_related("topic").get(pk=webinar.pk)


# Who is told ----------------------------------------------------------------------------


def _key(kind: str, webinar: Webinar, changed_at: datetime, email: str) -> str:
    address = salted_hmac("delivery.scheduling.address", normalise_email(email)).hexdigest()[:16]
    return f"{kind}:{webinar.pk}:{changed_at:%Y%m%d%H%M%S%f}:{address}"


def _context(*, kind: str, webinar: Webinar, person: Person, previous_starts_at, was_postponed: bool) -> dict:
    language = person.language
    with translation.override(language):
        has_date = webinar.starts_at is not None and kind == Notice.Kind.WEBINAR_MOVED
        tells_how_to_cancel = person.registration is not None and kind != Notice.Kind.WEBINAR_CANCELLED
        return {
            "name": person.name,
            "title": str(webinar.title),
            "is_expert": person.is_expert,
            "is_waitlisted": person.is_waitlisted,
            "was_postponed": was_postponed,
            "previous_starts_at_text": geneva_time_text(previous_starts_at, language=language),
            "starts_at_text": geneva_time_text(webinar.starts_at, language=language) if has_date else "",
            "time_zone": person.time_zone,
            "own_time_text": own_time_text(webinar.starts_at, time_zone=person.time_zone, language=language)
            if has_date
            else "",
            "duration_minutes": webinar.duration_minutes,
            "webinar_url": absolute_url(reverse("webinars:webinar_detail", kwargs={"slug": webinar.slug})),
            "ics_url": absolute_url(reverse("webinars:webinar_ics", kwargs={"slug": webinar.slug})) if has_date else "",
            "cancel_url": cancel_url(person.registration) if tells_how_to_cancel else "",
        }


# Calendars ------------------------------------------------------------------------------


def _follow_in_calendars(webinar: Webinar) -> None:
    """Raise the webinar's calendar version (iCalendar SEQUENCE) with a change of its date or
    status, in the change's transaction, so every calendar takes the entry that follows as newer."""
    Webinar.objects.filter(pk=webinar.pk).update(calendar_sequence=F("calendar_sequence") + 1)
    webinar.refresh_from_db(fields=["calendar_sequence"])


def _calendar_entry(*, kind: str, webinar: Webinar, person: Person, previous_starts_at, was_on_calendar: bool) -> str:
    """The calendar entry the message carries, in the person's language, so their calendar
    follows: a new date is a REQUEST (same UID, higher SEQUENCE); a postponement is a CANCEL
    of the withdrawn date that says it is postponed; a cancellation is a CANCEL when the
    webinar had a date people put in their calendars. The join link only with a place."""
    has_place = person.registration is not None and not person.is_waitlisted
    if kind == Notice.Kind.WEBINAR_MOVED:
        return calendar.message_calendar(
            webinar,
            method=calendar.REQUEST,
            language=person.language,
            to=person.email,
            join_url=webinar.join_url if has_place else "",
            is_waitlisted=person.is_waitlisted,
        )
    if kind == Notice.Kind.WEBINAR_POSTPONED or (kind == Notice.Kind.WEBINAR_CANCELLED and was_on_calendar):
        return calendar.message_calendar(
            webinar,
            method=calendar.CANCEL,
            language=person.language,
            to=person.email,
            starts_at=previous_starts_at,
        )
    return ""


def _tell_everyone(
    *,
    kind: str,
    webinar: Webinar,
    changed_at: datetime,
    previous_starts_at=None,
    was_postponed: bool = False,
    was_on_calendar: bool = False,
) -> int:
    people = people_concerned(webinar)
    for person in people:
        queue_notice(
            kind=kind,
            to=person.email,
            language=person.language,
            key=_key(kind, webinar, changed_at, person.email),
            context=_context(
                kind=kind,
                webinar=webinar,
                person=person,
                previous_starts_at=previous_starts_at,
                was_postponed=was_postponed,
            ),
            about=webinar,
            calendar=_calendar_entry(
                kind=kind,
                webinar=webinar,
                person=person,
                previous_starts_at=previous_starts_at,
                was_on_calendar=was_on_calendar,
            ),
        )
    return len(people)


def _new_date(
    webinar: Webinar, change: str, starts_at, *, time_zone: str, actor, now: datetime, despite_conflicts: str
) -> tuple[Webinar, datetime, bool]:
    """What scheduling and moving check first: the permission, the webinar locked and in a state
    that allows the change, the start read on its clock, a date to come when people are told,
    and the date's conflicts (refused, or kept with a reason). Returns the locked webinar, the
    aware start and whether people are told."""
    require_permission(actor, SCHEDULE_PERMISSION)
    webinar = _locked(webinar)
    _check(webinar, change, now)
    starts_at = starts_at_in_time_zone(starts_at, time_zone)
    is_told = tells_people(webinar, change)
    _check_new_date(webinar, starts_at, now=now, must_be_to_come=is_told)
    _check_conflicts(webinar, starts_at, actor=actor, now=now, despite_conflicts=despite_conflicts)
    return webinar, starts_at, is_told


# The changes ----------------------------------------------------------------------------


@transaction.atomic
def schedule_webinar(
    *,
    webinar: Webinar,
    starts_at: datetime | None,
    actor,
    time_zone: str = "",
    despite_conflicts: str = "",
) -> WebinarChange:
    """Give a webinar to be scheduled, planned or postponed its date: its page shows it, and
    registration opens once an expert has accepted too.

    The date must break none of the rules of a good date (delivery.selectors.dates: no
    weekend, closure, other webinar that day, time outside office hours in the target
    regions' capitals, past date, day outside an accepted expert's availability), unless
    someone holding webinars.schedule_despite_conflicts keeps it and says why
    (``despite_conflicts``, recorded on the webinar). A naive ``starts_at`` is read on the
    clock of ``time_zone`` (Geneva's without one); a time zone that does not exist is refused.

    A postponed webinar's registrants, waiting list and experts are told the new date,
    which must still be to come; places freed while it was postponed go first to the
    people waiting longest. Once registration is open, the people who asked to be told
    the date are told (participants.services.alerts).
    """
    now = timezone.now()
    webinar, starts_at, is_told = _new_date(
        webinar, SCHEDULE, starts_at, time_zone=time_zone, actor=actor, now=now, despite_conflicts=despite_conflicts
    )
    previous_starts_at = webinar.starts_at
    webinar.change_state(Webinar.Status.SCHEDULED)
    webinar.starts_at = starts_at
    webinar.full_clean()
    webinar.save(update_fields=["status", "starts_at", "updated_at", *CONFLICT_FIELDS])
    _follow_in_calendars(webinar)
    told = 0
    if is_told:
        # Places freed while it was postponed go to the people waiting longest, told first.
        promote_waiting_participants(webinar=webinar, actor=actor)
        told = _tell_everyone(
            kind=Notice.Kind.WEBINAR_MOVED,
            webinar=webinar,
            changed_at=now,
            previous_starts_at=previous_starts_at,
            was_postponed=True,
        )
    alerted = tell_date_set(webinar=webinar)
    return WebinarChange(webinar=webinar, told=told, alerted=alerted)


@transaction.atomic
def move_webinar(
    *,
    webinar: Webinar,
    starts_at: datetime | None,
    actor,
    time_zone: str = "",
    despite_conflicts: str = "",
) -> WebinarChange:
    """Change the date or time of a planned or scheduled webinar.

    The new date follows the same rules as scheduling (``schedule_webinar``), with the same
    exception for someone who may keep a date despite its conflicts and says why.
    A scheduled webinar's people are told the new date (and keep their places, the
    waiting list its order); it must not have started, and the new date must be to come.
    A planned webinar's date is internal: it changes without a message.
    """
    now = timezone.now()
    webinar, starts_at, is_told = _new_date(
        webinar, MOVE, starts_at, time_zone=time_zone, actor=actor, now=now, despite_conflicts=despite_conflicts
    )
    previous_starts_at = webinar.starts_at
    webinar.starts_at = starts_at
    webinar.full_clean()
    webinar.save(update_fields=["starts_at", "updated_at", *CONFLICT_FIELDS])
    _follow_in_calendars(webinar)
    told = 0
    if is_told:
        told = _tell_everyone(
            kind=Notice.Kind.WEBINAR_MOVED, webinar=webinar, changed_at=now, previous_starts_at=previous_starts_at
        )
    return WebinarChange(webinar=webinar, told=told)


@transaction.atomic
def postpone_webinar(*, webinar: Webinar, actor) -> WebinarChange:
    """Withdraw a scheduled webinar's date; a new one is to be announced.

    The page stays public and says so; the registrations and the waiting list are kept
    (nobody registers meanwhile); everyone concerned is told. A webinar that has started
    is marked as held or cancelled instead.
    """
    require_permission(actor, SCHEDULE_PERMISSION)
    now = timezone.now()
    webinar = _locked(webinar)
    _check(webinar, POSTPONE, now)
    previous_starts_at = webinar.starts_at
    webinar.change_state(Webinar.Status.POSTPONED)
    webinar.starts_at = None
    webinar.save(update_fields=["status", "starts_at", "updated_at"])
    _follow_in_calendars(webinar)
    told = _tell_everyone(
        kind=Notice.Kind.WEBINAR_POSTPONED, webinar=webinar, changed_at=now, previous_starts_at=previous_starts_at
    )
    return WebinarChange(webinar=webinar, told=told)


@transaction.atomic
def cancel_webinar(*, webinar: Webinar, actor) -> WebinarChange:
    """Cancel a planned, scheduled or postponed webinar and tell everyone concerned.

    A cancellation is final. The page stays public and says the webinar was cancelled;
    the date it had is kept (the calendar files mark it cancelled, the report counts it).
    """
    require_permission(actor, SCHEDULE_PERMISSION)
    now = timezone.now()
    webinar = _locked(webinar)
    _check(webinar, CANCEL, now)
    was_on_calendar = webinar.is_on_calendar
    webinar.change_state(Webinar.Status.CANCELLED)
    webinar.save(update_fields=["status", "updated_at"])
    _follow_in_calendars(webinar)
    told = _tell_everyone(
        kind=Notice.Kind.WEBINAR_CANCELLED,
        webinar=webinar,
        changed_at=now,
        previous_starts_at=webinar.starts_at,
        was_on_calendar=was_on_calendar,
    )
    return WebinarChange(webinar=webinar, told=told)


@transaction.atomic
def mark_webinar_held(*, webinar: Webinar, actor) -> WebinarChange:
    """Record that a scheduled webinar took place: its follow-up and feedback survey open."""
    require_permission(actor, SCHEDULE_PERMISSION)
    now = timezone.now()
    webinar = _locked(webinar)
    _check(webinar, MARK_HELD, now)
    webinar.change_state(Webinar.Status.HELD)
    webinar.marked_held_at = now  # the feedback survey goes by itself from here (delivery.services.survey)
    webinar.save(update_fields=["status", "marked_held_at", "updated_at"])
    _follow_in_calendars(webinar)
    return WebinarChange(webinar=webinar)


def change_webinar(
    *,
    webinar: Webinar,
    change: str,
    actor,
    starts_at: datetime | None = None,
    time_zone: str = "",
    despite_conflicts: str = "",
) -> WebinarChange:
    """One of the changes by its name (the admin's pages, the scheduling screen): ``starts_at``,
    ``time_zone`` and ``despite_conflicts`` for schedule and move."""
    dated = {"starts_at": starts_at, "time_zone": time_zone, "despite_conflicts": despite_conflicts}
    if change == SCHEDULE:
        return schedule_webinar(webinar=webinar, actor=actor, **dated)
    if change == MOVE:
        return move_webinar(webinar=webinar, actor=actor, **dated)
    if change == POSTPONE:
        return postpone_webinar(webinar=webinar, actor=actor)
    if change == CANCEL:
        return cancel_webinar(webinar=webinar, actor=actor)
    if change == MARK_HELD:
        return mark_webinar_held(webinar=webinar, actor=actor)
    raise ValueError(f"Unknown change {change!r}")
