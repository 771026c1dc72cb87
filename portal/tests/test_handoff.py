"""Handing tasks to the broker: a request never waits on it, and a broker that fails is left alone a while."""

import threading
from types import SimpleNamespace

import pytest

from portal import handoff


class FakeTask:
    """A Celery task's face as the hand-over sees it: a name, its app's eagerness, apply_async."""

    def __init__(self, *, eager=False, behaviour=None):
        self.name = "fake.task"
        self.app = SimpleNamespace(conf=SimpleNamespace(task_always_eager=eager))
        self.published: list[tuple] = []
        self.ran: list[tuple] = []
        self.behaviour = behaviour

    def delay(self, *args):
        self.ran.append(args)

    def apply_async(self, args, retry=True):
        assert retry is False  # one try: the outbox sweep is the retry
        if self.behaviour:
            self.behaviour()
        self.published.append(tuple(args))


@pytest.fixture(autouse=True)
def _quick(settings):
    settings.PORTAL_BROKER_PUBLISH_TIMEOUT = 0.2
    settings.PORTAL_BROKER_PAUSE_SECONDS = 30
    handoff.resume()
    yield
    handoff.drain(2)
    handoff.resume()


def test_with_tasks_in_process_the_task_runs_at_once():
    task = FakeTask(eager=True)

    assert handoff.hand_over(task, 7) is True
    assert task.ran == [(7,)] and task.published == []


def test_a_hand_over_only_queues_and_the_publisher_thread_publishes():
    task = FakeTask()

    assert handoff.hand_over(task, 1) and handoff.hand_over(task, 2)
    assert handoff.drain(2)

    assert task.published == [(1,), (2,)]


def test_a_frozen_broker_holds_neither_the_request_nor_more_than_one_thread_and_pauses_the_hand_overs():
    release = threading.Event()
    frozen = FakeTask(behaviour=lambda: release.wait(10))
    try:
        assert handoff.hand_over(frozen, 1) is True  # queued: the request goes on...
        assert frozen.published == []  # ...while the broker has not answered
        handoff.drain(2)  # the publisher gave up after PORTAL_BROKER_PUBLISH_TIMEOUT and paused

        assert handoff.hand_over(frozen, 2) is False  # paused: left to the sweep at once
        handoff.resume()
        assert handoff.hand_over(frozen, 3) is True
        handoff.drain(2)  # the first publish still hangs: the next one is not even tried
        hanging = [t for t in threading.enumerate() if t.name == "publish fake.task" and t.is_alive()]
        assert len(hanging) == 1
    finally:
        release.set()


def test_a_refusing_broker_pauses_the_hand_overs_until_resumed():
    def refuse():
        raise ConnectionRefusedError(111, "Connection refused")

    task = FakeTask(behaviour=refuse)
    handoff.hand_over(task, 1)
    handoff.drain(2)

    assert handoff.hand_over(task, 2) is False
    handoff.resume()
    task.behaviour = None
    assert handoff.hand_over(task, 3) is True
    handoff.drain(2)
    assert task.published == [(3,)]
