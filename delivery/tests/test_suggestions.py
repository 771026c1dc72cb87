"""The Secretariat moderates the topics suggested in the survey (issue 17): someone with
webinars.change_feedback publishes or hides each one; only a published one shows on the
webinar's public page. The screen lists those not reviewed yet first."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import SecretariatFactory
from delivery.services import survey
from webinars.models import Feedback, SuggestionReview
from webinars.tests.factories import FeedbackFactory, HeldWebinarFactory

pytestmark = pytest.mark.django_db

LIST = "/en/secretariat/feedback/suggestions/"


@pytest.fixture
def moderator():
    return SecretariatFactory(permissions=["webinars.change_feedback"])


def suggestion(text: str = "Patent pools", **fields) -> Feedback:
    return FeedbackFactory(topic_suggestion=text, **fields)


def review_url(feedback: Feedback, decision: str) -> str:
    return f"{LIST}{feedback.pk}/{decision}/"


# The service -----------------------------------------------------------------------------------


def test_publishing_a_suggestion_shows_it_on_the_public_page(client, settings, moderator):
    settings.PORTAL_FEEDBACK_MIN_ANSWERS = 1
    feedback = suggestion("Geographical indications for coffee")

    survey.review_suggestion(feedback=feedback, decision=survey.PUBLISH, actor=moderator)

    feedback.refresh_from_db()
    assert feedback.suggestion_review == SuggestionReview.PUBLISHED
    assert (
        "Geographical indications for coffee" in client.get(f"/en/webinars/{feedback.webinar.slug}/").content.decode()
    )


def test_hiding_a_suggestion_keeps_it_off_the_public_page(client, settings, moderator):
    settings.PORTAL_FEEDBACK_MIN_ANSWERS = 1
    feedback = suggestion("Call me at home", suggestion_review=SuggestionReview.PUBLISHED)

    survey.review_suggestion(feedback=feedback, decision=survey.HIDE, actor=moderator)

    feedback.refresh_from_db()
    assert feedback.suggestion_review == SuggestionReview.HIDDEN
    assert "Call me at home" not in client.get(f"/en/webinars/{feedback.webinar.slug}/").content.decode()


def test_without_the_permission_the_service_refuses_and_changes_nothing():
    feedback = suggestion()
    reader = SecretariatFactory(permissions=["webinars.view_feedback"])

    with pytest.raises(PermissionDenied):
        survey.review_suggestion(feedback=feedback, decision=survey.PUBLISH, actor=reader)

    feedback.refresh_from_db()
    assert feedback.suggestion_review == SuggestionReview.PENDING


def test_an_answer_without_a_suggested_topic_cannot_be_published(moderator):
    feedback = FeedbackFactory(topic_suggestion="")

    with pytest.raises(ValidationError):
        survey.review_suggestion(feedback=feedback, decision=survey.PUBLISH, actor=moderator)


@pytest.mark.parametrize("role", ["Programme officer", "Reporting officer", "Programme manager"])
def test_programme_and_reporting_officers_may_moderate(role):
    assert SecretariatFactory(roles=[role]).has_perm("webinars.change_feedback")


@pytest.mark.parametrize("role", ["Communications", "Read-only"])
def test_other_roles_may_not_moderate(role):
    assert not SecretariatFactory(roles=[role]).has_perm("webinars.change_feedback")


# The screen ------------------------------------------------------------------------------------


def test_the_screen_lists_the_suggestions_not_reviewed_yet(client, moderator):
    suggestion("Waiting for review")
    suggestion("Already published", suggestion_review=SuggestionReview.PUBLISHED)
    FeedbackFactory(topic_suggestion="", useful="A comment, not a topic")
    client.force_login(moderator)

    html = client.get(LIST).content.decode()

    assert "Waiting for review" in html
    assert "Already published" not in html
    assert "A comment, not a topic" not in html


def test_the_screen_shows_the_published_ones_on_their_tab(client, moderator):
    suggestion("Already published", suggestion_review=SuggestionReview.PUBLISHED)
    client.force_login(moderator)

    assert "Already published" in client.get(LIST, {"review": "published"}).content.decode()


def test_the_publish_button_publishes_and_comes_back_to_the_list(client, moderator):
    feedback = suggestion()
    client.force_login(moderator)

    response = client.post(review_url(feedback, "publish"), {"review": "pending"})

    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?review=pending"
    feedback.refresh_from_db()
    assert feedback.suggestion_review == SuggestionReview.PUBLISHED


def test_an_unknown_decision_changes_nothing(client, moderator):
    feedback = suggestion()
    client.force_login(moderator)

    client.post(review_url(feedback, "delete"))

    feedback.refresh_from_db()
    assert feedback.suggestion_review == SuggestionReview.PENDING


def test_a_reader_of_feedback_without_the_permission_gets_403(client):
    feedback = suggestion()
    client.force_login(SecretariatFactory(permissions=["webinars.view_feedback"]))

    assert client.get(LIST).status_code == 403
    assert client.post(review_url(feedback, "publish")).status_code == 403
    feedback.refresh_from_db()
    assert feedback.suggestion_review == SuggestionReview.PENDING


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_screen_makes_the_same_number_of_queries_for_1_and_20_suggestions(client, moderator):
    client.force_login(moderator)
    suggestion(webinar=HeldWebinarFactory())
    small = _list_queries(client)
    for number in range(19):
        suggestion(f"Topic {number}", webinar=HeldWebinarFactory())

    assert _list_queries(client) == small


# The admin -------------------------------------------------------------------------------------


def test_the_admin_action_publishes_the_chosen_suggestions(client):
    chosen, other = suggestion("Chosen"), suggestion("Other")
    client.force_login(SecretariatFactory(permissions=["webinars.view_feedback", "webinars.change_feedback"]))

    client.post(
        "/en/admin/webinars/feedback/",
        {"action": "publish_suggestions", ACTION_CHECKBOX_NAME: [chosen.pk]},
    )

    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.suggestion_review, other.suggestion_review) == (SuggestionReview.PUBLISHED, SuggestionReview.PENDING)


def test_the_admin_does_not_offer_the_actions_to_a_reader(client):
    client.force_login(SecretariatFactory(permissions=["webinars.view_feedback"]))

    html = client.get("/en/admin/webinars/feedback/").content.decode()

    assert "publish_suggestions" not in html
