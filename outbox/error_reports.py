"""Errors reach the administrators by e-mail, through the outbox, never slowing the request.

Django's own AdminEmailHandler sends inside the failing request, over SMTP: a mail server
that is slow or down then holds the request for EMAIL_TIMEOUT, and the message is lost if
it refuses. Here the log handler only hands a short report to a task (portal.handoff:
bounded, never raising); the task writes one outbox message per address of ADMINS, in the
worker's own transaction, and the outbox delivers it like any other message (retries, the
server's brake). The same error (same place, same exception) is mailed at most once per
REPORT_WINDOW_MINUTES; every occurrence stays in the logs.
"""

import hashlib
import logging
import time
import traceback

from django.conf import settings
from django.utils import timezone

REPORT_WINDOW_MINUTES = 10
_LONGEST_DETAILS = 20_000
_recently_reported: dict[str, float] = {}


class ErrorReportHandler(logging.Handler):
    """A log handler (level ERROR) that reports to the administrators through the outbox."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if not settings.ADMINS:
                return
            signature = error_signature(record)
            now = time.monotonic()
            if now - _recently_reported.get(signature, -1e9) < REPORT_WINDOW_MINUTES * 60:
                return  # this process reported it a moment ago: the logs hold the rest
            from outbox.tasks import report_error
            from portal.handoff import hand_over

            # While the broker does not take it, the report stays in the logs only, and the
            # next occurrence tries again.
            if hand_over(report_error, signature, *describe(record)):
                if len(_recently_reported) > 1000:
                    _recently_reported.clear()
                _recently_reported[signature] = now
        except Exception:  # noqa: BLE001 - reporting an error must never raise one
            self.handleError(record)


def error_signature(record: logging.LogRecord) -> str:
    """The same error in the same place gives the same signature, whatever the details."""
    place = f"{record.name}:{record.pathname}:{record.lineno}"
    if record.exc_info and record.exc_info[0] is not None:
        frames = traceback.extract_tb(record.exc_info[2])
        innermost = frames[-1] if frames else None
        where = f"{innermost.filename}:{innermost.lineno}" if innermost else ""
        place += f":{record.exc_info[0].__name__}:{where}"
    else:
        place += f":{record.msg}"
    return hashlib.sha256(place.encode()).hexdigest()[:16]


def describe(record: logging.LogRecord) -> tuple[str, str, str]:
    """(summary, where, details) of a record: its message, its logger and its traceback.

    A failed page is named by its method and URL pattern (``survey/<str:token>/``), never by
    its path: paths carry personal signed links (survey, invitation, cancellation), and the
    report is kept in the outbox. No body, cookie or query string is reported.
    """
    message = record.getMessage()
    request = getattr(record, "request", None)
    if request is not None:
        match = getattr(request, "resolver_match", None)
        page = f"{request.method} /{match.route}" if match is not None and match.route else f"{request.method} ?"
        message = message.replace(request.path, page.split(" ", 1)[1])
        summary = f"{getattr(record, 'status_code', '') or record.levelname} {page}".strip()
    else:
        summary = " ".join(message.split())[:150]
    details = message
    if record.exc_info:
        details += "\n\n" + "".join(traceback.format_exception(*record.exc_info))
    return summary, record.name, details[-_LONGEST_DETAILS:]


def queue_error_report(*, signature: str, summary: str, where: str, details: str) -> int:
    """One message per administrator for this error in this window; how many were written."""
    from outbox.models import Notice
    from outbox.services import queue_notice

    now = timezone.now()
    window = int(now.timestamp() // (REPORT_WINDOW_MINUTES * 60))
    context = {
        "summary": summary,
        "at": now.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "where": where,
        "minutes": REPORT_WINDOW_MINUTES,
        "details": details,
    }
    for _name, address in settings.ADMINS:
        queue_notice(
            kind=Notice.Kind.ERROR_REPORT,
            to=address,
            language="en",
            key=f"error:{signature}:{window}:{address}"[:200],
            context=context,
        )
    return len(settings.ADMINS)
