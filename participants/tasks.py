"""Periodic work of the webinars app; tasks only call services."""

from celery import shared_task

from participants.services import registration


@shared_task(acks_late=True)
def send_webinar_reminders() -> int:
    """Every ten minutes: queue the reminders due a day and an hour before each webinar.

    Running twice, or two at once late, sends nothing twice: each reminder's key names
    the registration and the kind of reminder.
    """
    return registration.send_webinar_reminders()
