"""The report's figures against data counted by hand, an empty year, and the range limit."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from participants.models import Registration
from participants.tests.factories import RegistrationFactory
from planning.models import AnnualPlan
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory, submitted_proposal
from proposals.models import Proposal
from proposals.tests.factories import ConsultationCycleFactory
from reporting.annual_report import build_annual_report
from reporting.figures import Attendance, annual_figures
from webinars.models import Feedback, Material, Webinar
from webinars.tests.factories import (
    AnsweredQuestionFactory,
    ExpertFactory,
    FeedbackFactory,
    HeldWebinarFactory,
    LanguageFactory,
    MaterialFactory,
    MemberStateFactory,
    RegionalGroupFactory,
    RegionFactory,
    SeriesFactory,
    TopicFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2024


def at(month: int, year: int = YEAR) -> datetime:
    return datetime(year, month, 10, 12, 0, tzinfo=UTC)


def register(webinar, country, kind=Registration.ParticipantType.IP_OFFICE, *, attended=False, state="registered"):
    return RegistrationFactory(
        webinar=webinar, country=country, participant_type=kind, has_attended=attended, state=state
    )


@pytest.fixture
def year_of_data():
    """One year counted by hand: two webinars held, one cancelled, one scheduled, one held the year before."""
    r1, r2 = RegionFactory(code="africa", order=1), RegionFactory(code="asia", order=2)
    MemberStateFactory(code="KE", region=r1, group=None)  # the country-to-region table is member state rows
    en, fr = LanguageFactory(code="en"), LanguageFactory(code="fr")
    topic = TopicFactory()
    series = SeriesFactory(topic=topic)
    amina = ExpertFactory(gender="female", region=r1)
    boris = ExpertFactory(gender="male", region=r2)

    w1 = HeldWebinarFactory(starts_at=at(3), topic=topic, regions=[r1], languages=[en], summary="What we covered.")
    w2 = HeldWebinarFactory(
        starts_at=at(6), topic=topic, series=series, series_position=1, regions=[r1, r2], languages=[en, fr]
    )
    w1.experts.set([amina])
    w2.experts.set([amina, boris])
    w3 = WebinarFactory(status=Webinar.Status.CANCELLED, starts_at=None)
    WebinarFactory(status=Webinar.Status.SCHEDULED, starts_at=at(11))
    earlier = HeldWebinarFactory(starts_at=at(5, YEAR - 1), regions=[r1])

    plan = AnnualPlanFactory(year=YEAR, state=AnnualPlan.State.PUBLISHED, published_at=timezone.now(), capacity=6)
    PlanEntryFactory(plan=plan, region=r1, webinar=w1)
    PlanEntryFactory(plan=plan, region=r1, webinar=w2)
    PlanEntryFactory(plan=plan, region=r2, webinar=w3)
    AnnualPlanFactory(year=YEAR + 1)  # a draft plan of the next year: never counted

    register(w1, "KE", attended=True)
    register(w1, "KE", attended=True)
    register(w1, "BR", Registration.ParticipantType.ACADEMIA)
    register(w1, "KE", state=Registration.State.CANCELLED)
    register(w2, "FR", Registration.ParticipantType.GOVERNMENT, attended=True)
    register(w2, "KE")
    register(w2, "BR", Registration.ParticipantType.ACADEMIA, state=Registration.State.WAITLISTED)
    for _n in range(5):
        register(earlier, "KE", attended=True)

    FeedbackFactory(webinar=w1, overall_rating=5, useful="Clear examples.")
    FeedbackFactory(webinar=w1, overall_rating=4)
    FeedbackFactory(webinar=w2, overall_rating=3, to_improve="A longer Q&A.", topic_suggestion="Patent data")
    FeedbackFactory(webinar=w2, overall_rating=1, source=Feedback.Source.EXPERT, expert=boris)
    FeedbackFactory(webinar=earlier, overall_rating=1)

    MaterialFactory(webinar=w1, kind=Material.Kind.RECORDING)
    MaterialFactory(webinar=w1, kind=Material.Kind.SLIDES, is_published=False, published_at=None)
    MaterialFactory(webinar=w2, kind=Material.Kind.SLIDES)
    AnsweredQuestionFactory(webinar=w2)

    cycle = ConsultationCycleFactory(target_year=YEAR)
    g1, g2 = RegionalGroupFactory(code="g1", order=1), RegionalGroupFactory(code="g2", order=2)
    submitted_proposal(cycle, group=g1, region=r1, language="en", state=Proposal.State.RETAINED)
    submitted_proposal(cycle, group=g1, region=r2, language="fr", state=Proposal.State.DECLINED)
    submitted_proposal(cycle, group=g2, region=r1, language="en", state=Proposal.State.MERGED)
    submitted_proposal(cycle, group=g2, region=r2, language="fr", state=Proposal.State.DRAFT)
    submitted_proposal(cycle, group=g2, region=r2, language="fr", state=Proposal.State.WITHDRAWN)
    submitted_proposal(ConsultationCycleFactory(target_year=YEAR + 1), group=g1, region=r2)
    return {"w1": w1, "w2": w2, "w3": w3, "r1": r1, "r2": r2, "en": en, "fr": fr, "g1": g1, "g2": g2, "topic": topic}


def test_webinars_held_and_cancelled_are_counted_against_the_published_plan(year_of_data):
    figures = annual_figures(first_year=YEAR, last_year=YEAR)

    assert [line.webinar for line in figures.held] == [year_of_data["w1"], year_of_data["w2"]]
    assert list(figures.cancelled) == [year_of_data["w3"]]
    (year,) = figures.years
    assert (year.year, year.has_plan, year.capacity, year.planned, year.held, year.cancelled) == (
        YEAR,
        True,
        6,
        3,
        2,
        1,
    )
    assert figures.topics == {year_of_data["topic"].pk: 2}
    assert list(figures.series.values()) == [1]


def test_registrations_count_everyone_not_cancelled_and_attendance_by_country_type_and_region(year_of_data):
    figures = annual_figures(first_year=YEAR, last_year=YEAR)

    assert (figures.registered, figures.attended) == (6, 3)
    assert figures.registrations_by_country == {
        "KE": Attendance(3, 2),
        "BR": Attendance(2, 0),
        "FR": Attendance(1, 1),
    }
    assert figures.registrations_by_type == {
        "ip_office": Attendance(3, 2),
        "academia": Attendance(2, 0),
        "government": Attendance(1, 1),
    }
    r1 = year_of_data["r1"].pk
    # KE is in Africa (r1); BR and FR belong to regions this programme has no row for: other.
    assert figures.registrations_by_region == {r1: Attendance(3, 2), None: Attendance(3, 1)}
    assert figures.countries_by_region == {r1: ("KE",), None: ("BR", "FR")}


def test_feedback_scores_are_the_participants_answers_only(year_of_data):
    figures = annual_figures(first_year=YEAR, last_year=YEAR)

    assert (figures.feedback_count, figures.average_rating) == (3, 4.0)
    assert [(line.feedback_count, line.average_rating) for line in figures.held] == [(2, 4.5), (1, 3.0)]
    assert [comment.text for comment in figures.useful_comments] == ["Clear examples."]
    assert [comment.text for comment in figures.to_improve_comments] == ["A longer Q&A."]
    assert [comment.text for comment in figures.topic_suggestions] == ["Patent data"]
    assert figures.topic_suggestion_count == 1


def test_followup_completeness_counts_only_published_items(year_of_data):
    figures = annual_figures(first_year=YEAR, last_year=YEAR)

    done = [(x.has_recording, x.has_slides, x.has_summary, x.has_answers) for x in figures.held]
    assert done == [(True, False, True, False), (False, True, False, True)]
    assert [line.followup_done for line in figures.held] == [2, 2]


def test_proposals_per_group_and_regions_and_languages_requested_against_delivered(year_of_data):
    figures = annual_figures(first_year=YEAR, last_year=YEAR)
    d = year_of_data

    assert figures.proposals_by_group == {
        d["g1"].pk: {"retained": 1, "declined": 1},
        d["g2"].pk: {"merged": 1},
    }
    assert figures.regions_requested == {d["r1"].pk: 2, d["r2"].pk: 1}
    assert figures.regions_delivered == {d["r1"].pk: 2, d["r2"].pk: 1}
    assert figures.languages_requested == {d["en"].pk: 2, d["fr"].pk: 1}
    # No languages recorded for the webinars held: delivered in none, their planned languages shown apart.
    assert figures.languages_delivered == {}
    assert figures.languages_not_recorded == {d["en"].pk: 2, d["fr"].pk: 1}
    assert figures.held_ids_not_recorded == (d["w1"].pk, d["w2"].pk)


def test_experts_are_counted_once_by_gender_and_region(year_of_data):
    figures = annual_figures(first_year=YEAR, last_year=YEAR)

    assert {gender: len(ids) for gender, ids in figures.experts_by_gender.items()} == {"female": 1, "male": 1}
    assert {region: len(ids) for region, ids in figures.experts_by_region.items()} == {
        year_of_data["r1"].pk: 1,
        year_of_data["r2"].pk: 1,
    }


def test_a_range_of_years_adds_the_years_up(year_of_data):
    figures = annual_figures(first_year=YEAR - 1, last_year=YEAR)

    assert [year.year for year in figures.years] == [YEAR - 1, YEAR]
    assert (figures.webinars_held, figures.registered, figures.feedback_count) == (3, 11, 4)


def test_a_year_without_data_gives_zero_figures_and_a_report_that_says_so(year_of_data):
    figures = annual_figures(first_year=2031, last_year=2031)

    assert figures.is_empty
    assert (figures.webinars_held, figures.webinars_cancelled, figures.webinars_planned) == (0, 0, 0)
    assert (figures.registered, figures.feedback_count, figures.proposals_received) == (0, 0, 0)
    document = build_annual_report(figures, language="en")
    assert document.is_empty
    assert document.intro[0] == "No webinar was held in 2031."
    assert all(not table.rows for table in document.tables() if table.key != "plan")


def test_fifty_years_are_refused_with_the_limit_in_the_message(settings):
    settings.PORTAL_REPORT_MAX_YEARS = 10

    with pytest.raises(ValidationError) as refused:
        annual_figures(first_year=1990 + 10, last_year=2049)

    assert refused.value.code == "year_range_too_long"
    assert "at most 10 years" in refused.value.messages[0]
    assert "50 years" in refused.value.messages[0]


def test_the_first_year_after_the_last_is_refused():
    with pytest.raises(ValidationError) as refused:
        annual_figures(first_year=2025, last_year=2024)

    assert refused.value.code == "year_order"


def _queries(first_year, last_year) -> int:
    with CaptureQueriesContext(connection) as queries:
        figures = annual_figures(first_year=first_year, last_year=last_year)
        build_annual_report(figures, language="en")
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(year_of_data):
    few = _queries(YEAR, YEAR)
    topic = TopicFactory()
    for month in range(1, 10):
        webinar = HeldWebinarFactory(starts_at=at(month), topic=topic, series=None, regions=[RegionFactory()])
        webinar.experts.set([ExpertFactory()])
        register(webinar, "GH", attended=True)
        FeedbackFactory(webinar=webinar, useful="Good.", topic_suggestion="More")
        MaterialFactory(webinar=webinar)
        AnsweredQuestionFactory(webinar=webinar)

    assert _queries(YEAR, YEAR) == few


def test_a_webinar_held_on_new_years_night_counts_in_its_geneva_year():
    """23:30 UTC on 31 December is already the new year in Geneva: the year line and the list agree."""
    webinar = HeldWebinarFactory(starts_at=datetime(YEAR - 1, 12, 31, 23, 30, tzinfo=UTC))

    figures = annual_figures(first_year=YEAR, last_year=YEAR)

    assert [line.webinar for line in figures.held] == [webinar]
    assert [(year.year, year.held) for year in figures.years] == [(YEAR, 1)]


def test_a_summary_in_any_language_counts_whatever_the_readers_language():
    # Russian is no fallback language: read in Arabic, the summary field itself looks empty.
    HeldWebinarFactory(starts_at=at(4), summary_en="", summary_ru="Что мы обсудили.")

    with translation.override("ar"):
        figures = annual_figures(first_year=YEAR, last_year=YEAR)

    assert [item.has_summary for item in figures.held] == [True]
