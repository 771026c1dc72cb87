"""The project's own tasks: thin callers of the functions that do the work (portal.backups)."""

import logging

from celery import shared_task

from portal import backups

logger = logging.getLogger(__name__)


@shared_task(name="portal.nightly_backup", ignore_result=True)
def nightly_backup() -> str:
    """Every night (beat, 02:30 UTC): back up the database and the uploads, then prune beyond PORTAL_BACKUP_KEEP.

    Delivered twice (a worker lost mid-backup), it makes one more archive; pruning keeps the count.
    A failed backup prunes nothing and fails the task, so the worker's log shows it.
    """
    run = backups.back_up()
    logger.info("Nightly backup %s; %d old archive(s) removed", run.archive.path.name, len(run.pruned))
    return str(run.archive.path)
