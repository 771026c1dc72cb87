"""Periodic work of the webinars app; tasks only call services."""

from celery import shared_task

from participants.services import digest, registration


@shared_task(acks_late=True)
def send_webinar_reminders() -> int:
    """Every ten minutes: queue the reminders due a day and an hour before each webinar.

    Running twice, or two at once late, sends nothing twice: each reminder's key names
    the registration and the kind of reminder.
    """
    return registration.send_webinar_reminders()


@shared_task(acks_late=True)
def send_network_digest() -> int:
    """Every day: queue the network digest to the members it is due to (every PORTAL_DIGEST_DAYS).

    Running twice, or two at once, sends nothing twice: the service locks the members it
    reads, sets when each had their digest in the same transaction, and each message's key
    names the member and the period.
    """
    return digest.send_network_digest()
