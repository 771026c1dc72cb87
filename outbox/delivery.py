"""Sending what the outbox holds: only the sending tasks call this.

Each notice is locked while it is sent, and a sent notice is never sent again, so a task
that runs twice, or two workers at once, change nothing. A refusal of the mail server is
recorded on the row and the notice is tried again later, each wait longer than the one
before, until MAX_ATTEMPTS; then it waits for the Secretariat's "resend".
"""

import hashlib
import logging
import re
from collections.abc import Iterator
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import SafeMIMEText
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from outbox.models import Notice

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


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
    commit that records it; the stable id lets the recipient's server recognise it.
    """
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(notice.key.encode()).hexdigest()[:16]
    return f"<notice-{notice.pk}.{digest}@{domain}>"


class DeliveryFailed(Exception):
    """The mail server refused the notice; it stays in the outbox for the next attempt."""


def deliver_notice(*, notice_id: int, connection=None) -> Notice | None:
    """Send one notice unless it was sent already; record the outcome on the row.

    The row is locked while it is sent, so two workers never send it twice; a row that
    another worker holds is skipped (that worker sends it). A refusal is recorded and
    raised as DeliveryFailed so the task retries with growing back-off. A mail server that
    times out (EMAIL_TIMEOUT) counts as a refusal. `connection` lets a batch share one
    SMTP session.
    """
    error = None
    with transaction.atomic():
        notice = Notice.objects.select_for_update(skip_locked=True).filter(pk=notice_id).first()
        if notice is None or notice.state == Notice.State.SENT:
            return notice
        notice.attempts += 1
        notice.last_attempt_at = timezone.now()
        try:
            if connection is not None:
                # Opened here, not by send(): a backend that opens its own session also
                # closes it after one message. A no-op once the batch's session is open.
                connection.open()
            _message(notice, connection).send()
        except Exception as exc:  # any refusal of the mail server, recorded on the row
            error = exc
            notice.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            notice.state = Notice.State.FAILED if notice.attempts >= MAX_ATTEMPTS else Notice.State.PENDING
            notice.save(update_fields=["attempts", "last_attempt_at", "last_error", "state"])
        else:
            notice.state = Notice.State.SENT
            notice.sent_at = timezone.now()
            fields = ["attempts", "last_attempt_at", "state", "sent_at"]
            if notice.kind in Notice.KINDS_WITH_PERSONAL_LINKS:
                _forget_personal_link(notice)
                fields += ["body", "context"]
            notice.save(update_fields=fields)
    if error is not None:
        raise DeliveryFailed(notice.last_error) from error
    return notice


def _forget_personal_link(notice: Notice) -> None:
    """A sent invitation or reset link is nobody else's business: keep only that it was sent.

    Whoever reads the outbox (in the admin or the database) could otherwise take over the
    account while the link lasts.
    """
    with translation.override(notice.language):
        notice.body = _("This message held a personal link to set a password; it was removed once sent.")
    notice.context = {}


def retry_delay(attempts: int) -> timezone.timedelta:
    """How long a notice that failed `attempts` times rests before the sweep tries again."""
    if attempts <= 0:
        return timezone.timedelta(0)
    return timezone.timedelta(seconds=min(settings.PORTAL_OUTBOX_RETRY_SECONDS * 2 ** (attempts - 1), 3600))


def _due_chunks(*, older_than_seconds: int, batch_size: int) -> Iterator[list[int]]:
    """Ids of pending notices due for an attempt, a chunk at a time, in the order written.

    Walks the table by primary key, so memory holds one chunk whatever the backlog, and a
    notice that fails in this sweep is not tried again before the next one.
    """
    now = timezone.now()
    cutoff = now - timezone.timedelta(seconds=older_than_seconds)
    last_pk = 0
    while True:
        rows = list(
            Notice.objects.filter(state=Notice.State.PENDING, created_at__lte=cutoff, pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", "attempts", "last_attempt_at")[:batch_size]
        )
        if not rows:
            return
        last_pk = rows[-1][0]
        due = [pk for pk, attempts, tried_at in rows if tried_at is None or tried_at + retry_delay(attempts) <= now]
        if due:
            yield due


def deliver_pending_notices(
    *, older_than_seconds: int = 60, batch_size: int | None = None, max_failures_in_a_row: int = 3
) -> dict[str, int]:
    """Deliver every pending notice that is due, a chunk at a time over one SMTP session.

    Returns how many were handled ("done": sent, or found sent or held by another
    worker) and how many the mail server refused ("failed").

    Each notice is still locked, sent and recorded on its own (deliver_notice), so a sweep
    that dies midway loses nothing and the next sweep sends the rest. When the mail server
    refuses several in a row it is probably down: the sweep stops rather than spend every
    notice's attempts, and the next sweep tries again.
    """
    batch_size = batch_size or settings.PORTAL_OUTBOX_BATCH_SIZE
    counts = {"done": 0, "failed": 0}
    failures_in_a_row = 0
    for chunk in _due_chunks(older_than_seconds=older_than_seconds, batch_size=batch_size):
        connection = get_connection()
        try:
            for notice_id in chunk:
                try:
                    deliver_notice(notice_id=notice_id, connection=connection)
                except DeliveryFailed:
                    counts["failed"] += 1
                    failures_in_a_row += 1
                    _close_quietly(connection)  # a fresh session for the next one
                    if failures_in_a_row >= max_failures_in_a_row:
                        return counts
                else:
                    counts["done"] += 1
                    failures_in_a_row = 0
        finally:
            _close_quietly(connection)
    return counts


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # a server that already hung up; the next chunk opens a new session
        logger.debug("Closing the SMTP session failed", exc_info=True)
