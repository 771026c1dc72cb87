from celery import shared_task

from proposals.services import advance_cycles


@shared_task(acks_late=True)
def advance_consultation_cycles() -> list[dict]:
    """Hourly: move every consultation cycle forward from the dates it holds."""
    return [step.__dict__ for step in advance_cycles()]
