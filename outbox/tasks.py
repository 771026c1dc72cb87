"""The tasks that send the outbox: thin callers of outbox.delivery (which never imports them)."""

import logging

from celery import shared_task
from django.db import transaction

from outbox import delivery, error_reports

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def deliver_notice_task(notice_id: int) -> str:
    """Send one notice as soon as the change that wrote it commits.

    One attempt only: a refusal is recorded on the row with the time of its next attempt,
    which the sweep makes (one place decides when to try again). Acknowledged once done
    (acks_late): a worker killed while sending leaves the task to the next worker, and the
    row's claim decides whether it goes again (outbox.delivery).
    """
    return delivery.deliver_notice(notice_id=notice_id).value


@shared_task(acks_late=True)
def send_pending_notices() -> int:
    """Every minute: deliver what is due (retries, what the hand-off missed, rows in doubt).

    Safe at any time and any number of times, even two at once: each notice is claimed
    under a lock and a sent one is never sent again. Killed midway, the task is delivered
    again (late acknowledgement) and sends the rest.
    """
    counts = delivery.deliver_pending_notices()
    return counts["done"] + counts["failed"]


@shared_task(ignore_result=True)
def report_error(signature: str, summary: str, where: str, details: str) -> None:
    """Write the administrators' error report (outbox.error_reports) in the worker's transaction.

    Its own failure is logged as a warning, never an error: an error would report itself again.
    """
    try:
        with transaction.atomic():
            error_reports.queue_error_report(signature=signature, summary=summary, where=where, details=details)
    except Exception:  # noqa: BLE001 - see above
        logger.warning("Could not write the error report %s", signature, exc_info=True)
