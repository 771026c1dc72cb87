"""Registering for a scheduled webinar, cancelling, the waiting list, reminders, attendance.

The same person registering twice has one registration; a webinar may have a capacity,
and later registrations then wait in line; reminders go a day and an hour before, in the
participant's language, with the time in Geneva and in the participant's own time zone;
an attendance report's unknown and bad rows are listed, never silently dropped.
"""

import codecs
import csv
import functools
import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from outbox.addresses import absolute_url, normalise_email
from outbox.models import Notice
from outbox.services import queue_notice
from participants.models import Registration
from portal import signing
from portal.permissions import require_permission
from portal.signing import InvalidLink
from portal.throttle import Rate, within_rate
from webinars import calendar
from webinars.country_regions import region_ids
from webinars.models import Region, Webinar
from webinars.selectors import public_experts
from webinars.time_zones import geneva_time_text, own_time_text

# Reminders: (name used in keys and messages, how long before the start).
REMINDERS = (("day", timedelta(days=1)), ("hour", timedelta(hours=1)))
# An attendance report larger than this is not a report of one webinar.
MAX_ATTENDANCE_ROWS = 20_000
# The cancellation link's salt (portal.signing) also keys the address digest in its payload:
# neither may change while links sent are in mailboxes.
CANCEL_SALT = signing.REGISTRATION_CANCEL.salt
# What registering reads of a webinar: one query, not the dozens of translated text columns.
# (calendar_sequence: the SEQUENCE of the calendar entry the confirmation carries.)
REGISTRATION_WEBINAR_FIELDS = (
    "slug",
    "title",
    "status",
    "starts_at",
    "duration_minutes",
    "capacity",
    "join_url",
    "calendar_sequence",
)


def public_webinars_for_registration():
    """The webinars whose registration pages exist (all but those still planned), read lightly."""
    return Webinar.objects.public().only(*REGISTRATION_WEBINAR_FIELDS).order_by()


@functools.cache
def _registration_webinars():
    """What registering reads of a webinar, with whether someone gives it (``has_expert``) in the
    same query; its shape built once per process.

    The shape is the same for every request, and Django spends longer building the nested
    EXISTS (the experts, under the later apps' hiding rules) than the database spends answering
    it. The hiding rules are all registered by the apps' ready(), before any request. Never
    evaluated itself: each use filters it, which makes a copy.
    """
    gives_it = public_experts(webinar_filter=Q(webinar_id=OuterRef(OuterRef("pk")))).filter(webinars=OuterRef("pk"))
    return (
        Webinar.objects.only(*REGISTRATION_WEBINAR_FIELDS)
        .order_by()
        .annotate(has_expert_for_this_request=Exists(gives_it))
    )


def webinar_for_registration(slug: str) -> Webinar | None:
    """The webinar of a registration page, with whether someone gives it, in one query: the
    page's refusal and the service's check share the answer. Counting places locks and reads
    the row afresh, and asks again in the same query."""
    found = _registration_webinars().public().filter(slug=slug)
    return next(iter(found[:1]), None)  # the slug is unique: no ORDER BY


def registration_refusal(webinar: Webinar, *, now: datetime | None = None) -> ValidationError | None:
    """Why a registration would be refused now, or None when it would be taken.

    Registration opens "only once the date is confirmed" and an expert has accepted to give
    the webinar: a scheduled webinar that has not started and has its expert takes
    registrations. A full one still does: the newcomer goes to the waiting list.
    Registering, the webinar's page and the registration page all ask here, so a "Register"
    button shows exactly where registering works.
    """
    now = now or timezone.now()
    if webinar.status == Webinar.Status.POSTPONED:
        return ValidationError(
            _("This webinar is postponed: registration opens again once its new date is announced."),
            code="postponed",
        )
    if webinar.status == Webinar.Status.TO_BE_SCHEDULED:
        return ValidationError(
            _("The date of this webinar is to be announced: registration opens once it is set."),
            code="to_be_scheduled",
        )
    if webinar.status != Webinar.Status.SCHEDULED or webinar.starts_at is None:
        return ValidationError(_("This webinar is not open for registration."), code="not_scheduled")
    if webinar.starts_at <= now:
        return ValidationError(_("Registration closed when the webinar started."), code="started")
    if not has_expert(webinar):
        return ValidationError(
            _("Registration opens soon: the date is set and the expert is being confirmed."), code="no_expert"
        )
    return None


def has_expert(webinar: Webinar) -> bool:
    """Someone gives the webinar: an expert who accepted the invitation, or one the Secretariat
    put on it without an invitation. The public page's own rule (webinars.selectors.public_experts),
    read from the page's prefetched experts when it has them."""
    known = getattr(webinar, "has_expert_for_this_request", None)
    if known is not None:
        return known
    prefetched = getattr(webinar, "_prefetched_objects_cache", {})
    if "experts" in prefetched:
        return bool(prefetched["experts"])
    return public_experts(webinar_filter=Q(webinar_id=webinar.pk)).filter(webinars=webinar.pk).exists()


def check_registration_open(webinar: Webinar, *, now: datetime | None = None) -> None:
    refusal = registration_refusal(webinar, now=now)
    if refusal is not None:
        raise refusal


def registration_open(webinar: Webinar) -> bool:
    """Whether the registration service would take a registration for this webinar now."""
    return registration_refusal(webinar) is None


def cancellation_open(webinar: Webinar, *, now: datetime | None = None) -> bool:
    """Whether a registration of this webinar can still be cancelled: until it starts.

    A postponed webinar (no date) keeps taking cancellations: its people may not be free
    on the new date.
    """
    now = now or timezone.now()
    return webinar.starts_at is None or webinar.starts_at > now


# Cancellation links ---------------------------------------------------------------------


def _address_tag(email: str) -> str:
    return salted_hmac(CANCEL_SALT, normalise_email(email)).hexdigest()[:16]


def make_cancel_token(registration: Registration) -> str:
    """A signed token naming the registration and its address: the link in every message."""
    return signing.sign(signing.REGISTRATION_CANCEL, {"r": registration.pk, "a": _address_tag(registration.email)})


def registration_from_cancel_token(token: str) -> Registration:
    """The registration a cancellation link names; ``InvalidLink`` for a forged, altered,
    expired link, or one whose registration is gone or has another address."""
    payload = signing.read(signing.REGISTRATION_CANCEL, token)
    if not isinstance(payload, dict):
        raise InvalidLink(purpose=signing.REGISTRATION_CANCEL)
    registration = (
        Registration.objects.select_related("webinar")
        .filter(pk=payload.get("r"))
        .only(
            "pk",
            "email",
            "name",
            "state",
            "language",
            "webinar_id",
            *(f"webinar__{f}" for f in REGISTRATION_WEBINAR_FIELDS),
        )
        .first()
    )
    if registration is None or _address_tag(registration.email) != payload.get("a"):
        raise InvalidLink.stale(signing.REGISTRATION_CANCEL)
    return registration


def cancel_url(registration: Registration) -> str:
    with translation.override(registration.language):
        return absolute_url(
            reverse("participants:registration_cancel", kwargs={"token": make_cancel_token(registration)})
        )


# Messages -------------------------------------------------------------------------------


def _cause_stamp(registration: Registration) -> str:
    """Each registration act (the first, or one after a cancellation) is its own cause."""
    return registration.consented_at.strftime("%Y%m%d%H%M%S%f")


def _notice_context(*, registration: Registration, webinar: Webinar) -> dict:
    language = registration.language
    with translation.override(language):
        return {
            "name": registration.name,
            "title": str(webinar.title),
            "starts_at_text": geneva_time_text(webinar.starts_at, language=language),
            "time_zone": registration.time_zone,
            "own_time_text": own_time_text(webinar.starts_at, time_zone=registration.time_zone, language=language),
            "duration_minutes": webinar.duration_minutes,
            "webinar_url": absolute_url(reverse("webinars:webinar_detail", kwargs={"slug": webinar.slug})),
            "ics_url": absolute_url(reverse("webinars:webinar_ics", kwargs={"slug": webinar.slug})),
        }


def _queue_registration_notice(*, registration: Registration, webinar: Webinar, kind: str | None = None) -> Notice:
    """The confirmation, the waiting-list message or the promotion (`kind`) of one registration act."""
    is_registered = registration.state == Registration.State.REGISTERED
    if kind is None:
        kind = Notice.Kind.REGISTRATION_CONFIRMED if is_registered else Notice.Kind.REGISTRATION_WAITLISTED
    context = {
        **_notice_context(registration=registration, webinar=webinar),
        # The join link goes only to people with a place.
        "join_url": webinar.join_url if is_registered else "",
        "cancel_url": cancel_url(registration),
    }
    return queue_notice(
        kind=kind,
        to=registration.email,
        language=registration.language,
        key=f"{kind}:{registration.pk}:{_cause_stamp(registration)}",
        context=context,
        about=registration,
        # The webinar for the person's calendar, in their language; the join link as in the text.
        calendar=calendar.message_calendar(
            webinar,
            method=calendar.REQUEST,
            language=registration.language,
            to=registration.email,
            join_url=context["join_url"],
            is_waitlisted=not is_registered,
        ),
    )


# Limits against abuse -------------------------------------------------------------------


class RegistrationThrottled(Exception):
    """Too many registration requests from one client or for one address; nothing was saved."""

    def __init__(self, *, retry_after: int):
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


def _hit(key: str, rate: Rate) -> None:
    if not within_rate(key, rate):
        raise RegistrationThrottled(retry_after=rate.seconds)


def count_registration_from_client(*, client_address: str) -> None:
    """Every registration POST from one client address counts, valid or not, for any webinar
    (PORTAL_REGISTRATION_RATE): a robot cannot mail a list of addresses nor fill a capacity."""
    _hit(f"registration:client:{client_address or 'unknown'}", Rate.parse(settings.PORTAL_REGISTRATION_RATE))


def count_registration_for_address(*, email: str) -> None:
    """Every valid registration request for one address counts, for any webinar and whatever
    that address's registrations, so the limit itself reveals nothing and an inbox cannot be
    flooded from many clients (PORTAL_REGISTRATION_ADDRESS_RATE)."""
    digest = hashlib.sha256(normalise_email(email).encode()).hexdigest()
    _hit(f"registration:address:{digest}", Rate.parse(settings.PORTAL_REGISTRATION_ADDRESS_RATE))


# Registering ----------------------------------------------------------------------------


def _locked_webinar(webinar: Webinar) -> Webinar:
    """The webinar row, locked until the transaction ends: places are counted under this lock."""
    return Webinar.objects.select_for_update().only(*REGISTRATION_WEBINAR_FIELDS).order_by().get(pk=webinar.pk)


def _locked_webinar_for_registering(webinar: Webinar) -> Webinar:
    """The webinar row locked as by ``_locked_webinar``, read with whether someone gives it.

    Only the webinar's row is locked; the experts are read in the same statement, as they stood
    when it began (no lock guards them, here or before). The places are counted by a later
    statement, which sees every registration committed before the lock was had.
    """
    return _registration_webinars().select_for_update().get(pk=webinar.pk)


def _registered_count(webinar: Webinar) -> int:
    return Registration.objects.filter(webinar_id=webinar.pk, state=Registration.State.REGISTERED).count()


def register_participant(*, webinar: Webinar, data: dict, actor=None) -> Registration:
    """Register a person, or put them on the waiting list once the places are taken.

    With a capacity, the webinar row is locked while the places are counted, so two
    people registering at the same moment for the last place never both get it. Without
    one there is nothing to count, so no lock: the registrations of a popular webinar do
    not queue behind each other. The same address (whatever its case) registering again
    gets its registration back and no second message, and changes nothing in it; after a
    cancellation the same row comes back to life (one row per address), with the details
    the person gave and a new message to the address (``_register_again`` says why the new
    details are not taken).
    `data`: name, email, country, organisation, participant_type, language, questions,
    time_zone, has_consented.
    """
    if not data.get("has_consented"):
        raise ValidationError(_("Please agree to the use of your data, or we cannot register you."), code="consent")
    email = normalise_email(data["email"])
    check_registration_open(webinar)
    try:
        # Most people register once: write straight away, and let the unique constraint
        # (one row per address) catch the others, which then go the longer way.
        return _register_new(webinar=webinar, email=email, data=data)
    except IntegrityError:
        existing = Registration.objects.filter(webinar_id=webinar.pk, email=email).first()
        if existing is None:  # not a second registration of the address: a real error
            raise
    if existing.state != Registration.State.CANCELLED:
        return existing
    return _register_again(webinar=webinar, registration=existing, data=data)


def _fill(registration: Registration, *, data: dict, now: datetime, is_full: bool) -> None:
    registration.name = data["name"].strip()
    registration.country = data["country"]
    registration.organisation = data.get("organisation", "").strip()
    registration.participant_type = data.get("participant_type") or Registration.ParticipantType.OTHER
    registration.language = data.get("language") or "en"
    registration.questions = data.get("questions", "").strip()
    registration.time_zone = data.get("time_zone") or ""
    registration.consented_at = now
    registration.cancelled_at = None
    registration.state = Registration.State.WAITLISTED if is_full else Registration.State.REGISTERED
    registration.full_clean(exclude=["webinar"], validate_unique=False, validate_constraints=False)


@transaction.atomic
def _register_new(*, webinar: Webinar, email: str, data: dict) -> Registration:
    """A first registration of this address: raises IntegrityError if the address has one."""
    now = timezone.now()
    registered = None
    if webinar.capacity is not None:
        webinar = _locked_webinar_for_registering(webinar)
        check_registration_open(webinar, now=now)
        registered = _registered_count(webinar)
    is_full = registered is not None and webinar.capacity is not None and registered >= webinar.capacity
    registration = Registration(webinar=webinar, email=email)
    _fill(registration, data=data, now=now, is_full=is_full)
    registration.save(force_insert=True)
    _queue_registration_notice(registration=registration, webinar=webinar)
    if not is_full:
        # Last, so that without a capacity the row lock this update takes lasts only to the
        # commit; update(), not save(): a registration is no reason to refresh the list's cache.
        count = registered + 1 if registered is not None else F("registration_count") + 1
        Webinar.objects.filter(pk=webinar.pk).update(registration_count=count)
    return registration


@transaction.atomic
def _register_again(*, webinar: Webinar, registration: Registration, data: dict) -> Registration:
    """Someone who cancelled registers again: the same row, counted like a newcomer, with the
    details the person gave before.

    The form proves nothing about who typed the address: taking the new name, country,
    organisation, type, language, time zone and questions would let a stranger rewrite
    another person's registration by typing their address (and the page after posting may
    not say that the address was known). So the registration comes back as its owner left
    it, and the confirmation, with its cancellation link, goes to the address: only its
    owner can undo the act, as for any first registration. Nothing the person wrote is
    lost or changed; what the form carried this time is not kept. A returning owner who
    wants other details asks the Secretariat (admin, participants.change_registration);
    the full answer, a signed link to the address that applies the new details once
    followed (a double opt-in), is left for later.
    ``data`` is still checked (consent) by the caller; it is deliberately unused here.
    """
    now = timezone.now()
    webinar = _locked_webinar_for_registering(webinar)
    check_registration_open(webinar, now=now)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.state != Registration.State.CANCELLED:  # registered again meanwhile
        return registration
    registered = _registered_count(webinar)
    is_full = webinar.capacity is not None and registered >= webinar.capacity
    registration.consented_at = now  # this act's moment: its message is a new one
    registration.cancelled_at = None
    registration.state = Registration.State.WAITLISTED if is_full else Registration.State.REGISTERED
    registration.save(update_fields=["consented_at", "cancelled_at", "state"])
    Webinar.objects.filter(pk=webinar.pk).update(registration_count=registered + (0 if is_full else 1))
    _queue_registration_notice(registration=registration, webinar=webinar)
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration, actor=None) -> Registration:
    """Cancel a registration; a place it frees goes to the first person waiting, at once.

    Both happen in one transaction under the webinar's lock, so the freed place is never
    given twice nor lost. Cancelling twice changes nothing and sends nothing. After the
    start there is nothing left to cancel. The person's own signed link is the authority
    (``actor`` None); a member of the Secretariat cancelling for someone needs
    participants.change_registration.
    """
    require_permission(actor, "participants.change_registration")
    webinar = _locked_webinar(registration.webinar)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.state == Registration.State.CANCELLED:
        return registration
    if not cancellation_open(webinar):
        raise ValidationError(_("The webinar has started: the registration can no longer be cancelled."))
    had_place = registration.state == Registration.State.REGISTERED
    registration.state = Registration.State.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["state", "cancelled_at"])
    queue_notice(
        kind=Notice.Kind.REGISTRATION_CANCELLED,
        to=registration.email,
        language=registration.language,
        key=f"{Notice.Kind.REGISTRATION_CANCELLED}:{registration.pk}:{_cause_stamp(registration)}",
        context=_notice_context(registration=registration, webinar=webinar),
        about=registration,
    )
    if had_place:
        promote_waiting_participants(webinar=webinar, actor=actor)
    return registration


@transaction.atomic
def promote_waiting_participants(*, webinar: Webinar, actor=None) -> list[Registration]:
    """Give the free places to the people waiting longest, each told with the join link.

    Called when a place is freed (a cancellation) and when the Secretariat raises or
    removes the capacity. Places are counted under the webinar's lock, as when
    registering. Once the webinar has started nobody is promoted: a place then is no use.
    """
    webinar = _locked_webinar(webinar)
    registered = _registered_count(webinar)
    promoted: list[Registration] = []
    is_open = webinar.status == Webinar.Status.SCHEDULED and webinar.starts_at and webinar.starts_at > timezone.now()
    free = None if webinar.capacity is None else max(0, webinar.capacity - registered)
    if is_open and free != 0:
        waiting = Registration.objects.select_for_update().filter(
            webinar_id=webinar.pk, state=Registration.State.WAITLISTED
        )
        promoted = list(waiting.order_by("consented_at", "pk")[:free] if free is not None else waiting)
        for registration in promoted:
            registration.state = Registration.State.REGISTERED
            registration.save(update_fields=["state"])
            _queue_registration_notice(
                registration=registration, webinar=webinar, kind=Notice.Kind.REGISTRATION_PROMOTED
            )
    Webinar.objects.filter(pk=webinar.pk).update(registration_count=registered + len(promoted))
    return promoted


@transaction.atomic
def change_capacity(*, webinar: Webinar, capacity: int | None, actor) -> list[Registration]:
    """Set a webinar's number of places (None: no limit); the places it frees go at once to
    the people waiting longest, each told with the join link.

    The webinar is locked while the capacity is saved and the places counted, so a
    registration arriving meanwhile waits and is counted with the new capacity. A lower
    capacity takes nobody's place away: newcomers wait until enough places are free.
    Returns the people who got a place.
    """
    require_permission(actor, "webinars.change_webinar")
    if capacity is not None and capacity < 0:
        raise ValidationError(_("A capacity is a number of places: zero or more."), code="negative_capacity")
    webinar = _locked_webinar(webinar)
    webinar.capacity = capacity
    webinar.save(update_fields=["capacity", "updated_at"])
    return promote_waiting_participants(webinar=webinar, actor=actor)


def registration_figures(*, webinar: Webinar) -> dict[str, int]:
    """How many registrations of each state a webinar has (for the admin)."""
    counts = dict(
        Registration.objects.filter(webinar_id=webinar.pk).values_list("state").annotate(count=Count("pk")).order_by()
    )
    return {state: counts.get(state, 0) for state in Registration.State.values}


# Reminders ----------------------------------------------------------------------------


def reminder_key(*, registration: Registration, reminder: str) -> str:
    """One reminder of each kind per registration and start: a webinar moved to another day
    reminds its registrants again before the new start."""
    starts = registration.webinar.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%MZ")
    return f"{Notice.Kind.WEBINAR_REMINDER}:{reminder}:{registration.pk}:{starts}"


@transaction.atomic
def send_webinar_reminders(*, now: datetime | None = None) -> int:
    """Queue the reminders that are due: one a day before, one an hour before the start.

    Each registration gets each reminder at most once (the key names both). Someone who
    registered after a reminder's moment does not get that reminder: their confirmation
    is more recent. Returns how many reminders were queued.
    """
    now = now or timezone.now()
    queued = 0
    for reminder, before in REMINDERS:
        shorter = [other for _name, other in REMINDERS if other < before]
        window_end = now + before
        window_start = now + max(shorter) if shorter else now
        registrations = list(
            Registration.objects.filter(
                state=Registration.State.REGISTERED,
                webinar__status=Webinar.Status.SCHEDULED,
                webinar__starts_at__gt=window_start,
                webinar__starts_at__lte=window_end,
            ).select_related("webinar")
        )
        due = [r for r in registrations if r.created_at <= r.webinar.starts_at - before]
        keys = {reminder_key(registration=r, reminder=reminder) for r in due}
        already = set(Notice.objects.filter(key__in=keys).values_list("key", flat=True))
        for registration in due:
            key = reminder_key(registration=registration, reminder=reminder)
            if key in already:
                continue
            webinar = registration.webinar
            queue_notice(
                kind=Notice.Kind.WEBINAR_REMINDER,
                to=registration.email,
                language=registration.language,
                key=key,
                context={
                    **_notice_context(registration=registration, webinar=webinar),
                    "reminder": reminder,
                    "join_url": webinar.join_url,
                    "cancel_url": cancel_url(registration),
                },
                about=registration,
            )
            queued += 1
    return queued


# Attendance ---------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    line: int
    email: str
    name: str
    reason: str = ""


@dataclass
class AttendanceResult:
    matched: int = 0
    attendees: int = 0
    unknown: list[AttendanceRow] = field(default_factory=list)
    bad: list[AttendanceRow] = field(default_factory=list)


def _column(header: list[str], *words: str) -> int | None:
    """The first column whose heading contains one of the words ("User Email", "E-mail")."""
    normalised = [heading.strip().lower().replace("-", "").replace("_", " ") for heading in header]
    for word in words:
        for index, heading in enumerate(normalised):
            if word in heading:
                return index
    return None


def _decode_report(raw: bytes) -> str:
    """The report's text: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode
    text"), else Windows-1252, which older exports use."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not a text (CSV) file."), code="encoding") from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not a text (CSV) file."), code="encoding") from error


def read_attendance_csv(raw: bytes) -> tuple[list[AttendanceRow], list[AttendanceRow]]:
    """The rows of a webinar software's attendance report: (usable rows, bad rows).

    A file that is not a CSV report with an e-mail column is refused as a whole.
    """
    text = _decode_report(raw)
    if "\x00" in text:
        raise ValidationError(_("The file is not a text (CSV) file."), code="binary")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows, bad = [], []
    try:
        reader = csv.reader(io.StringIO(text), dialect)
        header = next(reader, None)
        if header and any("@" in heading for heading in header):
            raise ValidationError(
                _(
                    "The first line holds an e-mail address, not column headings: add a first line that names "
                    "the columns (email, name...)."
                ),
                code="no_header",
            )
        email_column = _column(header or [], "email", "mail")
        if email_column is None:
            raise ValidationError(
                _("The report has no e-mail column: the first line must name the columns (email, name...)."),
                code="no_email_column",
            )
        name_column = _column(header, "name", "nom")  # name, nom, nombre
        for line, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if line > MAX_ATTENDANCE_ROWS + 1:
                raise ValidationError(
                    _("The report has more than %(count)s rows; is it the report of one webinar?")
                    % {"count": MAX_ATTENDANCE_ROWS},
                    code="too_many_rows",
                )
            email = row[email_column].strip() if email_column < len(row) else ""
            name = row[name_column].strip() if name_column is not None and name_column < len(row) else ""
            if len(row) != len(header):
                bad.append(AttendanceRow(line, email, name, _("The row does not have as many columns as the heading.")))
                continue
            try:
                validate_email(email)
            except ValidationError:
                reason = _("No e-mail address.") if not email else _("Not a valid e-mail address.")
                bad.append(AttendanceRow(line, email, name, reason))
                continue
            rows.append(AttendanceRow(line, normalise_email(email), name))
    except csv.Error as error:
        raise ValidationError(
            _("The file could not be read as CSV: %(error)s") % {"error": error}, code="malformed"
        ) from error
    return rows, bad


@transaction.atomic
def record_attendance(*, webinar: Webinar, raw: bytes, actor=None) -> AttendanceResult:
    """Mark who attended from the report the webinar software exports.

    The report is the whole truth about one webinar: uploading a corrected report
    replaces what the previous one said. Rows whose address has no registration are
    listed as unknown (they still count as attendance: people do forward the link);
    rows without a usable address are listed as bad. A file that cannot be read changes
    nothing.
    """
    require_permission(actor, "participants.record_attendance")
    webinar = Webinar.objects.select_for_update().get(pk=webinar.pk)
    if webinar.starts_at is None or webinar.starts_at > timezone.now():
        raise ValidationError(_("This webinar has not taken place yet."), code="not_held")
    rows, bad = read_attendance_csv(raw)
    registered_emails = set(Registration.objects.filter(webinar=webinar).values_list("email", flat=True))
    attendees = {row.email for row in rows}
    matched = attendees & registered_emails
    result = AttendanceResult(matched=len(matched), attendees=len(attendees), bad=bad)
    seen_unknown = set()
    for row in rows:
        if row.email not in registered_emails and row.email not in seen_unknown:
            seen_unknown.add(row.email)
            result.unknown.append(row)
    Registration.objects.filter(webinar=webinar).exclude(email__in=matched).update(has_attended=False)
    Registration.objects.filter(webinar=webinar, email__in=matched).update(has_attended=True)
    webinar.attendance_count = len(attendees)
    webinar.save(update_fields=["attendance_count", "updated_at"])
    return result


def attendance_breakdown(*, webinar: Webinar) -> dict[str, list[dict]]:
    """Registered attendees counted by country, by region and by type of participant (for the admin).

    The region comes from the country's member state row (webinars.country_regions); a
    country no row places in a region counts as "Other or unknown region".
    """
    attended = Registration.objects.filter(webinar_id=webinar.pk, has_attended=True)
    by_country = list(attended.values("country").annotate(count=Count("pk")).order_by("-count", "country"))
    region_of = region_ids(row["country"] for row in by_country)
    regions = Region.objects.in_bulk(set(region_of.values()))
    by_region_id: dict[int | None, int] = {}
    for row in by_country:
        region_id = region_of.get(row["country"])
        by_region_id[region_id] = by_region_id.get(region_id, 0) + row["count"]
    by_region = [
        {"region": str(regions[pk]) if pk else _("Other or unknown region"), "count": count}
        for pk, count in sorted(
            by_region_id.items(),
            key=lambda item: (-item[1], regions[item[0]].order if item[0] else 1_000_000, item[0] or 0),
        )
    ]
    labels = dict(Registration.ParticipantType.choices)
    by_type = [
        {"participant_type": labels.get(row["participant_type"], row["participant_type"]), "count": row["count"]}
        for row in attended.values("participant_type").annotate(count=Count("pk")).order_by("-count")
    ]
    return {"by_country": by_country, "by_region": by_region, "by_type": by_type}
