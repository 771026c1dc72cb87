"""Nothing planned twice: answers and plan entries that repeat a webinar held in recent years, or each other.

The texts are short and written here, in two languages each, so that the flag shows it meets
across languages; the thresholds were chosen on the independent set (similarity/evaluation/).
"""

from datetime import datetime

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from planning import duplicates
from planning.duplicates import SAME_SERIES, SAME_TOPIC, earlier_webinars
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory, submitted_proposal
from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import CandidateTopicFactory, ConsultationCycleFactory, ProposalPartFactory
from similarity import encoder
from similarity.vectors import vectors_for
from webinars.tests.factories import HeldWebinarFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db

PLANNED = timezone.now().year + 1  # the year the cycle prepares
MEDIATION_EN = "Mediation of intellectual property disputes"
MEDIATION_FR = "La médiation des litiges de propriété intellectuelle"
COFFEE_EN = "Geographical indications for coffee growers"
COFFEE_ES = "Indicaciones geográficas para productores de café"
GAMES_FR = "Le droit d'auteur dans les jeux vidéo"


def held_in(year: int, title: str, **fields):
    return HeldWebinarFactory(
        title=title, starts_at=datetime(year, 5, 12, 14, tzinfo=timezone.get_default_timezone()), **fields
    )


@pytest.fixture
def cycle():
    return ConsultationCycleFactory(target_year=PLANNED, state=ConsultationCycle.State.CLOSED)


def answer(cycle, title: str, language: str, **fields):
    return submitted_proposal(cycle, title=title, objectives="", written_in=language, **fields)


def plan_of(cycle):
    return AnnualPlanFactory(year=cycle.target_year, cycle=cycle)


def entry_for(plan, *proposals, **fields):
    fields.setdefault("title", proposals[0].title if proposals else "Entry")
    entry = PlanEntryFactory(plan=plan, **fields)
    entry.proposals.set(proposals)
    return entry


# --- what is flagged -------------------------------------------------------------------------------


def test_an_answer_close_to_a_webinar_held_two_years_before_is_flagged_with_it_across_languages(cycle):
    held = held_in(PLANNED - 2, MEDIATION_EN)
    proposal = answer(cycle, MEDIATION_FR, "fr")

    [earlier] = earlier_webinars([proposal])[proposal.pk].earlier

    assert (earlier.webinar, earlier.year, earlier.why) == (held, PLANNED - 2, duplicates.CLOSE)
    assert earlier.score >= duplicates.DUPLICATE


def test_an_answer_on_another_subject_is_not_flagged(cycle):
    held_in(PLANNED - 1, COFFEE_EN)
    proposal = answer(cycle, GAMES_FR, "fr")
    assert earlier_webinars([proposal]) == {}


def test_only_the_years_of_the_setting_count(cycle, settings):
    held_in(PLANNED - 4, MEDIATION_EN)
    proposal = answer(cycle, MEDIATION_FR, "fr")
    settings.PORTAL_DUPLICATE_YEARS = 3
    assert earlier_webinars([proposal]) == {}
    settings.PORTAL_DUPLICATE_YEARS = 4
    assert [e.year for e in earlier_webinars([proposal])[proposal.pk].earlier] == [PLANNED - 4]
    assert earlier_webinars([proposal], years=3) == {}


def test_a_webinar_held_in_the_year_planned_is_not_an_earlier_one(cycle):
    held_in(PLANNED, MEDIATION_EN)
    assert earlier_webinars([answer(cycle, MEDIATION_FR, "fr")]) == {}


def test_a_webinar_not_held_is_not_an_earlier_one(cycle):
    held_in(PLANNED - 1, MEDIATION_EN, status="cancelled")
    assert earlier_webinars([answer(cycle, MEDIATION_FR, "fr")]) == {}


def test_adopting_the_topic_of_a_held_webinar_repeats_it_whatever_the_texts_say(cycle):
    topic = TopicFactory(title=COFFEE_EN)
    held = held_in(PLANNED - 1, COFFEE_EN, topic=topic)
    candidate = CandidateTopicFactory(cycle=cycle, topic=topic)
    proposal = answer(cycle, GAMES_FR, "fr", kind=Proposal.Kind.ADOPTION, candidate_topic=candidate)

    [earlier] = earlier_webinars([proposal])[proposal.pk].earlier

    assert (earlier.webinar, earlier.why) == (held, SAME_TOPIC)
    assert earlier.score < duplicates.DUPLICATE


def test_an_entry_on_a_held_series_topic_repeats_the_same_part_only(cycle):
    series = SeriesFactory(topic=TopicFactory(title="Patent drafting"))
    first_part = held_in(PLANNED - 1, "Drafting claims: the basics", series=series, series_position=1)
    plan = plan_of(cycle)
    again = entry_for(plan, topic=series.topic, proposal_part=ProposalPartFactory(position=1), title=GAMES_FR)
    next_part = entry_for(plan, topic=series.topic, proposal_part=ProposalPartFactory(position=2), title=COFFEE_ES)

    found = earlier_webinars([again, next_part])

    assert [(e.webinar, e.why) for e in found[again.pk].earlier] == [(first_part, SAME_SERIES)]
    assert found[again.pk].entries == []  # part 2 follows part 1, it does not repeat it
    assert next_part.pk not in found


def test_two_entries_of_one_plan_on_the_same_subject_are_flagged_with_each_other(cycle):
    plan = plan_of(cycle)
    english = entry_for(plan, answer(cycle, COFFEE_EN, "en"))
    spanish = entry_for(plan, answer(cycle, COFFEE_ES, "es"))
    other = entry_for(plan, answer(cycle, GAMES_FR, "fr"))

    found = earlier_webinars([english, spanish, other])

    assert [close.entry for close in found[english.pk].entries] == [spanish]
    assert [close.entry for close in found[spanish.pk].entries] == [english]
    assert other.pk not in found


def test_two_entries_on_one_topic_repeat_each_other_whatever_their_texts(cycle):
    topic = TopicFactory()
    plan = plan_of(cycle)
    coffee = entry_for(plan, answer(cycle, COFFEE_EN, "en"), topic=topic)
    games = entry_for(plan, answer(cycle, GAMES_FR, "fr"), topic=topic)

    found = earlier_webinars([coffee, games])

    assert [(close.entry, close.why) for close in found[coffee.pk].entries] == [(games, SAME_TOPIC)]
    assert [(close.entry, close.why) for close in found[games.pk].entries] == [(coffee, SAME_TOPIC)]


def test_the_parts_of_one_proposed_series_do_not_repeat_each_other(cycle):
    plan = plan_of(cycle)
    series = answer(cycle, COFFEE_EN, "en", shape=Proposal.Shape.SERIES)
    first = entry_for(plan, series, proposal_part=ProposalPartFactory(proposal=series, position=1))
    second = entry_for(plan, series, proposal_part=ProposalPartFactory(proposal=series, position=2))
    assert earlier_webinars([first, second]) == {}


def test_an_entry_published_and_held_is_not_its_own_earlier_webinar(cycle):
    held = held_in(PLANNED - 1, COFFEE_EN)
    entry = entry_for(plan_of(cycle), answer(cycle, COFFEE_ES, "es"), webinar=held)
    assert earlier_webinars([entry]) == {}


def test_matches_keep_the_closest_held_webinars_above_the_threshold_best_first():
    items = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    held = np.array([[0.6, 0.8], [0.8, 0.6], [1.0, 0.0]], dtype=np.float32)
    found = duplicates.matches(items, held, threshold=0.7)
    assert [[row for row, _score in item] for item in found] == [[2, 1], [0]]
    assert found[0][1][1] == pytest.approx(0.8)
    allowed = np.array([[False, True, True], [False, True, True]])
    assert duplicates.matches(items, held, threshold=0.7, allowed=allowed)[1] == []


# --- on the screens --------------------------------------------------------------------------------


@pytest.fixture
def staff(client):
    user = StaffFactory()
    client.force_login(user)
    return user


def no_encoder(monkeypatch):
    def refuse(texts):
        raise AssertionError("the encoder ran although every vector was stored")

    monkeypatch.setattr(encoder, "encode", refuse)


def test_the_review_shows_the_earlier_webinar_linked_to_its_public_page(client, staff, cycle, monkeypatch):
    held = held_in(PLANNED - 2, MEDIATION_EN)
    proposal = answer(cycle, MEDIATION_FR, "fr")
    vectors_for([held, proposal])
    no_encoder(monkeypatch)

    page = client.get(reverse("planning:cycle_review", args=[cycle.pk])).content.decode()

    link = reverse("webinars:webinar_detail", args=[held.slug])
    assert f"Close to a webinar held in {PLANNED - 2}:" in page
    assert f'<a href="{link}">{MEDIATION_EN}</a>' in page


def test_the_draft_plan_shows_the_earlier_webinar_and_the_entry_it_repeats(client, staff, cycle, monkeypatch):
    held = held_in(PLANNED - 1, COFFEE_EN)
    plan = plan_of(cycle)
    english = entry_for(plan, answer(cycle, COFFEE_EN, "en"))
    spanish = entry_for(plan, answer(cycle, COFFEE_ES, "es"))
    vectors_for([held, *english.proposals.all(), *spanish.proposals.all()])
    no_encoder(monkeypatch)

    page = client.get(reverse("planning:plan_detail", args=[cycle.pk])).content.decode()

    assert page.count(f"Close to a webinar held in {PLANNED - 1}:") == 2
    assert f'href="{reverse("webinars:webinar_detail", args=[held.slug])}"' in page
    assert f'<a href="#entry-title-{spanish.pk}">{COFFEE_ES}</a>' in page
    assert f'<a href="#entry-title-{english.pk}">{COFFEE_EN}</a>' in page


def statements(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_review_reads_the_flags_in_a_bounded_number_of_queries(client, staff, cycle, django_assert_max_num_queries):
    held = [held_in(PLANNED - 1 - n % 3, f"{MEDIATION_EN} ({n})") for n in range(6)]
    proposals = [answer(cycle, MEDIATION_FR, "fr")]
    vectors_for([*held, *proposals])
    path = reverse("planning:cycle_review", args=[cycle.pk])
    few = statements(client, path)
    proposals += [answer(cycle, f"{COFFEE_ES} {n}", "es") for n in range(19)]
    vectors_for(proposals)
    with django_assert_max_num_queries(few):
        page = client.get(path).content.decode()
    assert page.count("Close to a webinar held in") == duplicates.MAX_SHOWN


def test_the_draft_plan_reads_the_flags_in_a_bounded_number_of_queries(
    client, staff, cycle, django_assert_max_num_queries
):
    held = [held_in(PLANNED - 1 - n % 3, f"{COFFEE_EN} ({n})") for n in range(6)]
    plan = plan_of(cycle)
    proposals = [answer(cycle, COFFEE_ES, "es")]
    entry_for(plan, proposals[0])
    vectors_for([*held, *proposals])
    path = reverse("planning:plan_detail", args=[cycle.pk])
    few = statements(client, path)
    for n in range(19):
        proposals.append(answer(cycle, f"{GAMES_FR} {n}", "fr"))
        entry_for(plan, proposals[-1])
    vectors_for(proposals)
    with django_assert_max_num_queries(few):
        assert client.get(path).status_code == 200
