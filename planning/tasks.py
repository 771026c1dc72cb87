from celery import shared_task

from planning.consultation import advance_comment_periods


@shared_task(acks_late=True)
def advance_plan_comment_periods() -> list[str]:
    """Hourly: remind the groups that have not commented on a shared draft plan, and close its period.

    Safe to deliver twice or to run twice at once: each plan is locked while it moves and
    every notice has a unique key (planning.consultation).
    """
    return advance_comment_periods()
