"""Registering for a scheduled webinar, reminding participants, recording who attended.

The issue: "The same person registering twice gets one registration", "an optional
capacity with a waiting list", "reminders one day and one hour before, in the
participant's language", and attendance reports whose "unknown rows and bad rows are
listed, never silently dropped".
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from outbox.models import Notice
from outbox.services import queue_notice
from webinars.models import Registration, Webinar

GENEVA = ZoneInfo("Europe/Zurich")
# Reminders: (name used in keys and messages, how long before the start).
REMINDERS = (("day", timedelta(days=1)), ("hour", timedelta(hours=1)))
# An attendance report larger than this is not a report of one webinar.
MAX_ATTENDANCE_ROWS = 20_000


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_SITE_URL.rstrip('/')}{path}"


def geneva_time_text(when: datetime, *, language: str) -> str:
    """A start time as the participant reads it: Geneva time, their language's format."""
    with translation.override(language):
        return formats.date_format(when.astimezone(GENEVA), "DATETIME_FORMAT")


def check_registration_open(webinar: Webinar, *, now: datetime | None = None) -> None:
    """Only a scheduled webinar that has not started takes registrations."""
    now = now or timezone.now()
    if webinar.status != Webinar.Status.SCHEDULED or webinar.starts_at is None:
        raise ValidationError(_("This webinar is not open for registration."), code="not_scheduled")
    if webinar.starts_at <= now:
        raise ValidationError(
            _("Registration closed when the webinar started."),
            code="started",
        )


def is_registration_open(webinar: Webinar) -> bool:
    try:
        check_registration_open(webinar)
    except ValidationError:
        return False
    return True


def _webinar_context(*, webinar: Webinar, language: str) -> dict:
    with translation.override(language):
        return {
            "title": str(webinar.title),
            "starts_at_text": geneva_time_text(webinar.starts_at, language=language),
            "duration_minutes": webinar.duration_minutes,
            "webinar_url": _absolute(reverse("webinars:webinar_detail", kwargs={"slug": webinar.slug})),
            "ics_url": _absolute(reverse("webinars:webinar_ics", kwargs={"slug": webinar.slug})),
        }


def _queue_registration_notice(*, registration: Registration, webinar: Webinar) -> Notice:
    is_registered = registration.state == Registration.State.REGISTERED
    kind = Notice.Kind.REGISTRATION_CONFIRMED if is_registered else Notice.Kind.REGISTRATION_WAITLISTED
    context = {
        "name": registration.name,
        **_webinar_context(webinar=webinar, language=registration.language),
        # The join link goes only to people with a place.
        "join_url": webinar.join_url if is_registered else "",
    }
    return queue_notice(
        kind=kind,
        to=registration.email,
        language=registration.language,
        key=f"{kind}:{registration.pk}",
        context=context,
        about=registration,
    )


@transaction.atomic
def register_participant(*, webinar: Webinar, data: dict, actor=None) -> Registration:
    """Register a person, or put them on the waiting list once the places are taken.

    The webinar row is locked while the places are counted, so two people registering at
    the same moment for the last place never both get it. The same address (whatever its
    case) registering again gets its existing registration back and no second message.
    `data`: name, email, country, organisation, participant_type, language, questions,
    has_consented.
    """
    if not data.get("has_consented"):
        raise ValidationError(_("Please agree to the use of your data, or we cannot register you."), code="consent")
    webinar = Webinar.objects.select_for_update().get(pk=webinar.pk)
    check_registration_open(webinar)
    email = normalise_email(data["email"])
    existing = Registration.objects.filter(webinar=webinar, email=email).first()
    if existing is not None:
        return existing
    registered = Registration.objects.filter(webinar=webinar, state=Registration.State.REGISTERED).count()
    is_full = webinar.capacity is not None and registered >= webinar.capacity
    registration = Registration(
        webinar=webinar,
        name=data["name"].strip(),
        email=email,
        country=data["country"],
        organisation=data.get("organisation", "").strip(),
        participant_type=data.get("participant_type") or Registration.ParticipantType.OTHER,
        language=data.get("language") or "en",
        questions=data.get("questions", "").strip(),
        consented_at=timezone.now(),
        state=Registration.State.WAITLISTED if is_full else Registration.State.REGISTERED,
    )
    registration.full_clean(exclude=["webinar"], validate_unique=False, validate_constraints=False)
    registration.save()
    if not is_full:
        # update(), not save(): a registration is no reason to refresh the public list's cache.
        Webinar.objects.filter(pk=webinar.pk).update(registration_count=registered + 1)
    _queue_registration_notice(registration=registration, webinar=webinar)
    return registration


# Reminders ----------------------------------------------------------------------------


def reminder_key(*, registration: Registration, reminder: str) -> str:
    return f"{Notice.Kind.WEBINAR_REMINDER}:{reminder}:{registration.pk}"


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
                    "name": registration.name,
                    "reminder": reminder,
                    **_webinar_context(webinar=webinar, language=registration.language),
                    "join_url": webinar.join_url,
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


def read_attendance_csv(raw: bytes) -> tuple[list[AttendanceRow], list[AttendanceRow]]:
    """The rows of a webinar software's attendance report: (usable rows, bad rows).

    A file that is not a CSV report with an e-mail column is refused as a whole.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not a text (CSV) file."), code="encoding") from error
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
        email_column = _column(header or [], "email", "mail")
        if email_column is None:
            raise ValidationError(
                _("The report has no e-mail column: the first line must name the columns (email, name...)."),
                code="no_email_column",
            )
        name_column = _column(header, "name")
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
    """Registered attendees counted by country and by type of participant (for the admin)."""
    attended = Registration.objects.filter(webinar=webinar, has_attended=True)
    by_country = list(attended.values("country").annotate(count=Count("pk")).order_by("-count", "country"))
    labels = dict(Registration.ParticipantType.choices)
    by_type = [
        {"participant_type": labels.get(row["participant_type"], row["participant_type"]), "count": row["count"]}
        for row in attended.values("participant_type").annotate(count=Count("pk")).order_by("-count")
    ]
    return {"by_country": by_country, "by_type": by_type}
