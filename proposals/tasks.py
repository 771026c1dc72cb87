from celery import shared_task

from proposals.cycle import advance_cycles


@shared_task(acks_late=True)
def advance_consultation_cycles() -> list[dict]:
    """Hourly: prepare, open, remind and close consultation cycles from the dates they hold.

    Safe to deliver twice or to run twice at once: each cycle is locked while it moves
    and every notice has a unique key (proposals.cycle).
    """
    return [{**step.__dict__, "notices": list(step.notices)} for step in advance_cycles()]
