"""Registration and the feedback survey in a real browser (issue 8): a visitor switches to
French, registers (the browser's time zone fills the form), sees the French thank-you page
and gets a French confirmation with a cancel link that works; a participant answers the
feedback survey from its signed link."""

import re
from datetime import UTC, datetime

import pytest

from outbox.models import Notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


@pytest.mark.parametrize("browser_timezone", ["Africa/Nairobi"])
def test_a_visitor_registers_in_french_and_can_cancel_from_the_confirmation(
    live_server, page, screenshot, axe, settings
):
    from participants.models import Registration
    from webinars.tests.factories import LanguageFactory, OpenWebinarFactory

    settings.PORTAL_SITE_URL = live_server.url
    webinar = OpenWebinarFactory(  # dated, and its expert accepted: registration is open
        slug="licensing-public-research",
        title="Licensing technology from public research",
        starts_at=datetime(2031, 6, 3, 12, 0, tzinfo=UTC),  # 14:00 in Geneva, 15:00 in Nairobi
        join_url="https://meet.example.org/j/2031",
        capacity=40,
        languages=[LanguageFactory(code="fr", name="French")],
    )

    page.goto(f"{live_server.url}/en/webinars/{webinar.slug}/")
    page.select_option("#language-switcher", "fr")
    _submit(page, page.locator("form:has(#language-switcher) [type=submit]"))
    assert page.url == f"{live_server.url}/fr/webinars/{webinar.slug}/"
    _submit(page, page.get_by_role("link", name="S’inscrire à ce webinaire"))

    assert page.url == f"{live_server.url}/fr/webinars/{webinar.slug}/register/"
    assert page.evaluate("() => document.documentElement.lang") == "fr"
    # The small script put the browser's own zone in the form.
    assert page.locator("select[name=time_zone]").input_value() == "Africa/Nairobi"
    page.get_by_role("textbox", name=re.compile(r"^Nom\b")).fill("Awa Ndiaye")  # "Nom*": crispy marks it required
    page.get_by_label("Adresse électronique").fill("awa.ndiaye@example.org")
    page.get_by_label("Pays").fill("sn")
    page.get_by_label("Type de participant").select_option("government")
    assert page.get_by_label("Langue préférée pour nos messages").input_value() == "fr"
    page.locator("input[name=consent]").check()
    screenshot(page, "registration-form-fr")
    axe(page, "registration-form-fr")
    _submit(page, page.locator("form[method=post] button[type=submit].btn-primary"))

    assert page.url == f"{live_server.url}/fr/webinars/{webinar.slug}/registered/"
    assert page.get_by_role("heading", name="Merci de votre inscription").is_visible()
    assert page.console_errors == []
    screenshot(page, "registration-thanks-fr")

    registration = Registration.objects.get(email="awa.ndiaye@example.org")
    assert (registration.state, registration.language, registration.country) == ("registered", "fr", "SN")
    assert registration.time_zone == "Africa/Nairobi"
    notice = Notice.objects.get(kind=Notice.Kind.REGISTRATION_CONFIRMED, to="awa.ndiaye@example.org")
    assert notice.language == "fr"
    # French puts a no-break space before the colon.
    assert (
        re.sub(r"[\u00a0\u202f]", " ", notice.subject)
        == "Votre inscription : Licensing technology from public research"
    )
    assert "Bonjour Awa Ndiaye" in notice.body
    assert "3 juin 2031 14:00" in notice.body  # Geneva
    assert "3 juin 2031 15:00" in notice.body  # Nairobi
    assert "https://meet.example.org/j/2031" in notice.body
    assert f"{live_server.url}/fr/webinars/{webinar.slug}/calendar.ics" in notice.body

    # The cancel link of the message: a page with a button; the button cancels.
    page.goto(notice.context["cancel_url"])
    registration.refresh_from_db()
    assert registration.state == "registered"
    screenshot(page, "registration-cancel-fr")
    axe(page, "registration-cancel-fr")
    _submit(page, page.locator("form[method=post] button.btn-danger"))
    assert page.locator(".registration-cancelled").is_visible()
    screenshot(page, "registration-cancelled-fr")
    registration.refresh_from_db()
    assert registration.state == "cancelled"
    assert Notice.objects.filter(kind=Notice.Kind.REGISTRATION_CANCELLED, to="awa.ndiaye@example.org").count() == 1


def test_a_participant_answers_the_feedback_survey_from_the_link(live_server, page, screenshot):
    from delivery.services import survey
    from webinars.models import Feedback
    from webinars.tests.factories import HeldWebinarFactory

    webinar = HeldWebinarFactory(title="Managing intellectual property in universities")
    token = survey.make_survey_token(webinar=webinar, email="participant@example.org", source="participant")

    page.goto(f"{live_server.url}/en/survey/{token}/")
    assert page.get_by_role("heading", name="Your feedback on “Managing intellectual property in universities”")
    page.locator("input[name=overall_rating][value='5']").check()
    page.locator("input[name=content_rating][value='4']").check()
    page.locator("input[name=expert_rating][value='5']").check()
    page.get_by_label("What was useful?").fill("The examples from three universities.")
    page.get_by_label("Which topics would you suggest for future webinars?").fill("Spin-off companies")
    screenshot(page, "survey-answer-en")
    _submit(page, page.get_by_role("button", name="Send my answers"))

    assert page.url == f"{live_server.url}/en/survey/thanks/"
    assert page.get_by_role("heading", name="Thank you for your feedback").is_visible()
    screenshot(page, "survey-thanks-en")
    feedback = Feedback.objects.get(webinar=webinar)
    assert (feedback.overall_rating, feedback.content_rating) == (5, 4)
    assert feedback.topic_suggestion == "Spin-off companies"

    # The link answers once.
    page.goto(f"{live_server.url}/en/survey/{token}/")
    assert page.get_by_role("button", name="Send my answers").count() == 0
    assert Feedback.objects.filter(webinar=webinar).count() == 1
