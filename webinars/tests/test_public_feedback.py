"""A held webinar's page shows its survey in figures (issue 17): how many answered, the average
ratings and the spread of the overall rating, and the suggested topics the Secretariat has
published; only from a minimum number of answers, never a comment, never who answered."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from webinars.models import Feedback, SuggestionReview
from webinars.selectors import public_feedback
from webinars.tests.factories import ExpertFactory, FeedbackFactory, HeldWebinarFactory, WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _minimum(settings):
    settings.PORTAL_FEEDBACK_MIN_ANSWERS = 5
    yield
    translation.deactivate()


def answers(webinar, *overall: int, **fields) -> list[Feedback]:
    return [FeedbackFactory(webinar=webinar, overall_rating=rating, **fields) for rating in overall]


def feedback_section(client, webinar, language: str = "en") -> str:
    html = client.get(f"/{language}/webinars/{webinar.slug}/").content.decode()
    match = re.search(r'<section aria-labelledby="feedback-heading".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_below_the_minimum_number_of_answers_the_page_shows_no_figures(client):
    webinar = HeldWebinarFactory()
    answers(webinar, 5, 4, 4, 3)

    assert feedback_section(client, webinar) == ""
    assert public_feedback(webinar) is None


def test_from_the_minimum_the_page_shows_answers_averages_and_the_spread_of_ratings(client):
    webinar = HeldWebinarFactory()
    answers(webinar, 5, 5, 4, 4, 3, relevance_rating=4, content_rating=5, expert_rating=3)

    section = feedback_section(client, webinar)

    assert "5 participants answered the feedback survey." in section
    assert re.search(r'data-rating="overall_rating">.*?4\.2 out of 5', section, re.S)
    assert re.search(r'data-rating="relevance_rating">.*?4\.0 out of 5', section, re.S)
    assert re.search(r'data-rating="content_rating">.*?5\.0 out of 5', section, re.S)
    assert re.search(r'data-rating="expert_rating">.*?3\.0 out of 5', section, re.S)
    assert re.search(r'data-overall="5">.*?<td>2</td>.*?40%', section, re.S)
    assert re.search(r'data-overall="1">.*?<td>0</td>.*?0%', section, re.S)


def test_the_minimum_is_a_setting(client, settings):
    settings.PORTAL_FEEDBACK_MIN_ANSWERS = 2
    webinar = HeldWebinarFactory()
    answers(webinar, 5, 3)

    assert "2 participants answered the feedback survey." in feedback_section(client, webinar)


def test_only_published_suggestions_show_and_never_a_comment(client):
    webinar = HeldWebinarFactory()
    answers(webinar, 4, 4, 4, useful="Secret useful remark", to_improve="Secret thing to improve")
    FeedbackFactory(webinar=webinar, topic_suggestion="Patent pools", suggestion_review=SuggestionReview.PUBLISHED)
    FeedbackFactory(webinar=webinar, topic_suggestion="Call Mr Smith at home")
    FeedbackFactory(webinar=webinar, topic_suggestion="Rude words", suggestion_review=SuggestionReview.HIDDEN)

    section = feedback_section(client, webinar)

    assert "Patent pools" in section
    for text in ("Call Mr Smith", "Rude words", "Secret useful remark", "Secret thing to improve"):
        assert text not in section


def test_the_experts_answers_are_not_counted_on_the_public_page(client):
    webinar = HeldWebinarFactory()
    answers(webinar, 4, 4, 4, 4)
    FeedbackFactory(webinar=webinar, source=Feedback.Source.EXPERT, expert=ExpertFactory(), overall_rating=1)

    assert feedback_section(client, webinar) == ""


def test_the_page_never_says_who_answered(client):
    webinar = HeldWebinarFactory()
    for number in range(5):
        FeedbackFactory(webinar=webinar, overall_rating=4, country="KE", respondent=f"digest-of-someone-{number}")

    section = feedback_section(client, webinar)

    assert section
    assert "digest-of-someone" not in section
    assert "KE" not in section


def test_a_webinar_not_held_shows_no_feedback(client):
    webinar = WebinarFactory()

    assert feedback_section(client, webinar) == ""


def test_the_figures_read_right_to_left_in_arabic(client):
    webinar = HeldWebinarFactory()
    answers(webinar, 5, 5, 4, 4, 3)

    html = client.get(f"/ar/webinars/{webinar.slug}/").content.decode()

    assert 'dir="rtl"' in html
    assert 'id="feedback-heading"' in html


def _page_queries(client, webinar) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/en/webinars/{webinar.slug}/").status_code == 200
    return len(queries)


def test_the_webinar_page_makes_the_same_number_of_queries_for_5_and_50_answers(client):
    small, large, other = HeldWebinarFactory(), HeldWebinarFactory(), HeldWebinarFactory()
    answers(small, *[4] * 5, topic_suggestion="A topic", suggestion_review=SuggestionReview.PUBLISHED)
    answers(large, *[4] * 50, topic_suggestion="A topic", suggestion_review=SuggestionReview.PUBLISHED)
    # Warm the shared caches on another webinar: each webinar's own page is cached apart.
    _page_queries(client, other)

    assert _page_queries(client, small) == _page_queries(client, large)
