"""Carry-over without ghosts: a retained proposal comes back only while no webinar answered it.

"Became a webinar" is what planning's publication records on the proposal (Proposal.webinars);
these tests write that record as planning does, and planning/tests checks that publishing writes it.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from proposals.cycle import _carried_over, advance_cycles
from proposals.models import CandidateTopic, ConsultationCycle, Proposal
from proposals.tests.factories import CandidateTopicFactory, ConsultationCycleFactory, ProposalFactory
from webinars.models import Webinar
from webinars.tests.factories import SeriesFactory, TopicFactory, WebinarFactory

pytestmark = pytest.mark.django_db
GENEVA = ZoneInfo("Europe/Zurich")


@pytest.fixture(autouse=True)
def cycle_settings(settings):
    settings.PORTAL_CYCLE_PREPARE_ON = "07-01"
    settings.PORTAL_CYCLE_OPENS_ON = "09-01"
    settings.PORTAL_CYCLE_DEADLINE_ON = "10-31"
    settings.PORTAL_SECRETARIAT_EMAILS = []


@pytest.fixture
def last_year():
    return ConsultationCycleFactory(target_year=2030, state=ConsultationCycle.State.DECIDED)


def retained(cycle, **kwargs):
    return ProposalFactory(
        created_by__password="!",
        cycle=cycle,
        state=kwargs.pop("state", Proposal.State.RETAINED),
        submitted_at=datetime(2029, 10, 1, tzinfo=GENEVA),
        **kwargs,
    )


def offered_titles(year=2031):
    return [str(item[0].title) for item in _carried_over(year)]


@pytest.mark.parametrize(
    "status", [Webinar.Status.TO_BE_SCHEDULED, Webinar.Status.SCHEDULED, Webinar.Status.HELD], ids=str
)
def test_an_own_proposal_that_became_a_webinar_is_never_offered_again(last_year, status):
    proposal = retained(last_year, title="Mediation for SMEs")
    proposal.webinars.add(WebinarFactory(status=status))
    assert offered_titles() == []


def test_an_own_proposal_whose_webinar_was_cancelled_comes_back(last_year):
    proposal = retained(last_year, title="Mediation for SMEs")
    proposal.webinars.add(WebinarFactory(status=Webinar.Status.CANCELLED, starts_at=None))
    assert offered_titles() == ["Mediation for SMEs"]


def test_a_retained_proposal_not_planned_is_offered_once_with_where_it_came_from(last_year):
    proposal = retained(last_year, title="Mediation for SMEs")
    advance_cycles(at=datetime(2030, 7, 2, tzinfo=GENEVA))
    [candidate] = CandidateTopic.objects.filter(cycle__target_year=2031, source=CandidateTopic.Source.CARRIED_OVER)
    assert candidate.topic.title == "Mediation for SMEs"
    assert candidate.note == f"{proposal.group.name}, 2030: Mediation for SMEs"


def test_an_adopted_topic_that_became_a_webinar_is_not_offered_again(last_year):
    topic = TopicFactory(title="Coffee GIs")
    adoption = retained(
        last_year,
        kind=Proposal.Kind.ADOPTION,
        candidate_topic=CandidateTopicFactory(cycle=last_year, topic=topic),
        title="Coffee GIs",
    )
    adoption.webinars.add(WebinarFactory(topic=topic, status=Webinar.Status.TO_BE_SCHEDULED, starts_at=None))
    assert offered_titles() == []


def test_an_adopted_topic_not_planned_is_offered_again(last_year):
    topic = TopicFactory(title="Coffee GIs")
    retained(
        last_year,
        kind=Proposal.Kind.ADOPTION,
        candidate_topic=CandidateTopicFactory(cycle=last_year, topic=topic),
        title="Coffee GIs",
    )
    assert offered_titles() == ["Coffee GIs"]


def test_merged_proposals_are_not_offered_and_their_planned_lead_neither(last_year):
    lead = retained(last_year, title="Measuring impact")
    retained(last_year, title="Evaluating assistance", state=Proposal.State.MERGED)
    webinar = WebinarFactory(status=Webinar.Status.HELD)
    lead.webinars.add(webinar)
    assert offered_titles() == []


def test_a_part_left_out_comes_back_as_that_part_of_its_series(last_year):
    series = SeriesFactory(title="AI in IP offices")
    proposal = retained(last_year, title="AI in IP offices", shape=Proposal.Shape.SERIES)
    for position in (1, 2, 3):
        proposal.parts.create(position=position, title=f"Step {position}")
    for position in (1, 2):
        proposal.webinars.add(WebinarFactory(series=series, series_position=position, status=Webinar.Status.HELD))
    [(topic, source, _note, carried_series, part)] = _carried_over(2031)
    assert (str(topic.title), source, carried_series, part) == (
        "AI in IP offices: Step 3",
        CandidateTopic.Source.CARRIED_OVER,
        series,
        3,
    )
    advance_cycles(at=datetime(2030, 7, 2, tzinfo=GENEVA))
    candidate = CandidateTopic.objects.get(cycle__target_year=2031, topic=topic)
    assert (candidate.continues_series, candidate.series_part) == (series, 3)
