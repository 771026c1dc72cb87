"""One year hands over to the next: series go on, nothing planned twice (issue 16)."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory, StaffFactory
from planning import reasons, selectors, services, solver
from planning.solver import Candidate, Rules, solve_plan
from planning.tests.factories import submitted_proposal
from proposals.models import CandidateTopic, ConsultationCycle, Proposal
from proposals.tests.factories import ConsultationCycleFactory, ProposalPartFactory
from webinars.models import Webinar
from webinars.tests.factories import SeriesFactory, WebinarFactory

pytestmark = pytest.mark.django_db
SKIPPED = "Tested without the groups."


def codes(result, candidate_id):
    return [reason.code for reason in result.verdicts[candidate_id].reasons]


def one(id, **kwargs):
    return Candidate(id=id, groups=("g1",), regions=("r1",), **kwargs)


# --- the solver alone -------------------------------------------------------------------


def test_a_part_goes_on_from_a_part_held_in_an_earlier_year_and_says_so():
    result = solve_plan([one("p3", series_key="s1", series_position=3)], Rules(held_parts=frozenset({("s1", 2)})))
    assert result.chosen_ids == ["p3"]
    reason = next(r for r in result.verdicts["p3"].reasons if r.code == solver.IN_FOLLOWS_EARLIER_PART)
    assert reason.params == {"series": "s1", "position": 2}
    text = reasons.describe(reason.as_dict(), {"series": {"s1": "AI in IP offices"}})
    assert text == "Goes on from part 2 of the series “AI in IP offices”, held or scheduled in an earlier year."


def test_a_part_whose_previous_part_is_neither_held_nor_planned_is_left_out():
    result = solve_plan([one("p4", series_key="s1", series_position=4)], Rules(held_parts=frozenset({("s1", 2)})))
    assert result.chosen_ids == []
    assert codes(result, "p4") == [solver.OUT_PREVIOUS_PART_MISSING]


def test_part_four_is_planned_after_part_three_of_the_same_plan():
    candidates = [
        one("p4", series_key="s1", series_position=4, preferred_period="q1"),
        one("p3", series_key="s1", series_position=3, preferred_period="q3"),
    ]
    result = solve_plan(candidates, Rules(held_parts=frozenset({("s1", 2)})))
    assert [slot.candidate_id for slot in result.slots] == ["p3", "p4"]


def test_a_candidate_repeating_a_held_webinar_is_left_out_with_the_earlier_webinar_named():
    result = solve_plan([one("a", held_before=(2024, "Coffee GIs"))], Rules())
    assert result.chosen_ids == []
    reason = result.verdicts["a"].reasons[0]
    assert reason.code == solver.OUT_ALREADY_HELD
    assert reasons.describe(reason.as_dict()) == "Already held in 2024: Coffee GIs."


def test_a_candidate_marked_distinct_is_planned_despite_the_earlier_webinar():
    result = solve_plan([one("a", held_before=(2024, "Coffee GIs"), is_distinct=True)], Rules())
    assert result.chosen_ids == ["a"]
    assert solver.IN_DISTINCT_FROM_EARLIER in codes(result, "a")


def test_two_candidates_on_one_candidate_topic_are_not_both_planned():
    candidates = [one("a", subjects=("topic:7",), title="A"), one("b", subjects=("topic:7",), title="B")]
    result = solve_plan(candidates, Rules(capacity=6))
    assert len(result.chosen_ids) == 1
    left = "b" if result.chosen_ids == ["a"] else "a"
    assert result.verdicts[left].reasons[0].code == solver.OUT_SAME_SUBJECT


def test_two_close_candidates_marked_distinct_are_both_planned():
    candidates = [one("a", subjects=("topic:7",)), one("b", subjects=("topic:7",), is_distinct=True)]
    assert sorted(solve_plan(candidates, Rules()).chosen_ids) == ["a", "b"]


def test_similar_candidates_are_not_both_planned():
    result = solve_plan([one("a"), one("b")], Rules(close_pairs=frozenset({("a", "b")})))
    assert len(result.chosen_ids) == 1


def test_two_proposals_for_the_same_part_of_a_series_give_one_webinar_even_when_marked_distinct():
    candidates = [
        one("x", series_key="s1", series_position=3, is_distinct=True),
        one("y", series_key="s1", series_position=3, is_distinct=True),
    ]
    result = solve_plan(candidates, Rules(held_parts=frozenset({("s1", 2)})))
    assert len(result.chosen_ids) == 1


# --- attaching a proposal to a series ---------------------------------------------------


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def cycle():
    return ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)


def held_series(parts=2, year=None):
    """A public series whose parts 1..parts were held."""
    series = SeriesFactory()
    year = year or timezone.now().year - 1
    for position in range(1, parts + 1):
        WebinarFactory(
            series=series,
            series_position=position,
            status=Webinar.Status.HELD,
            starts_at=timezone.make_aware(datetime(year, 2 + position, 10, 10)),
        )
    return series


def test_the_secretariat_attaches_a_proposal_as_the_next_part(staff, cycle):
    series = held_series()
    proposal = services.attach_to_series(actor=staff, proposal=submitted_proposal(cycle), series=series)
    assert (proposal.continues_series, proposal.series_first_part) == (series, 3)
    assert proposal.series_place == f"Part 3 of “{series.title}”"


def test_a_series_proposal_continuing_a_series_numbers_its_parts_after_it(staff, cycle):
    proposal = submitted_proposal(cycle, shape=Proposal.Shape.SERIES)
    ProposalPartFactory(proposal=proposal, position=1)
    ProposalPartFactory(proposal=proposal, position=2)
    proposal = services.attach_to_series(actor=staff, proposal=proposal, series=held_series())
    assert proposal.series_part_numbers() == [3, 4]


def test_a_part_number_that_breaks_the_order_is_refused_and_nothing_is_saved(staff, cycle):
    proposal = submitted_proposal(cycle)
    with pytest.raises(ValidationError, match="would break the order"):
        services.attach_to_series(actor=staff, proposal=proposal, series=held_series(), first_part=5)
    proposal.refresh_from_db()
    assert (proposal.continues_series_id, proposal.series_first_part, proposal.version) == (None, None, 1)


def test_part_four_may_follow_part_three_proposed_in_the_same_cycle(staff, cycle):
    series = held_series()
    services.attach_to_series(actor=staff, proposal=submitted_proposal(cycle), series=series)
    fourth = services.attach_to_series(actor=staff, proposal=submitted_proposal(cycle), series=series, first_part=4)
    assert fourth.series_first_part == 4


def test_a_series_nobody_sees_yet_cannot_be_continued(staff, cycle):
    hidden = SeriesFactory()
    WebinarFactory(series=hidden, series_position=1, status=Webinar.Status.PLANNED, starts_at=None)
    with pytest.raises(ValidationError, match="the public sees"):
        services.attach_to_series(actor=staff, proposal=submitted_proposal(cycle), series=hidden)


def test_marking_distinct_needs_a_reason(staff, cycle):
    proposal = submitted_proposal(cycle)
    with pytest.raises(ValidationError):
        services.mark_distinct(actor=staff, proposal=proposal, is_distinct=True, reason=" ")
    marked = services.mark_distinct(actor=staff, proposal=proposal, is_distinct=True, reason="For the Arab region")
    assert marked.is_distinct_from_earlier and marked.distinct_reason == "For the Arab region"


def test_the_review_page_attaches_through_its_form(client, cycle):
    reviewer = SecretariatFactory(permissions=["proposals.view_proposal", "proposals.review_proposal"])
    client.force_login(reviewer)
    series, proposal = held_series(), submitted_proposal(cycle)
    url = reverse("planning:proposal_series", args=[cycle.pk, proposal.pk])
    client.post(url, {"series": str(series.pk), "first_part": ""})
    proposal.refresh_from_db()
    assert proposal.series_first_part == 3
    page = client.get(reverse("planning:cycle_review", args=[cycle.pk])).content.decode()
    assert f"Part 3 of “{series.title}”" in page


# --- the plan and its publication ---------------------------------------------------------


def test_publishing_adds_the_webinar_to_the_existing_series_with_its_part_number(staff, cycle):
    series = held_series()
    proposal = services.attach_to_series(actor=staff, proposal=submitted_proposal(cycle), series=series)
    plan = services.start_plan(actor=staff, cycle=cycle)
    result = services.run_solver(actor=staff, plan=plan)
    assert solver.IN_FOLLOWS_EARLIER_PART in [r.code for r in result.verdicts[f"p{proposal.pk}"].reasons]
    [webinar] = services.publish_plan(actor=staff, plan=plan, consultation_skipped_reason=SKIPPED)
    assert (webinar.series, webinar.series_position) == (series, 3)
    assert list(proposal.webinars.all()) == [webinar]
    series.check_order()


def test_the_solver_leaves_out_an_adoption_of_a_topic_held_last_year_and_names_it(staff, cycle):
    held = WebinarFactory(
        status=Webinar.Status.HELD, starts_at=timezone.make_aware(datetime(cycle.target_year - 1, 3, 3, 10))
    )
    candidate = CandidateTopic.objects.create(cycle=cycle, topic=held.topic)
    proposal = submitted_proposal(cycle, kind=Proposal.Kind.ADOPTION, candidate_topic=candidate)
    plan = services.start_plan(actor=staff, cycle=cycle)
    result = services.run_solver(actor=staff, plan=plan)
    assert result.verdicts[f"p{proposal.pk}"].reasons[0].as_dict() == {
        "code": solver.OUT_ALREADY_HELD,
        "params": {"year": cycle.target_year - 1, "title": held.title},
    }
    services.mark_distinct(actor=staff, proposal=proposal, is_distinct=True, reason="Another language")
    services.run_solver(actor=staff, plan=plan)
    assert plan.entries.count() == 1


def test_a_repeat_left_out_is_told_which_earlier_webinar_it_repeats(staff, cycle):
    held = WebinarFactory(
        status=Webinar.Status.HELD, starts_at=timezone.make_aware(datetime(cycle.target_year - 1, 3, 3, 10))
    )
    candidate = CandidateTopic.objects.create(cycle=cycle, topic=held.topic)
    repeat = submitted_proposal(cycle, kind=Proposal.Kind.ADOPTION, candidate_topic=candidate)
    other = submitted_proposal(cycle, objectives="Customs enforcement at the border for small traders.")
    plan = services.start_plan(actor=staff, cycle=cycle)
    services.run_solver(actor=staff, plan=plan)
    services.publish_plan(actor=staff, plan=plan, consultation_skipped_reason=SKIPPED)
    repeat.refresh_from_db()
    other.refresh_from_db()
    assert repeat.state == Proposal.State.DECLINED
    assert repeat.decision_reason == (
        f"Not retained in the plan for {cycle.target_year}. Already held in {cycle.target_year - 1}: {held.title}."
    )
    assert other.state == Proposal.State.RETAINED


def test_the_solver_input_numbers_a_continuing_proposal_in_its_series(staff, cycle):
    series = held_series()
    proposal = services.attach_to_series(actor=staff, proposal=submitted_proposal(cycle), series=series)
    plan = services.start_plan(actor=staff, cycle=cycle)
    data = selectors.solver_input(plan)
    [candidate] = data.candidates
    assert (candidate.series_key, candidate.series_position) == (f"s{series.pk}", 3)
    assert data.rules.held_parts == {(f"s{series.pk}", 1), (f"s{series.pk}", 2)}
    assert proposal.pk == int(candidate.id[1:])


def test_the_series_page_shows_the_next_part_proposed(client, staff, cycle):
    series = held_series()
    proposal = services.attach_to_series(actor=staff, proposal=submitted_proposal(cycle), series=series)
    page = client.get(reverse("webinars:series_detail", args=[series.slug])).content.decode()
    assert "Next part proposed: part 3" in page
    assert proposal.title in page
