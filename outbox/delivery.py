"""Sending what the outbox holds: only the sending tasks call this.

One delivery goes in three steps, so that no attempt is ever lost from sight:
1. the attempt is recorded and committed (state "being sent", attempts + 1);
2. the message goes to the mail server, outside any transaction;
3. the outcome is recorded: sent, or refused (outbox.refusals).
A worker that dies between 2 and 3 leaves the row "being sent". The promise is therefore
*at least once*: past PORTAL_OUTBOX_SENDING_LEASE seconds such a row is "in doubt"; the
sweep sends it again with the same Message-ID, so the recipient's server can drop the copy,
and marks it (in_doubt_at) for staff to see. No other path sends a message twice: the row
is claimed under a lock, and a sent row is never sent again.

A refusal for one recipient (4xx) waits and is tried again, each wait longer, for
PORTAL_OUTBOX_GIVE_UP_DAYS; a permanent refusal (5xx) fails at once; neither stops a sweep.
A failure of the server itself pauses every delivery until a probe goes through
(outbox.mail_server).
"""

import enum
import hashlib
import logging
import re
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import SafeMIMEText
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from outbox import mail_server
from outbox.mail_server import Clearance
from outbox.models import Notice
from outbox.refusals import Refusal, classify, describe, may_have_arrived

logger = logging.getLogger(__name__)

# The sweep records the outcome of this many notices in one commit (see deliver_pending_notices).
RECORD_EVERY = 50


def _message(notice: Notice, connection=None) -> EmailMessage:
    headers = {}
    unsubscribe_url = notice.context.get("unsubscribe_url") if isinstance(notice.context, dict) else None
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    headers["Content-Language"] = notice.language
    headers["Message-ID"] = message_id(notice)
    return EmailMessage(
        subject=notice.subject,
        body=notice.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.to],
        headers=headers,
        connection=connection,
        attachments=[calendar_attachment(notice.calendar)] if notice.calendar else None,
    )


CALENDAR_FILENAME = "webinar.ics"
_CALENDAR_METHOD = re.compile(r"^METHOD:([A-Za-z-]+)\r?$", re.MULTILINE)


def calendar_attachment(calendar: str) -> MIMEBase:
    """The notice's calendar entry as "webinar.ics", beside the text.

    Its content type names the entry's METHOD (text/calendar; charset=utf-8; method=REQUEST
    or CANCEL), as iCalendar by e-mail asks (RFC 6047): mail programs then offer to add,
    update or remove the event rather than showing a file.
    """
    part = SafeMIMEText(calendar, "calendar", "utf-8")
    found = _CALENDAR_METHOD.search(calendar)
    if found:
        # Written out unquoted: some mail programs look for "method=REQUEST" as it stands.
        part.replace_header("Content-Type", f"text/calendar; charset=utf-8; method={found.group(1).upper()}")
    part.add_header("Content-Disposition", "attachment", filename=CALENDAR_FILENAME)
    return part


def message_id(notice: Notice) -> str:
    """The same Message-ID on every attempt, so a receiving server can drop a duplicate.

    A copy can only arise if a worker dies between the mail server's acceptance and the
    commit that records it (an "in doubt" row); the stable id lets the recipient's server
    recognise it.
    """
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(notice.key.encode()).hexdigest()[:16]
    return f"<notice-{notice.pk}.{digest}@{domain}>"


class Outcome(enum.Enum):
    SENT = "sent"
    SKIPPED = "skipped"  # sent already, failed for good, or another worker is sending it
    PAUSED = "paused"  # the mail server is down and this was not the probe: nothing tried
    REFUSED = "refused"  # refused for this recipient, for now: it waits and goes again
    FAILED = "failed"  # refused for good (5xx), or refused for longer than the retry period
    SERVER_DOWN = "server_down"  # the mail server failed: deliveries pause


def deliver_notice(*, notice_id: int, connection=None, now: datetime | None = None) -> Outcome:
    """Send one notice unless it was sent already, in the three steps above; say what happened.

    A notice another worker is sending (claimed less than PORTAL_OUTBOX_SENDING_LEASE seconds
    ago) is left to it; one claimed longer ago is in doubt and goes again.
    """
    claimed, clearance = _claim(notice_ids=[notice_id], now=now or timezone.now())
    if not claimed:
        return Outcome.PAUSED if clearance is Clearance.WAIT else Outcome.SKIPPED
    [notice] = claimed
    try:
        _send(notice, connection)
    except Exception as error:  # noqa: BLE001 - every refusal is recorded on the row and classified
        return _record_refusal(notice=notice, error=error, probe=clearance is Clearance.PROBE, now=now)
    _record_sent([notice], probe=clearance is Clearance.PROBE)
    return Outcome.SENT


def _send(notice: Notice, connection) -> None:
    """Step 2: hand the message over; a refusal raises."""
    if connection is not None:
        # Opened here, not by send(): a backend that opens its own session also closes it
        # after one message. A no-op once the sweep's session is open.
        connection.open()
    _message(notice, connection).send()


def _claim(*, notice_ids: list[int], now: datetime) -> tuple[list[Notice], Clearance | None]:
    """Step 1: lock the rows, keep those that may go, record their attempt, commit.

    Rows sent, failed, or being sent by another worker within the lease are left alone.
    Nothing is claimed while the mail server is down and the probe is not due (WAIT): the
    waiting rows are then first in line for when it is back.
    """
    lease = timedelta(seconds=settings.PORTAL_OUTBOX_SENDING_LEASE)
    with transaction.atomic():
        rows = Notice.objects.select_for_update(skip_locked=True).filter(pk__in=notice_ids).order_by("pk")
        waiting = rows.filter(state__in=[Notice.State.PENDING, Notice.State.SENDING])
        claimed = [notice for notice in waiting if notice.state == Notice.State.PENDING or _past(notice, now - lease)]
        if not claimed:
            return [], None
        clearance = mail_server.clearance(now=now)
        pks = [notice.pk for notice in claimed]
        if clearance is Clearance.WAIT:  # paused, not refused: they go as soon as the server is back
            Notice.objects.filter(pk__in=pks, next_attempt_at__gt=now).update(next_attempt_at=now)
            return [], clearance
        in_doubt = [notice.pk for notice in claimed if notice.state == Notice.State.SENDING]
        if in_doubt:
            Notice.objects.filter(pk__in=in_doubt, in_doubt_at__isnull=True).update(in_doubt_at=now)
            logger.warning("Notices %s were found in the middle of sending; sending them again.", in_doubt)
        Notice.objects.filter(pk__in=pks).update(
            state=Notice.State.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
        )
    for notice in claimed:
        notice.state, notice.attempts, notice.last_attempt_at = Notice.State.SENDING, notice.attempts + 1, now
    return claimed, clearance


def _past(notice: Notice, moment: datetime) -> bool:
    """A row being sent whose attempt began before `moment` (or never recorded when)."""
    return notice.last_attempt_at is None or notice.last_attempt_at <= moment


def _record_sent(notices: list[Notice], *, probe: bool = False) -> None:
    """Step 3, accepted: the rows say sent (unless they did already), personal links forgotten."""
    if not notices:
        return
    with transaction.atomic():
        Notice.objects.filter(pk__in=[notice.pk for notice in notices]).exclude(state=Notice.State.SENT).update(
            state=Notice.State.SENT, sent_at=timezone.now()
        )
        for notice in notices:
            if notice.kind in Notice.KINDS_WITH_PERSONAL_LINKS:
                _forget_personal_link(notice)
                Notice.objects.filter(pk=notice.pk).update(body=notice.body, context=notice.context)
    if probe:
        mail_server.record_up()


def _release(notices: list[Notice]) -> None:
    """Claimed rows that were not tried wait again, their attempt undone (unless another worker took them)."""
    for claimed_at in {notice.last_attempt_at for notice in notices}:
        Notice.objects.filter(
            pk__in=[notice.pk for notice in notices if notice.last_attempt_at == claimed_at],
            state=Notice.State.SENDING,
            last_attempt_at=claimed_at,
        ).update(state=Notice.State.PENDING, attempts=F("attempts") - 1, next_attempt_at=timezone.now())


def _record_refusal(*, notice: Notice, error: Exception, probe: bool = False, now: datetime | None = None) -> Outcome:
    """Step 3, refused: fail at once, wait and go again, or pause everything (the server).

    The row's outcome is recorded only if it is still this attempt's (its claim's time): a
    row another worker took over meanwhile keeps that worker's outcome.
    """
    refusal = classify(error)
    text = describe(error)
    now = now or timezone.now()
    with transaction.atomic():
        row = Notice.objects.select_for_update().get(pk=notice.pk)
        if row.state != Notice.State.SENDING or row.last_attempt_at != notice.last_attempt_at:
            return Outcome.SKIPPED  # another worker took it over meanwhile: its outcome stands
        row.last_error = text
        if refusal is Refusal.PERMANENT:
            row.state, outcome = Notice.State.FAILED, Outcome.FAILED
        elif refusal is Refusal.TEMPORARY:
            row.retrying_since = row.retrying_since or now
            if now - row.retrying_since >= timedelta(days=settings.PORTAL_OUTBOX_GIVE_UP_DAYS):
                row.state, outcome = Notice.State.FAILED, Outcome.FAILED
                row.last_error = f"{text}\n" + _("Given up after %(days)s days of refusals.") % {
                    "days": settings.PORTAL_OUTBOX_GIVE_UP_DAYS
                }
            else:
                row.state, outcome = Notice.State.PENDING, Outcome.REFUSED
                row.next_attempt_at = now + retry_delay(row.attempts)
        else:
            # Not the message's fault: it never fails for it. It waits its own back-off, so that
            # a message the server chokes on is not the probe every time and others go first.
            row.state, outcome = Notice.State.PENDING, Outcome.SERVER_DOWN
            row.next_attempt_at = now + retry_delay(row.attempts)
            if may_have_arrived(error):
                row.in_doubt_at = row.in_doubt_at or now
        row.save(update_fields=["state", "last_error", "next_attempt_at", "retrying_since", "in_doubt_at"])
    if refusal is Refusal.SERVER:
        mail_server.record_down(error=text, now=now)
    elif probe:
        mail_server.record_up()  # the server answered the probe: a recipient's refusal, not an outage
    logger.warning("Notice %s: %s (%s)", notice.pk, text, outcome.value)
    return outcome


def _forget_personal_link(notice: Notice) -> None:
    """A sent invitation or reset link is nobody else's business: keep only that it was sent.

    Whoever reads the outbox (in the admin or the database) could otherwise take over the
    account while the link lasts.
    """
    with translation.override(notice.language):
        notice.body = _("This message held a personal link to set a password; it was removed once sent.")
    notice.context = {}


def retry_delay(attempts: int) -> timedelta:
    """How long a notice refused `attempts` times waits before the next attempt.

    PORTAL_OUTBOX_RETRY_SECONDS, doubling with each refusal, at most
    PORTAL_OUTBOX_RETRY_MAX_SECONDS: as mail servers do, a few minutes at first, then hours.
    """
    if attempts <= 0:
        return timedelta(0)
    seconds = settings.PORTAL_OUTBOX_RETRY_SECONDS * 2 ** min(attempts - 1, 30)
    return timedelta(seconds=min(seconds, settings.PORTAL_OUTBOX_RETRY_MAX_SECONDS))


def due_notices(*, now: datetime) -> "models.QuerySet[Notice]":
    """Waiting notices whose time has come, and notices left in doubt past the lease."""
    lease = timedelta(seconds=settings.PORTAL_OUTBOX_SENDING_LEASE)
    return Notice.objects.filter(
        Q(state=Notice.State.PENDING, next_attempt_at__lte=now)
        | Q(state=Notice.State.SENDING, last_attempt_at__lte=now - lease)
    )


def _due_chunks(*, now: datetime, batch_size: int) -> Iterator[list[int]]:
    """Ids of the due notices, a chunk at a time, in the order written.

    Walks the table by primary key, so memory holds one chunk whatever the backlog, and a
    notice that is refused in this sweep is not tried again before the next one.
    """
    last_pk = 0
    while True:
        due = due_notices(now=now).filter(pk__gt=last_pk).order_by("pk")
        chunk = list(due.values_list("pk", flat=True)[:batch_size])
        if not chunk:
            return
        last_pk = chunk[-1]
        yield chunk


def deliver_pending_notices(*, batch_size: int | None = None, now: datetime | None = None) -> dict[str, int]:
    """Deliver every due notice, a chunk at a time over one SMTP session.

    Returns how many were handled ("done": sent, or found sent or being sent by another
    worker), refused for now or for good ("failed"), and left waiting because the mail server
    is down ("paused": counted once, the sweep stops there).

    The sweep claims, sends and records RECORD_EVERY notices at a time: one commit claims
    them, each goes to the mail server, one commit records those accepted (a refusal is
    recorded at once, on its own). The window in which a copy can arise is therefore that
    group, a fraction of a second of sending; its rows come back in doubt, with the same
    Message-ID. A refusal for one recipient goes on to the next notice; only a failure of the
    server stops the sweep.
    """
    batch_size = batch_size or settings.PORTAL_OUTBOX_BATCH_SIZE
    counts = {"done": 0, "failed": 0, "paused": 0}
    for chunk in _due_chunks(now=now or timezone.now(), batch_size=batch_size):
        connection = get_connection()
        try:
            for start in range(0, len(chunk), RECORD_EVERY):
                # A sweep told the time (tests) keeps it; a real one reads the clock at each step.
                if not _deliver_group(chunk[start : start + RECORD_EVERY], connection, now, counts):
                    return counts
        finally:
            _close_quietly(connection)
    return counts


def _deliver_group(notice_ids: list[int], connection, clock: datetime | None, counts: dict[str, int]) -> bool:
    """Claim, send and record one group of the sweep; False when the sweep must stop."""
    claimed, clearance = _claim(notice_ids=notice_ids, now=clock or timezone.now())
    counts["done"] += len(notice_ids) - len(claimed) if clearance is not Clearance.WAIT else 0
    if clearance is Clearance.WAIT:
        counts["paused"] += 1
        return False
    if clearance is Clearance.PROBE:  # the probe is a message not tried yet, if any: not the one the server choked on
        claimed.sort(key=lambda notice: (notice.attempts, notice.pk))
    sent: list[Notice] = []
    # The rows are this worker's for the lease; past half of it (a very slow server) the rest
    # wait again rather than risk a take-over while they are being sent.
    deadline = time.monotonic() + settings.PORTAL_OUTBOX_SENDING_LEASE / 2
    try:
        for position, notice in enumerate(claimed):
            if time.monotonic() > deadline:
                _release(claimed[position:])
                return True
            try:
                _send(notice, connection)
            except Exception as error:  # noqa: BLE001 - every refusal is recorded on the row and classified
                probe = clearance is Clearance.PROBE and not sent
                outcome = _record_refusal(notice=notice, error=error, probe=probe, now=clock)
                counts["failed"] += 1
                if outcome is Outcome.SERVER_DOWN:
                    _release(claimed[position + 1 :])
                    return False
            else:
                sent.append(notice)
                counts["done"] += 1
                if clearance is Clearance.PROBE and len(sent) == 1:
                    mail_server.record_up()  # the probe went through: the rest goes on
    finally:
        _record_sent(sent)
    return True


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # a server that already hung up; the next chunk opens a new session
        logger.debug("Closing the SMTP session failed", exc_info=True)
