"""The demo's member states, delegates and their requests: one taken into an answer, one declined."""

from io import StringIO

import pytest
from django.core.management import call_command

from proposals.models import Delegate, StateRequest
from webinars.models import MemberState

pytestmark = pytest.mark.django_db


def test_the_demo_has_delegates_and_a_request_taken_and_one_declined():
    out = StringIO()
    call_command("load_demo", stdout=out)

    assert "user delegate-kenya" in out.getvalue()
    assert set(Delegate.objects.values_list("member_state__code", flat=True)) == {"KE", "BR"}
    taken = StateRequest.objects.get(state=StateRequest.State.TAKEN)
    declined = StateRequest.objects.get(state=StateRequest.State.DECLINED)
    assert taken.member_state.code == "KE"
    assert taken.proposal.member_states.filter(code="KE").exists()
    assert taken.proposal.group == taken.member_state.group
    assert declined.decline_reason and declined.decided_by.coordinator.group == declined.member_state.group
    assert MemberState.objects.get(code="CN").group.code == "china"
