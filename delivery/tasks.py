"""Periodic work of the delivery app; tasks only call services."""

from celery import shared_task

from delivery.services import survey


@shared_task(acks_late=True)
def send_feedback_surveys() -> dict:
    """Hourly: queue the feedback surveys, reminders and "recording available" messages now due.

    Safe to deliver twice or to run twice at once: each webinar is locked while it is handled
    and every message's key names the webinar and the person (delivery.services.survey).
    """
    return survey.send_due_surveys().as_dict()
