import pytest

from planning.tests.factories import ProposalMergeFactory, SynergySuggestionFactory

pytestmark = pytest.mark.django_db


def test_merge_and_suggestion_factories_make_valid_rows():
    merge = ProposalMergeFactory()
    suggestion = SynergySuggestionFactory()
    assert merge.members.get().cycle == merge.cycle
    assert suggestion.proposals.count() == 2
