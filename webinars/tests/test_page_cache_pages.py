"""A webinar's page and a series' page served whole from the cache (issue 20), and never stale.

Anonymous visitors share one rendered page per address and language; everything the page
shows refreshes it at once: a change to the catalogue (webinar, experts, materials, answers,
series, topic, translations) and any row pointing at the webinar (a registration, an
invitation, a survey answer). The clock closes registration at the start, so a page is not
kept past it. Logged-in people and visitors with a message waiting get their own page.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import StaffFactory
from delivery.models import ExpertInvitation
from delivery.tests.factories import ExpertInvitationFactory
from participants.models import Registration
from participants.services.registration import cancel_registration, register_participant
from proposals.tests.factories import CoordinatorFactory
from webinars import page_cache
from webinars.models import SuggestionReview, Webinar
from webinars.tests.factories import (
    AnsweredQuestionFactory,
    ExpertFactory,
    FeedbackFactory,
    HeldWebinarFactory,
    MaterialFactory,
    OpenWebinarFactory,
    SeriesFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    settings.PORTAL_FEEDBACK_MIN_ANSWERS = 5
    cache.clear()
    yield
    cache.clear()
    translation.deactivate()  # a request under /fr/ leaves French active in this thread


def page_url(webinar, language: str = "en") -> str:
    return f"/{language}/webinars/{webinar.slug}/"


def series_url(series, language: str = "en") -> str:
    return f"/{language}/series/{series.slug}/"


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def registration_data(email: str) -> dict:
    return {
        "name": "Amina Odhiambo",
        "email": email,
        "country": "KE",
        "participant_type": Registration.ParticipantType.IP_OFFICE,
        "language": "en",
        "has_consented": True,
    }


def csrf_token_in(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


# Served from the cache ----------------------------------------------------------------------


def test_a_cached_webinar_page_is_served_without_a_query(client):
    webinar = OpenWebinarFactory()
    first = html(client, page_url(webinar))

    assert queries(client, page_url(webinar)) == 0
    again = html(client, page_url(webinar))
    assert again.replace(csrf_token_in(again), "token") == first.replace(csrf_token_in(first), "token")


def test_a_cached_series_page_is_served_without_a_query(client):
    series = SeriesFactory()
    WebinarFactory(series=series, series_position=1)
    html(client, series_url(series))

    assert queries(client, series_url(series)) == 0


def test_a_held_webinar_with_everything_on_its_page_is_cached_too(client):
    webinar = HeldWebinarFactory(summary="What was said.", series=SeriesFactory(), series_position=1)
    webinar.experts.add(ExpertFactory())
    MaterialFactory(webinar=webinar)
    AnsweredQuestionFactory(webinar=webinar)
    for _n in range(5):
        FeedbackFactory(webinar=webinar)
    assert "What participants thought" in html(client, page_url(webinar))

    assert queries(client, page_url(webinar)) == 0


def test_each_language_has_its_own_page(client):
    webinar = OpenWebinarFactory(title_en="Patent pools", title_fr="Communautés de brevets")

    english, french = html(client, page_url(webinar)), html(client, page_url(webinar, "fr"))
    english_again, french_again = html(client, page_url(webinar)), html(client, page_url(webinar, "fr"))

    assert "Patent pools" in english_again and "Communautés de brevets" not in english_again
    assert "Communautés de brevets" in french_again and 'lang="fr"' in french_again
    assert english.count("Patent pools") == english_again.count("Patent pools")
    assert french.count("Communautés de brevets") == french_again.count("Communautés de brevets")


def test_a_page_with_a_query_string_is_not_shared(client):
    """Any parameter would make another copy of the same page: it is rendered, not stored."""
    webinar = OpenWebinarFactory()
    url = page_url(webinar) + "?utm_source=newsletter"
    html(client, url)

    assert queries(client, url) > 0


def test_an_unknown_webinar_is_not_found_and_nothing_is_kept(client):
    assert client.get("/en/webinars/no-such-webinar/").status_code == 404
    assert client.get("/en/webinars/no-such-webinar/").status_code == 404
    planned = WebinarFactory(status=Webinar.Status.PLANNED)
    assert client.get(page_url(planned)).status_code == 404


# Each change shows at once ------------------------------------------------------------------


def test_a_webinar_edited_shows_at_once(client):
    webinar = OpenWebinarFactory(title="Patent pools")
    assert "Patent pools" in html(client, page_url(webinar))

    webinar.title = "Patent pools and licensing"
    webinar.save()

    assert "Patent pools and licensing" in html(client, page_url(webinar))


def test_a_translation_edited_shows_at_once_in_its_language(client):
    webinar = OpenWebinarFactory(title_fr="Communautés de brevets")
    assert "Communautés de brevets" in html(client, page_url(webinar, "fr"))

    webinar.title_fr = "Communautés de brevets et licences"
    webinar.save()

    assert "Communautés de brevets et licences" in html(client, page_url(webinar, "fr"))


def test_a_cancelled_webinar_says_so_at_once(client):
    webinar = OpenWebinarFactory()
    assert "register-button" in html(client, page_url(webinar))

    webinar.status = Webinar.Status.CANCELLED
    webinar.save()

    page = html(client, page_url(webinar))
    assert "This webinar was cancelled." in page and "register-button" not in page


def test_an_expert_added_shows_at_once_and_opens_registration(client):
    webinar = WebinarFactory()
    assert "Registration opens soon" in html(client, page_url(webinar))

    webinar.experts.add(ExpertFactory(name="Wanjiru Kamau"))

    page = html(client, page_url(webinar))
    assert "Wanjiru Kamau" in page and "register-button" in page


def test_an_experts_biography_edited_shows_at_once(client):
    expert = ExpertFactory(biography="Examiner.")
    webinar = OpenWebinarFactory(experts=[expert])
    assert "Examiner." in html(client, page_url(webinar))

    expert.biography = "Head of the examination division."
    expert.save()

    assert "Head of the examination division." in html(client, page_url(webinar))


def test_an_accepted_invitation_shows_the_expert_at_once(client):
    """Only the invitation row changes: the webinar's own version refreshes its page."""
    expert = ExpertFactory(name="Wanjiru Kamau")
    webinar = OpenWebinarFactory(experts=[expert])
    invitation = ExpertInvitationFactory(webinar=webinar, expert=expert)
    page = html(client, page_url(webinar))
    assert "Wanjiru Kamau" not in page and "register-button" not in page

    invitation.change_state(ExpertInvitation.State.ACCEPTED)
    invitation.save()

    page = html(client, page_url(webinar))
    assert "Wanjiru Kamau" in page and "register-button" in page


def test_a_published_material_shows_at_once(client):
    webinar = HeldWebinarFactory()
    material = MaterialFactory(webinar=webinar, title="Session video", is_published=False, published_at=None)
    assert "Session video" not in html(client, page_url(webinar))

    material.is_published, material.published_at = True, timezone.now()
    material.save()

    assert "Session video" in html(client, page_url(webinar))


def test_a_summary_written_shows_at_once(client):
    webinar = HeldWebinarFactory()
    assert 'id="summary-heading"' not in html(client, page_url(webinar))

    webinar.summary = "Offices share their examination guidelines."
    webinar.save()

    assert "Offices share their examination guidelines." in html(client, page_url(webinar))


def test_an_answered_question_published_shows_at_once(client):
    webinar = HeldWebinarFactory()
    answer = AnsweredQuestionFactory(webinar=webinar, is_published=False)
    assert answer.question not in html(client, page_url(webinar))

    answer.is_published = True
    answer.save()

    assert answer.question in html(client, page_url(webinar))


def test_the_last_place_taken_turns_the_button_into_the_waiting_list_at_once(client):
    webinar = OpenWebinarFactory(capacity=1)
    assert "Register for this webinar" in html(client, page_url(webinar))

    register_participant(webinar=webinar, data=registration_data("amina@example.org"))

    page = html(client, page_url(webinar))
    assert "Join the waiting list" in page and "Every place is taken" in page


def test_a_cancellation_freeing_the_place_brings_the_button_back_at_once(client):
    webinar = OpenWebinarFactory(capacity=1)
    registration = register_participant(webinar=webinar, data=registration_data("amina@example.org"))
    assert "Join the waiting list" in html(client, page_url(webinar))

    cancel_registration(registration=registration)

    assert "Register for this webinar" in html(client, page_url(webinar))


def test_enough_survey_answers_show_the_figures_at_once(client):
    webinar = HeldWebinarFactory()
    for _n in range(4):
        FeedbackFactory(webinar=webinar)
    assert "What participants thought" not in html(client, page_url(webinar))

    FeedbackFactory(webinar=webinar)

    assert "What participants thought" in html(client, page_url(webinar))


def test_a_suggestion_published_shows_at_once(client):
    webinar = HeldWebinarFactory()
    answers = [FeedbackFactory(webinar=webinar, topic_suggestion="Patent landscapes") for _n in range(5)]
    assert "Patent landscapes" not in html(client, page_url(webinar))

    answers[0].suggestion_review = SuggestionReview.PUBLISHED
    answers[0].save(update_fields=["suggestion_review"])

    assert "Patent landscapes" in html(client, page_url(webinar))


def test_joining_a_series_shows_on_the_webinar_and_the_series_pages_at_once(client):
    series = SeriesFactory(title="Examination in practice")
    WebinarFactory(series=series, series_position=1, title="First part")
    webinar = OpenWebinarFactory(title="Second part")
    assert "Examination in practice" not in html(client, page_url(webinar))
    assert "Second part" not in html(client, series_url(series))

    webinar.series, webinar.series_position = series, 2
    webinar.save()

    assert "Examination in practice" in html(client, page_url(webinar))
    assert "Second part" in html(client, series_url(series))


def test_a_part_postponed_shows_on_the_series_page_at_once(client):
    series = SeriesFactory()
    part = WebinarFactory(series=series, series_position=1)
    assert "new date to be announced" not in html(client, series_url(series))

    part.status = Webinar.Status.POSTPONED
    part.save()

    assert "new date to be announced" in html(client, series_url(series))


def test_a_series_renamed_shows_on_its_page_at_once(client):
    series = SeriesFactory(title="Examination in practice")
    WebinarFactory(series=series, series_position=1)
    assert "Examination in practice" in html(client, series_url(series))

    series.title = "Examination, step by step"
    series.save()

    assert "Examination, step by step" in html(client, series_url(series))


def test_a_topic_renamed_shows_at_once(client):
    webinar = OpenWebinarFactory()
    html(client, page_url(webinar))

    webinar.topic.title = "Licensing in universities"
    webinar.topic.save()

    assert "Licensing in universities" in html(client, page_url(webinar))


def test_a_change_committed_after_the_page_was_read_is_not_kept_as_fresh(client, monkeypatch):
    """The webinar's version is read before its rows: a registration committing while the page
    is being built leaves what is stored stale, and the next visitor gets a new page."""
    from participants import selectors as participant_selectors

    webinar = OpenWebinarFactory()
    real_offer = participant_selectors.registration_offer

    def offer_then_someone_registers(read_webinar):
        offer = real_offer(read_webinar)
        page_cache.bump_webinar_version(read_webinar.pk)  # what the registration's commit does
        return offer

    monkeypatch.setattr(participant_selectors, "registration_offer", offer_then_someone_registers)
    html(client, page_url(webinar))
    monkeypatch.setattr(participant_selectors, "registration_offer", real_offer)

    assert queries(client, page_url(webinar)) > 0
    assert queries(client, page_url(webinar)) == 0


def test_a_page_read_before_a_commit_is_dropped_once_the_change_commits(client, django_capture_on_commit_callbacks):
    """Another process may render the page between the save and its commit: the second bump,
    after the commit, drops that page too."""
    webinar = OpenWebinarFactory(capacity=1)
    html(client, page_url(webinar))
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        register_participant(webinar=webinar, data=registration_data("amina@example.org"))
        html(client, page_url(webinar))  # cached under the version of the save
    assert queries(client, page_url(webinar)) == 0

    for callback in after_commit:
        callback()

    assert queries(client, page_url(webinar)) > 0


# Only what changed is rebuilt -----------------------------------------------------------------


def test_a_registration_leaves_the_other_webinars_and_the_list_cached(client):
    webinar, other = OpenWebinarFactory(), OpenWebinarFactory()
    html(client, page_url(other))
    html(client, "/en/")

    register_participant(webinar=webinar, data=registration_data("amina@example.org"))

    assert queries(client, page_url(other)) == 0
    assert queries(client, "/en/") == 0


# The clock -------------------------------------------------------------------------------------


def test_registration_closes_at_the_start_even_on_a_cached_page(client, monkeypatch):
    starts_at = timezone.now() + timedelta(hours=1)
    webinar = OpenWebinarFactory(starts_at=starts_at)
    assert "register-button" in html(client, page_url(webinar))
    assert queries(client, page_url(webinar)) == 0

    monkeypatch.setattr(timezone, "now", lambda: starts_at + timedelta(seconds=1))

    assert "register-button" not in html(client, page_url(webinar))


def test_a_webinar_waiting_for_its_expert_stops_offering_the_form_at_the_start(client, monkeypatch):
    starts_at = timezone.now() + timedelta(hours=1)
    webinar = WebinarFactory(starts_at=starts_at)  # no expert yet: "tell me" form
    assert "date-alert-form" in html(client, page_url(webinar))

    monkeypatch.setattr(timezone, "now", lambda: starts_at + timedelta(seconds=1))

    assert "date-alert-form" not in html(client, page_url(webinar))


def test_a_page_is_kept_no_longer_than_until_the_start():
    page_cache.store_page("test-page", "<p>page</p>", timeout=120, fresh_until=timezone.now() - timedelta(seconds=1))
    assert page_cache.read_page("test-page") is None

    page_cache.store_page("test-page", "<p>page</p>", timeout=120, fresh_until=timezone.now() + timedelta(hours=1))
    assert page_cache.read_page("test-page") == "<p>page</p>"


# Who gets the shared page -------------------------------------------------------------------------


def test_staff_never_get_the_anonymous_page_nor_leave_theirs_in_the_cache(client):
    webinar = OpenWebinarFactory()
    staff = Client()
    staff.force_login(StaffFactory())

    staff_first = html(staff, page_url(webinar))  # the cache is empty: the staff view comes first
    anonymous = html(client, page_url(webinar))
    staff_again = html(staff, page_url(webinar))

    assert "Log out" in staff_first and "Administration" in staff_first
    assert "Log out" not in anonymous and "Administration" not in anonymous
    assert "Log out" in staff_again and "Administration" in staff_again


def test_a_coordinator_gets_their_own_page_of_a_webinar_and_a_series(client):
    webinar = OpenWebinarFactory(series=SeriesFactory(), series_position=1)
    html(client, page_url(webinar))
    html(client, series_url(webinar.series))
    coordinator = Client()
    coordinator.force_login(CoordinatorFactory().user)

    for url in (page_url(webinar), series_url(webinar.series)):
        page = html(coordinator, url)
        assert "My group's answers" in page
        assert "Log out" not in html(client, url)


def test_a_visitor_with_a_message_waiting_sees_it_on_a_cached_page(client, rf):
    webinar = OpenWebinarFactory()
    html(client, page_url(webinar))  # cached
    storage = CookieStorage(rf.get("/"))
    storage.add(message_levels.SUCCESS, "Your request was received.")
    response = HttpResponse()
    storage.update(response)
    client.cookies.update(response.cookies)

    assert "Your request was received." in html(client, page_url(webinar))
    assert "Your request was received." not in html(Client(), page_url(webinar))


# CSRF from a cached page -------------------------------------------------------------------------


def test_a_visitor_of_a_cached_page_can_ask_to_be_told_the_date():
    webinar = WebinarFactory()  # no expert yet: the page offers the form
    html(Client(), page_url(webinar))  # someone else filled the cache
    visitor = Client(enforce_csrf_checks=True)

    response = visitor.get(page_url(webinar))
    token = csrf_token_in(response.content.decode())

    assert "csrftoken" in response.cookies  # the visitor's own token, set from the cached page
    assert not token.startswith("csrf-")
    posted = visitor.post(
        reverse("participants:date_alert", args=[webinar.slug]),
        {"email": "amina@example.org", "language": "en", "consent": "on", "website": "", "csrfmiddlewaretoken": token},
    )
    assert posted.status_code == 302
    assert posted["Location"] == reverse("participants:date_alert_sent", args=[webinar.slug])


def test_a_visitor_of_a_cached_page_can_register():
    webinar = OpenWebinarFactory()
    html(Client(), page_url(webinar))
    visitor = Client(enforce_csrf_checks=True)
    page = html(visitor, page_url(webinar))
    register = re.search(r'class="btn btn-primary register-button" href="([^"]+)"', page).group(1)

    form = html(visitor, register)
    data = registration_data("amina@example.org")
    data.pop("has_consented")
    posted = visitor.post(register, {**data, "consent": "on", "csrfmiddlewaretoken": csrf_token_in(form)})

    assert posted.status_code == 302
    assert Registration.objects.filter(webinar=webinar, email="amina@example.org").exists()


def test_a_visitor_of_a_cached_series_page_can_change_the_language():
    series = SeriesFactory()
    WebinarFactory(series=series, series_position=1)
    html(Client(), series_url(series))
    visitor = Client(enforce_csrf_checks=True)
    token = csrf_token_in(html(visitor, series_url(series)))

    response = visitor.post(
        "/i18n/setlang/", {"language": "fr", "next": series_url(series), "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
