"""The tasks that send the outbox: thin callers of outbox.delivery (which never imports them)."""

from celery import shared_task

from outbox import delivery


@shared_task(bind=True, acks_late=True, max_retries=delivery.MAX_ATTEMPTS - 1)
def deliver_notice_task(self, notice_id: int) -> None:
    """Send one notice; a refusal is retried later, each wait twice the one before.

    Acknowledged only once done (acks_late): a worker killed while sending leaves the
    task to the next worker, and the row lock and state make sure nothing goes twice.
    """
    try:
        delivery.deliver_notice(notice_id=notice_id)
    except delivery.DeliveryFailed as failure:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            return  # the row records the failure; the sweep or the Secretariat's "resend" takes over
        delay = delivery.retry_delay(self.request.retries + 1).total_seconds()
        raise self.retry(countdown=delay, exc=failure) from failure


@shared_task(acks_late=True)
def send_pending_notices() -> int:
    """Every five minutes: deliver what the on-commit hand-off missed (broker down, worker lost).

    Safe at any time and any number of times, even two at once: each notice is locked
    while it is sent and a sent one is never sent again. Killed midway, the task is
    delivered again (late acknowledgement) and sends the rest.
    """
    counts = delivery.deliver_pending_notices()
    return counts["done"] + counts["failed"]
