"""Handing a task to the broker from a web request, without the request ever waiting on it.

A request whose rows are saved must answer whatever the broker does: publishing to a Redis
that is stopped (frozen, not refusing) would otherwise wait on its socket for as long as
Redis stays frozen, and one that refuses would be retried for every message. So each
process has one publisher thread, started at its first hand-over (after gunicorn or Celery
forked it), and a request only puts the task in that thread's queue:
- the publisher makes one try per task (no retries: the sweep is the retry), and waits at
  most PORTAL_BROKER_PUBLISH_TIMEOUT seconds (about one) for the broker;
- after a publish that failed or did not finish in time, it drops what it holds and takes
  nothing for PORTAL_BROKER_PAUSE_SECONDS;
- the queue is bounded (MOST_WAITING): past it, hand-overs are dropped, never waited for;
- at exit, a short-lived process (a management command) gives the queue that long to drain.
What is not handed over is not lost: the row that needed the task (an outbox message) is
saved, and the periodic sweep does the work (outbox.tasks.send_pending_notices).
"""

import atexit
import logging
import os
import queue
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)

MOST_WAITING = 10_000

_lock = threading.Lock()
_waiting: queue.Queue | None = None
_owner_pid: int | None = None
_paused_until = 0.0


def hand_over(task, *args) -> bool:
    """Queue `task(*args)` for the broker; False when it was dropped (the sweep will do the work).

    With tasks run in-process (no broker: `make run`, the tests), the task runs here and now.
    """
    if task.app.conf.task_always_eager:
        task.delay(*args)
        return True
    if time.monotonic() < _paused_until:
        return False
    try:
        _publisher().put_nowait((task, args))
    except queue.Full:
        logger.warning("The hand-over queue is full; %s%s is left to the periodic sweep.", task.name, args)
        return False
    return True


def _publisher() -> queue.Queue:
    """This process's queue, and its publisher thread (a new one after a fork)."""
    global _waiting, _owner_pid
    with _lock:
        if _waiting is None or _owner_pid != os.getpid():
            _waiting, _owner_pid = queue.Queue(maxsize=MOST_WAITING), os.getpid()
            threading.Thread(target=_publish_forever, args=(_waiting,), name="broker hand-over", daemon=True).start()
        return _waiting


def _publish_forever(waiting: queue.Queue) -> None:
    while True:
        task, args = waiting.get()
        try:
            if time.monotonic() >= _paused_until and not _publish(task, args):
                _pause(waiting)
        finally:
            waiting.task_done()


_hanging: threading.Thread | None = None


def _publish(task, args) -> bool:
    """One try, bounded in time; a broker that hangs is left hanging in a thread of its own.

    While that thread still hangs, nothing else is tried: at most one thread per process ever
    waits on a frozen broker.
    """
    global _hanging
    if _hanging is not None and _hanging.is_alive():
        logger.warning("The broker still does not answer; %s%s is left to the periodic sweep.", task.name, args)
        return False
    finished = threading.Event()
    failure: list[BaseException] = []

    def publish() -> None:
        try:
            task.apply_async(args, retry=False)
        except Exception as error:  # noqa: BLE001 - whatever the broker says, nothing waits on it
            failure.append(error)
        finally:
            finished.set()

    publisher = threading.Thread(target=publish, name=f"publish {task.name}", daemon=True)
    publisher.start()
    if finished.wait(settings.PORTAL_BROKER_PUBLISH_TIMEOUT) and not failure:
        return True
    if not finished.is_set():
        _hanging = publisher
    reason = f"{type(failure[0]).__name__}: {failure[0]}" if failure else "no answer in time"
    logger.warning("Could not hand %s%s to the broker (%s); the periodic sweep will do it.", task.name, args, reason)
    return False


def _pause(waiting: queue.Queue) -> None:
    """Take nothing for a while, and drop what waits: the sweep sends it."""
    global _paused_until
    _paused_until = time.monotonic() + settings.PORTAL_BROKER_PAUSE_SECONDS
    dropped = 0
    while True:
        try:
            waiting.get_nowait()
        except queue.Empty:
            break
        waiting.task_done()
        dropped += 1
    if dropped:
        logger.warning("Left %s hand-overs to the periodic sweep while the broker does not answer.", dropped)


def drain(timeout: float | None = None) -> bool:
    """Wait (at most `timeout` seconds) until this process's queue is handed over; True when it is."""
    waiting = _waiting
    if waiting is None or _owner_pid != os.getpid():
        return True
    if timeout is None:  # long enough for one publish to finish or time out, and the queue to be dropped
        timeout = 2 * settings.PORTAL_BROKER_PUBLISH_TIMEOUT
    deadline = time.monotonic() + timeout
    while waiting.unfinished_tasks and time.monotonic() < deadline:
        time.sleep(0.01)
    return not waiting.unfinished_tasks


def resume() -> None:
    """Forget an earlier failure (tests; a process that knows the broker is back)."""
    global _paused_until
    _paused_until = 0.0


atexit.register(drain)
