import pytest
from django.db import IntegrityError, transaction

from participants.models import NetworkMember
from participants.tests.factories import NetworkMemberFactory

pytestmark = pytest.mark.django_db


def test_network_address_is_unique_whatever_its_case():
    NetworkMemberFactory(email="Someone@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkMember.objects.create(email="someone@example.org")


def test_confirmed_network_member_needs_a_confirmation_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkMemberFactory(state=NetworkMember.State.CONFIRMED, confirmed_at=None)
