import pytest

from outbox.testing import in_process_tasks  # noqa: F401  (a fixture)


@pytest.fixture(autouse=True)
def _deliver_in_process(in_process_tasks):  # noqa: F811
    """The outbox's own tests read the in-memory mail box, with or without a broker."""
