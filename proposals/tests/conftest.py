import pytest

from proposals.tests.factories import ConsultationCycleFactory, CoordinatorFactory
from webinars.tests.factories import LanguageFactory, RegionFactory


@pytest.fixture
def cycle(db):
    return ConsultationCycleFactory()


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(user__language="fr")


@pytest.fixture
def colleague(coordinator):
    """A second coordinator of the same group, who reads the portal in Arabic."""
    return CoordinatorFactory(group=coordinator.group, user__language="ar")


@pytest.fixture
def stranger(db):
    """A coordinator of another group."""
    return CoordinatorFactory()


@pytest.fixture
def french(db):
    return LanguageFactory(code="fr", name="French")


@pytest.fixture
def english(db):
    return LanguageFactory(code="en", name="English")


@pytest.fixture
def region(db):
    return RegionFactory(code="africa", name="Africa")
