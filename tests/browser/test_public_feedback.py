"""A visitor reads a held webinar's survey in figures on its page, in a real browser (issue 17):
answers, average ratings, the spread of the overall rating and the suggested topics the
Secretariat published, in English and right to left in Arabic; never a comment. Screenshots
and axe on both."""

import pytest

from webinars.models import SuggestionReview
from webinars.tests.factories import FeedbackFactory, HeldWebinarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def surveyed(settings):
    settings.PORTAL_FEEDBACK_MIN_ANSWERS = 5
    webinar = HeldWebinarFactory(
        slug="patent-landscapes",
        title="Patent landscapes for policy makers",
        title_ar="خرائط البراءات لصانعي السياسات",
    )
    for overall, relevance in ((5, 5), (5, 4), (4, 4), (4, 3), (3, 4)):
        FeedbackFactory(
            webinar=webinar,
            overall_rating=overall,
            relevance_rating=relevance,
            content_rating=4,
            expert_rating=5,
            useful="A private remark nobody else should read",
        )
    FeedbackFactory(
        webinar=webinar,
        overall_rating=4,
        topic_suggestion="Patent pools for medicines",
        suggestion_review=SuggestionReview.PUBLISHED,
    )
    FeedbackFactory(webinar=webinar, overall_rating=4, topic_suggestion="Not reviewed yet")
    return webinar


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_visitor_reads_the_public_aggregated_feedback(live_server, page, screenshot, axe, surveyed, language):
    page.goto(f"{live_server.url}/{language}/webinars/{surveyed.slug}/")

    section = page.locator("#feedback")
    section.scroll_into_view_if_needed()
    assert section.is_visible()
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert section.locator("[data-rating]").count() == 4
    assert section.locator("[data-overall]").count() == 5
    assert section.locator("[data-overall='5'] td").first.inner_text() == "2"
    assert section.locator(".feedback-suggestions li").all_inner_texts() == ["Patent pools for medicines"]
    text = section.inner_text()
    assert "Not reviewed yet" not in text
    assert "A private remark" not in page.content()
    if language == "en":
        assert "7 participants answered the feedback survey." in text
        assert "4.1 out of 5" in section.locator("[data-rating='overall_rating']").inner_text()
    else:
        direction = page.evaluate("() => getComputedStyle(document.querySelector('#feedback')).direction")
        assert direction == "rtl"
    screenshot(page, f"public-feedback-{language}")
    axe(page, f"public-feedback-{language}")
    assert page.console_errors == []
