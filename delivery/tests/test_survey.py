"""The feedback survey: sending signed links, one answer per person, results, and the next cycle."""

import re
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from delivery.forms.survey import parse_addresses
from delivery.services import survey
from outbox.models import Notice
from proposals.cycle import prepare_next_cycle
from proposals.models import CandidateTopic
from webinars.models import Feedback, Webinar
from webinars.tests.factories import (
    ExpertFactory,
    FeedbackFactory,
    HeldWebinarFactory,
    LanguageFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
CHANGELIST = "/en/admin/webinars/webinar/"
ANSWERS = {
    "overall_rating": "4",
    "content_rating": "5",
    "expert_rating": "3",
    "useful": "The case studies.",
    "to_improve": "More time for questions.",
    "topic_suggestion": "Patent information for start-ups",
}


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PORTAL_SITE_URL = SITE + "/"
    settings.PORTAL_SURVEY_MAX_AGE = 30 * 24 * 3600


def send(webinar, *recipients):
    return survey.send_feedback_survey(webinar=webinar, actor=None, recipients=list(recipients))


def link_path(body: str) -> str:
    url = re.search(rf"{re.escape(SITE)}(/\S+/survey/\S+/)", body)
    assert url, body
    return url.group(1)


def token_for(webinar, email="someone@example.org", source=Feedback.Source.PARTICIPANT) -> str:
    return survey.make_survey_token(webinar=webinar, email=email, source=source)


def answer_url(token: str, language: str = "en") -> str:
    return f"/{language}/survey/{token}/"


# Sending ------------------------------------------------------------------------------


def test_each_person_gets_one_message_with_a_link_in_their_language(django_capture_on_commit_callbacks):
    webinar = HeldWebinarFactory(title_en="Patent searching", title_fr="Recherche de brevets")
    with django_capture_on_commit_callbacks(execute=True):
        result = send(
            webinar,
            ("ana@example.org", "fr", Feedback.Source.PARTICIPANT),
            ("BOB@example.org", "en", Feedback.Source.PARTICIPANT),
        )

    assert result.sent == ("ana@example.org", "BOB@example.org")
    notices = Notice.objects.filter(kind=Notice.Kind.FEEDBACK_SURVEY).order_by("to")
    assert [(n.to, n.language) for n in notices] == [("BOB@example.org", "en"), ("ana@example.org", "fr")]
    french = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert "Recherche de brevets" in french.subject
    assert link_path(french.body).startswith("/fr/survey/")


def test_the_link_carries_the_webinar_a_digest_of_the_address_and_the_source_but_not_the_address():
    webinar = HeldWebinarFactory()
    token = token_for(webinar, "Ana@Example.org ", Feedback.Source.PARTICIPANT)

    payload = signing.loads(token, salt=survey.SURVEY_SALT)
    assert payload == {"w": webinar.pk, "r": survey.respondent_digest("ana@example.org"), "s": "participant"}
    assert "ana" not in token.lower()


def test_sending_again_sends_nothing_twice(django_capture_on_commit_callbacks):
    webinar = HeldWebinarFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send(webinar, ("ana@example.org", "en", Feedback.Source.PARTICIPANT))
    with django_capture_on_commit_callbacks(execute=True):
        result = send(
            webinar,
            ("ANA@example.org", "fr", Feedback.Source.PARTICIPANT),
            ("bob@example.org", "en", Feedback.Source.PARTICIPANT),
        )

    assert result.sent == ("bob@example.org",)
    assert result.already_sent == ("ANA@example.org",)
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bob@example.org"]


def test_a_webinar_not_yet_held_gets_no_survey():
    webinar = WebinarFactory(status=Webinar.Status.SCHEDULED)

    with pytest.raises(ValidationError, match="after the webinar has been held"):
        send(webinar, ("ana@example.org", "en", Feedback.Source.PARTICIPANT))
    assert not Notice.objects.exists()


def test_one_bad_address_sends_nothing_at_all():
    webinar = HeldWebinarFactory()

    with pytest.raises(ValidationError, match="not-an-address"):
        send(
            webinar,
            ("ana@example.org", "en", Feedback.Source.PARTICIPANT),
            ("not-an-address", "en", Feedback.Source.PARTICIPANT),
        )
    assert not Notice.objects.exists()


def test_an_unknown_language_falls_back_to_the_default(settings):
    webinar = HeldWebinarFactory()
    send(webinar, ("ana@example.org", "xx", Feedback.Source.PARTICIPANT))

    assert Notice.objects.get().language == settings.LANGUAGE_CODE


def test_pasted_addresses_are_split_deduplicated_and_checked():
    good, bad = parse_addresses("a@example.org, b@example.org;\nA@EXAMPLE.org\n<c@example.org> nope")
    assert good == ["a@example.org", "b@example.org", "c@example.org"]
    assert bad == ["nope"]


# The survey page ----------------------------------------------------------------------


def test_the_link_opens_the_survey_and_a_get_stores_nothing(client):
    webinar = HeldWebinarFactory(title_en="Patent searching")

    response = client.get(answer_url(token_for(webinar)))

    assert response.status_code == 200
    assert "Patent searching" in response.text
    assert 'name="overall_rating"' in response.text
    assert not Feedback.objects.exists()


def test_a_participant_answers_once_and_the_answer_is_stored_with_its_source(client):
    webinar = HeldWebinarFactory()

    response = client.post(answer_url(token_for(webinar, "ana@example.org")), ANSWERS)

    assert response.status_code == 302
    assert response["Location"] == "/en/survey/thanks/"
    feedback = Feedback.objects.get()
    assert (feedback.webinar, feedback.source, feedback.expert) == (webinar, Feedback.Source.PARTICIPANT, None)
    assert (feedback.overall_rating, feedback.content_rating, feedback.expert_rating) == (4, 5, 3)
    assert feedback.topic_suggestion == "Patent information for start-ups"
    assert feedback.respondent == survey.respondent_digest("ana@example.org")
    assert "ana@example.org" not in str(Feedback.objects.values().get())


def test_a_link_that_came_in_the_message_works(client, django_capture_on_commit_callbacks):
    webinar = HeldWebinarFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send(webinar, ("ana@example.org", "fr", Feedback.Source.PARTICIPANT))

    response = client.post(link_path(mail.outbox[0].body), ANSWERS)

    assert response.status_code == 302
    assert Feedback.objects.filter(webinar=webinar).count() == 1


def test_a_reused_link_says_already_answered_and_changes_nothing(client):
    webinar = HeldWebinarFactory()
    url = answer_url(token_for(webinar))
    client.post(url, ANSWERS)

    again = client.post(url, {**ANSWERS, "overall_rating": "1", "topic_suggestion": "Something else"})
    shown = client.get(url)

    assert again.status_code == 409
    assert "You have already answered" in again.text
    assert "You have already answered" in shown.text
    feedback = Feedback.objects.get()
    assert (feedback.overall_rating, feedback.topic_suggestion) == (4, "Patent information for start-ups")


def test_a_second_link_for_the_same_address_cannot_answer_again(client):
    webinar = HeldWebinarFactory()
    client.post(answer_url(token_for(webinar, "ana@example.org")), ANSWERS)

    response = client.post(answer_url(token_for(webinar, " ANA@example.org"), "fr"), ANSWERS)

    assert response.status_code == 409
    assert Feedback.objects.count() == 1


def test_the_same_person_answers_each_webinar_once(client):
    first, second = HeldWebinarFactory(), HeldWebinarFactory()
    client.post(answer_url(token_for(first)), ANSWERS)
    client.post(answer_url(token_for(second)), ANSWERS)

    assert Feedback.objects.count() == 2


def test_the_database_refuses_a_second_answer_from_the_same_respondent():
    webinar = HeldWebinarFactory()
    FeedbackFactory(webinar=webinar, respondent="abc")
    FeedbackFactory(webinar=webinar, respondent="")  # answers entered by hand carry no respondent
    FeedbackFactory(webinar=webinar, respondent="")

    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackFactory(webinar=webinar, respondent="abc")


def test_an_answer_that_arrives_between_the_check_and_the_save_is_refused(monkeypatch):
    webinar = HeldWebinarFactory()
    invitation = survey.invitation_from_token(token_for(webinar))
    FeedbackFactory(webinar=webinar, respondent=invitation.respondent)
    monkeypatch.setattr(survey.SurveyInvitation, "has_answered", lambda self: False)

    with pytest.raises(survey.AlreadyAnswered):
        survey.submit_feedback(invitation=invitation, answers={"overall_rating": 2})
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize(
    ("token", "headline"),
    [
        ("not-a-token", "This link does not work"),
        pytest.param("tampered", "This link does not work", id="tampered"),
        pytest.param("other-salt", "This link does not work", id="signed-for-something-else"),
        pytest.param("not-held", "This link no longer works", id="webinar-not-held"),
    ],
)
def test_a_forged_link_gets_a_400_page_with_a_clear_message(client, token, headline):
    webinar = HeldWebinarFactory()
    if token == "tampered":
        good = token_for(webinar)
        payload, rest = good.split(":", 1)
        token = signing.b64_encode(b'{"w":%d,"r":"x","s":"expert"}' % webinar.pk).decode() + ":" + rest
    elif token == "other-salt":
        token = signing.dumps({"w": webinar.pk, "r": "x", "s": "participant"}, salt="webinars.network.confirm")
    elif token == "not-held":
        token = token_for(WebinarFactory(status=Webinar.Status.SCHEDULED))

    response = client.post(answer_url(token), ANSWERS)

    assert response.status_code == 400
    assert headline in response.text
    assert not Feedback.objects.exists()


def test_an_expired_link_says_so(client, settings):
    webinar = HeldWebinarFactory()
    token = token_for(webinar)
    settings.PORTAL_SURVEY_MAX_AGE = -1

    response = client.get(answer_url(token))

    assert response.status_code == 400
    assert "This link has expired" in response.text
    assert "The survey for this webinar is closed." in response.text


def test_ratings_go_from_1_to_5(client):
    webinar = HeldWebinarFactory()

    response = client.post(answer_url(token_for(webinar)), {**ANSWERS, "overall_rating": "6"})

    assert response.status_code == 200
    assert response.context["form"].errors["overall_rating"]
    assert not Feedback.objects.exists()


def test_the_expert_answers_as_expert_and_does_not_rate_themselves(client):
    expert = ExpertFactory(email="Expert@example.org")
    webinar = HeldWebinarFactory()
    webinar.experts.add(expert)
    url = answer_url(token_for(webinar, "expert@example.org", Feedback.Source.EXPERT))

    page = client.get(url)
    client.post(url, ANSWERS)

    assert 'name="expert_rating"' not in page.text
    feedback = Feedback.objects.get()
    assert (feedback.source, feedback.expert, feedback.expert_rating) == (Feedback.Source.EXPERT, expert, None)


def test_an_expert_link_for_someone_no_longer_on_the_webinar_does_not_work(client):
    webinar = HeldWebinarFactory()

    response = client.get(answer_url(token_for(webinar, "gone@example.org", Feedback.Source.EXPERT)))

    assert response.status_code == 400


# Admin actions ------------------------------------------------------------------------


def test_the_admin_sends_the_survey_to_the_experts_in_their_language(client, django_capture_on_commit_callbacks):
    webinar = HeldWebinarFactory()
    expert = ExpertFactory(email="expert@example.org")
    expert.languages.set([LanguageFactory(code="es")])
    webinar.experts.add(expert)
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGELIST, {"action": "send_survey_to_experts", ACTION_CHECKBOX_NAME: [webinar.pk]}, follow=True
        )

    assert "survey sent to 1 person" in response.text
    notice = Notice.objects.get(kind=Notice.Kind.FEEDBACK_SURVEY)
    assert (notice.to, notice.language) == ("expert@example.org", "es")
    token = link_path(mail.outbox[0].body).split("/")[3]
    assert survey.invitation_from_token(token).expert == expert


def test_the_admin_refuses_to_send_the_survey_for_a_webinar_not_held(client):
    webinar = WebinarFactory(status=Webinar.Status.SCHEDULED)
    webinar.experts.add(ExpertFactory())
    client.force_login(StaffFactory())

    response = client.post(
        CHANGELIST, {"action": "send_survey_to_experts", ACTION_CHECKBOX_NAME: [webinar.pk]}, follow=True
    )

    assert "only after the webinar has been held" in response.text
    assert not Notice.objects.exists()


def test_the_admin_pastes_participants_addresses_on_an_intermediate_page(client, django_capture_on_commit_callbacks):
    webinar = HeldWebinarFactory()
    client.force_login(StaffFactory())
    choose = {"action": "send_survey_to_participants", ACTION_CHECKBOX_NAME: [webinar.pk]}

    page = client.post(CHANGELIST, choose)
    assert page.status_code == 200
    assert 'name="addresses"' in page.text
    assert not Notice.objects.exists()  # choosing the action only shows the page

    pasted = {"addresses": "ana@example.org\nbob@example.org, ana@example.org", "language": "fr"}
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(CHANGELIST, {**choose, "apply": "1", **pasted}, follow=True)

    assert "survey sent to 2 person" in done.text
    assert sorted(Notice.objects.values_list("to", "language")) == [
        ("ana@example.org", "fr"),
        ("bob@example.org", "fr"),
    ]


def test_the_intermediate_page_shows_bad_addresses_and_sends_nothing(client):
    webinar = HeldWebinarFactory()
    client.force_login(StaffFactory())

    response = client.post(
        CHANGELIST,
        {
            "action": "send_survey_to_participants",
            ACTION_CHECKBOX_NAME: [webinar.pk],
            "apply": "1",
            "addresses": "ana@example.org\nnope@",
            "language": "en",
        },
    )

    assert response.status_code == 200
    assert "These are not e-mail addresses: nope@" in response.text
    assert not Notice.objects.exists()


# Results ------------------------------------------------------------------------------


def test_results_of_a_webinar_show_averages_counts_and_comments(client):
    webinar = HeldWebinarFactory()
    expert = ExpertFactory()
    FeedbackFactory(webinar=webinar, overall_rating=4, content_rating=5, useful="Clear slides")
    FeedbackFactory(webinar=webinar, overall_rating=2, content_rating=3, to_improve="Too fast")
    FeedbackFactory(webinar=webinar, overall_rating=5, source=Feedback.Source.EXPERT, expert=expert)
    FeedbackFactory(overall_rating=1)  # another webinar
    client.force_login(StaffFactory())

    response = client.get(f"/en/survey/results/webinar/{webinar.pk}/")

    totals = response.context["totals"]
    assert (totals["answers"], totals["participants"], totals["experts"]) == (3, 2, 1)
    assert totals["avg_overall_rating"] == pytest.approx(11 / 3)
    assert totals["avg_content_rating"] == pytest.approx(4)
    assert "Clear slides" in response.text and "Too fast" in response.text
    assert "3.7" in response.text


def test_results_are_for_the_secretariat_only(client):
    webinar = HeldWebinarFactory()
    client.force_login(UserFactory())

    response = client.get(f"/en/survey/results/webinar/{webinar.pk}/")

    assert response.status_code == 403
    assert b"for the Secretariat" in response.content


def test_results_of_a_webinar_not_held_are_not_found(client):
    client.force_login(StaffFactory())

    assert client.get(f"/en/survey/results/webinar/{WebinarFactory().pk}/").status_code == 404


def test_results_of_a_year_list_each_held_webinar_with_its_averages(client):
    year = timezone.now().year - 1
    held_at = timezone.now().replace(year=year, month=6, day=15)
    webinar = HeldWebinarFactory(starts_at=held_at, title_en="Held last year")
    FeedbackFactory(webinar=webinar, overall_rating=3, topic_suggestion="AI")
    FeedbackFactory(webinar=webinar, overall_rating=5)
    HeldWebinarFactory(starts_at=held_at + timedelta(days=400), title_en="Held another year")
    client.force_login(StaffFactory())

    response = client.get(f"/en/survey/results/{year}/")

    [row] = response.context["webinars"]
    assert (row.pk, row.answers, row.avg_overall_rating, row.topic_suggestions) == (webinar.pk, 2, 4, 1)
    assert "Held last year" in response.text and "Held another year" not in response.text
    assert response.context["totals"]["answers"] == 2


def test_the_year_page_makes_the_same_number_of_queries_for_1_and_10_webinars(client):
    year = timezone.now().year - 1
    held_at = timezone.now().replace(year=year, month=3, day=1)
    client.force_login(StaffFactory())

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/survey/results/{year}/").status_code == 200
        return len(queries)

    FeedbackFactory(webinar=HeldWebinarFactory(starts_at=held_at))
    few = count_queries()
    for _ in range(9):
        FeedbackFactory(webinar=HeldWebinarFactory(starts_at=held_at), useful="x")
    assert count_queries() == few


def test_the_webinar_results_page_makes_the_same_number_of_queries_for_1_and_10_comments(client):
    webinar = HeldWebinarFactory()
    client.force_login(StaffFactory())

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/survey/results/webinar/{webinar.pk}/").status_code == 200
        return len(queries)

    FeedbackFactory(webinar=webinar, useful="x", source=Feedback.Source.EXPERT, expert=ExpertFactory())
    few = count_queries()
    for _ in range(9):
        FeedbackFactory(webinar=webinar, useful="y", source=Feedback.Source.EXPERT, expert=ExpertFactory())
    assert count_queries() == few


# The next cycle -----------------------------------------------------------------------


def test_topic_suggestions_from_the_survey_become_candidates_of_the_next_cycle_with_their_source(client, settings):
    settings.PORTAL_CYCLE_PREPARE_ON = "01-01"
    settings.PORTAL_SECRETARIAT_EMAILS = []
    expert = ExpertFactory(email="expert@example.org")
    webinar = HeldWebinarFactory(title_en="Patent searching")
    webinar.experts.add(expert)
    client.post(answer_url(token_for(webinar, "ana@example.org")), ANSWERS)
    client.post(
        answer_url(token_for(webinar, "expert@example.org", Feedback.Source.EXPERT)),
        {**ANSWERS, "topic_suggestion": "Licensing basics"},
    )

    prepare_next_cycle(at=timezone.now())

    candidates = CandidateTopic.objects.filter(source=CandidateTopic.Source.FEEDBACK).select_related("topic")
    assert sorted((c.topic.title, c.note) for c in candidates) == [
        ("Licensing basics", "Expert: Patent searching"),
        ("Patent information for start-ups", "Participant: Patent searching"),
    ]


def test_the_results_page_without_a_year_shows_this_year(client):
    client.force_login(StaffFactory())

    response = client.get("/en/survey/results/")

    assert response.context["year"] == timezone.localdate().year
