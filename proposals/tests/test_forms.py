import pytest
from django.http import QueryDict

from proposals.forms import AdoptCandidateTopicsForm, ProposalForm, ProposalPartFormSet, rearranged_parts_data
from proposals.models import Proposal
from proposals.tests.factories import CandidateTopicFactory, ProposalFactory, ProposalPartFactory

pytestmark = pytest.mark.django_db


def parts_data(rows, *, initial=0):
    data = {
        "parts-TOTAL_FORMS": str(len(rows)),
        "parts-INITIAL_FORMS": str(initial),
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "12",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"parts-{index}-{name}"] = value
    return data


def test_nothing_is_required_for_a_draft():
    form = ProposalForm({"title": "", "objectives": ""})

    assert form.is_valid(), form.errors


def test_a_new_line_counts_as_one_character_as_in_the_browser():
    text = "a\r\n" * 2500  # 5,000 characters in the text box, 7,500 bytes as sent

    form = ProposalForm({"title": "T", "objectives": text})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["objectives"] == ("a\n" * 2500).strip()


@pytest.mark.parametrize("title", ["Patents\nand designs", "Patents\r\nand designs", "Patents\x0band\x07 designs"])
def test_a_title_is_kept_on_one_line_without_control_characters(title):
    form = ProposalForm({"title": title, "objectives": "Line one\nLine two"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Patents and designs"
    assert form.cleaned_data["objectives"] == "Line one\nLine two"


def test_a_part_title_is_kept_on_one_line_without_control_characters():
    formset = ProposalPartFormSet(
        parts_data([{"title": "First\r\npart\x0c", "ORDER": "1"}]), instance=ProposalFactory(), prefix="parts"
    )

    assert formset.is_valid(), formset.errors
    assert [part["title"] for part in formset.parts()] == ["First part"]


def test_the_limit_message_names_the_limit():
    form = ProposalForm({"title": "T", "comment": "c" * 5001})

    assert form.errors["comment"] == ["At most 5,000 characters, please (this text has 5,001)."]


def test_an_adopted_topic_has_no_shape_to_choose():
    assert "shape" not in ProposalForm(kind=Proposal.Kind.ADOPTION).fields
    assert "shape" in ProposalForm().fields


def test_the_form_carries_the_version_it_was_loaded_with():
    proposal = ProposalFactory(version=7)

    assert ProposalForm(instance=proposal)["version"].value() == 7


def test_parts_come_out_in_the_order_of_their_numbers_and_blank_ones_are_dropped():
    proposal = ProposalFactory(shape=Proposal.Shape.SERIES)
    formset = ProposalPartFormSet(
        parts_data(
            [
                {"title": "Second", "ORDER": "2"},
                {"title": "First", "ORDER": "1"},
                {"title": "", "objectives": "", "ORDER": "3"},
            ]
        ),
        instance=proposal,
        prefix="parts",
    )

    assert formset.is_valid(), formset.errors
    assert [part["title"] for part in formset.parts()] == ["First", "Second"]


def test_a_removed_part_is_left_out():
    proposal = ProposalFactory(shape=Proposal.Shape.SERIES)
    first = ProposalPartFactory(proposal=proposal, position=1, title="First")
    second = ProposalPartFactory(proposal=proposal, position=2, title="Second")
    data = parts_data(
        [
            {"id": str(first.pk), "proposal": str(proposal.pk), "title": "First", "ORDER": "1", "DELETE": "on"},
            {"id": str(second.pk), "proposal": str(proposal.pk), "title": "Second", "ORDER": "2"},
        ],
        initial=2,
    )

    formset = ProposalPartFormSet(data, instance=proposal, prefix="parts")

    assert formset.is_valid(), formset.errors
    assert formset.parts() == [{"id": second.pk, "title": "Second", "objectives": ""}]


@pytest.mark.parametrize("order", ["0", "3", "-1", "999"])
def test_a_part_number_out_of_range_is_refused(order):
    formset = ProposalPartFormSet(
        parts_data([{"title": "A", "ORDER": order}, {"title": "B", "ORDER": "1"}]),
        instance=ProposalFactory(),
        prefix="parts",
    )

    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Part moved out of range: give each part a number from 1 to 2."]


def test_a_part_of_another_proposal_is_never_named_to_the_service():
    foreign = ProposalPartFactory(position=1)
    proposal = ProposalFactory()
    data = parts_data([{"id": str(foreign.pk), "proposal": str(proposal.pk), "title": "Stolen", "ORDER": "1"}])
    data["parts-INITIAL_FORMS"] = "1"

    formset = ProposalPartFormSet(data, instance=proposal, prefix="parts")

    assert formset.is_valid(), formset.errors
    assert formset.parts() == [{"id": None, "title": "Stolen", "objectives": ""}]


def querydict(data):
    result = QueryDict(mutable=True)
    result.update(data)
    return result


def test_up_swaps_a_part_with_the_one_before():
    data = querydict(
        parts_data([{"title": "A", "ORDER": "1"}, {"title": "B", "ORDER": "2"}, {"title": "C", "ORDER": "3"}])
    )

    moved = rearranged_parts_data(data, "parts", move="2:up")

    assert [moved[f"parts-{i}-ORDER"] for i in range(3)] == ["1", "3", "2"]


def test_the_first_part_cannot_go_further_up_and_a_forged_index_changes_nothing():
    data = querydict(parts_data([{"title": "A", "ORDER": "1"}, {"title": "B", "ORDER": "2"}]))

    assert rearranged_parts_data(data, "parts", move="0:up")["parts-0-ORDER"] == "1"
    forged = rearranged_parts_data(data, "parts", move="99:down")
    assert [forged["parts-0-ORDER"], forged["parts-1-ORDER"]] == ["1", "2"]


def test_add_a_part_makes_room_for_one_more():
    data = querydict(parts_data([{"title": "A", "ORDER": "1"}]))

    added = rearranged_parts_data(data, "parts", add=True)

    assert added["parts-TOTAL_FORMS"] == "2"
    assert added["parts-1-ORDER"] == "2"


def test_adopting_as_drafts_needs_no_language(cycle):
    candidate = CandidateTopicFactory(cycle=cycle)

    form = AdoptCandidateTopicsForm(
        {"candidate_topics": [candidate.pk], "preferred_period": "any"}, cycle=cycle, submitting=False
    )

    assert form.is_valid(), form.errors


def test_adopting_and_submitting_needs_a_language_and_a_region(cycle):
    candidate = CandidateTopicFactory(cycle=cycle)

    form = AdoptCandidateTopicsForm(
        {"candidate_topics": [candidate.pk], "preferred_period": "any"}, cycle=cycle, submitting=True
    )

    assert not form.is_valid()
    assert form.errors["languages"] == ["Choose at least one language."]
    assert form.errors["regions"] == ["Choose at least one target region."]


def test_already_adopted_topics_are_not_offered(cycle):
    adopted, free = CandidateTopicFactory.create_batch(2, cycle=cycle)

    form = AdoptCandidateTopicsForm(cycle=cycle, adopted_candidate_ids={adopted.pk})

    assert list(form.fields["candidate_topics"].queryset) == [free]
