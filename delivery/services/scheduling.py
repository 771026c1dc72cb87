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
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delivery.selectors.scheduling import Person, people_concerned
from outbox.addresses import absolute_url, normalise_email
from outbox.models import Notice
from outbox.services import queue_notice
from participants.services.registration import cancel_url, promote_waiting_participants
from portal.permissions import require_permission
from webinars.models import Webinar
from webinars.time_zones import geneva_time_text, own_time_text

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


# The rules ------------------------------------------------------------------------------


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


def _tell_everyone(
    *, kind: str, webinar: Webinar, changed_at: datetime, previous_starts_at=None, was_postponed: bool = False
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
        )
    return len(people)


# The changes ----------------------------------------------------------------------------


@transaction.atomic
def schedule_webinar(*, webinar: Webinar, starts_at: datetime | None, actor) -> WebinarChange:
    """Give a planned or postponed webinar its date: its page shows it and registration opens.

    A postponed webinar's registrants, waiting list and experts are told the new date,
    which must still be to come; places freed while it was postponed go first to the
    people waiting longest. A planned webinar has nobody to tell yet; it may be given
    a past date to record a webinar that took place before the portal knew of it.
    """
    require_permission(actor, SCHEDULE_PERMISSION)
    now = timezone.now()
    webinar = _locked(webinar)
    _check(webinar, SCHEDULE, now)
    is_told = tells_people(webinar, SCHEDULE)
    _check_new_date(webinar, starts_at, now=now, must_be_to_come=is_told)
    previous_starts_at = webinar.starts_at
    webinar.change_state(Webinar.Status.SCHEDULED)
    webinar.starts_at = starts_at
    webinar.full_clean()
    webinar.save(update_fields=["status", "starts_at", "updated_at"])
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
    return WebinarChange(webinar=webinar, told=told)


@transaction.atomic
def move_webinar(*, webinar: Webinar, starts_at: datetime | None, actor) -> WebinarChange:
    """Change the date or time of a planned or scheduled webinar.

    A scheduled webinar's people are told the new date (and keep their places, the
    waiting list its order); it must not have started, and the new date must be to come.
    A planned webinar's date is internal: it changes without a message.
    """
    require_permission(actor, SCHEDULE_PERMISSION)
    now = timezone.now()
    webinar = _locked(webinar)
    _check(webinar, MOVE, now)
    is_told = tells_people(webinar, MOVE)
    _check_new_date(webinar, starts_at, now=now, must_be_to_come=is_told)
    previous_starts_at = webinar.starts_at
    webinar.starts_at = starts_at
    webinar.full_clean()
    webinar.save(update_fields=["starts_at", "updated_at"])
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
    webinar.change_state(Webinar.Status.CANCELLED)
    webinar.save(update_fields=["status", "updated_at"])
    told = _tell_everyone(
        kind=Notice.Kind.WEBINAR_CANCELLED, webinar=webinar, changed_at=now, previous_starts_at=webinar.starts_at
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
    webinar.save(update_fields=["status", "updated_at"])
    return WebinarChange(webinar=webinar)


def change_webinar(*, webinar: Webinar, change: str, actor, starts_at: datetime | None = None) -> WebinarChange:
    """One of the changes by its name (the admin's pages): ``starts_at`` for schedule and move."""
    if change == SCHEDULE:
        return schedule_webinar(webinar=webinar, starts_at=starts_at, actor=actor)
    if change == MOVE:
        return move_webinar(webinar=webinar, starts_at=starts_at, actor=actor)
    if change == POSTPONE:
        return postpone_webinar(webinar=webinar, actor=actor)
    if change == CANCEL:
        return cancel_webinar(webinar=webinar, actor=actor)
    if change == MARK_HELD:
        return mark_webinar_held(webinar=webinar, actor=actor)
    raise ValueError(f"Unknown change {change!r}")
