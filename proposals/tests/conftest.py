import pytest
from django.utils import translation

from proposals.tests.factories import ConsultationCycleFactory, CoordinatorFactory
from webinars.tests.factories import LanguageFactory, RegionFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users are made by the dozen here; their passwords need no real hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_by_default():
    """A request under /fr/ leaves French active in the test thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.deactivate()


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
