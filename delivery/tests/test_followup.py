"""Following up held webinars: the checklist, overdue flags, the follow-up screen and "materials available"."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import StaffFactory, UserFactory
from delivery.selectors.followup import followup_of, overdue_followups
from delivery.services import followup
from delivery.tests.factories import DeliveredLanguageFactory, pdf_bytes
from outbox.models import Notice
from participants.models import NetworkMember, Registration
from participants.tests.factories import NetworkMemberFactory, RegistrationFactory
from webinars.models import AnsweredQuestion, Material, Webinar
from webinars.tests.factories import (
    AnsweredQuestionFactory,
    HeldWebinarFactory,
    LanguageFactory,
    MaterialFactory,
    RegionFactory,
    ScopeAreaFactory,
    TopicFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db

MINIMAL_PDF = pdf_bytes()


@pytest.fixture(autouse=True)
def _media_and_site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_SITE_URL = "https://webinars.example.org"
    settings.PORTAL_FOLLOWUP_OVERDUE_DAYS = 14


@pytest.fixture
def staff(client):
    user = StaffFactory()
    client.force_login(user)
    return user


def _held(days_ago: int = 30, **kwargs) -> Webinar:
    return HeldWebinarFactory(starts_at=timezone.now() - timedelta(days=days_ago), **kwargs)


def _complete(webinar: Webinar) -> Webinar:
    """Everything the checklist asks for, done."""
    MaterialFactory(webinar=webinar, kind=Material.Kind.RECORDING)
    MaterialFactory(webinar=webinar, kind=Material.Kind.SLIDES, title="Slides")
    AnsweredQuestionFactory(webinar=webinar)
    DeliveredLanguageFactory(webinar=webinar, language=LanguageFactory(code="en"))
    webinar.summary_en = "What was said."
    webinar.attendance_count = 42
    webinar.save()
    Notice.objects.create(
        kind=Notice.Kind.FEEDBACK_SURVEY,
        key=f"feedback-survey:{webinar.pk}:digest",
        to="someone@example.org",
        language="en",
        subject="Survey",
        body="Survey",
        about_type=ContentType.objects.get_for_model(Webinar),
        about_id=str(webinar.pk),
    )
    return webinar


def _states(webinar) -> dict[str, bool]:
    return {item.key: item.is_done for item in followup_of(webinar).items}


# The checklist ---------------------------------------------------------------------------


def test_a_fresh_held_webinar_misses_every_item():
    assert _states(_held()) == {
        "recording": False,
        "slides": False,
        "summary": False,
        "answers": False,
        "survey_sent": False,
        "report_figures": False,
        "languages_delivered": False,
    }


def test_a_webinar_with_everything_published_has_every_item_done():
    assert set(_states(_complete(_held())).values()) == {True}


def test_unpublished_materials_and_answers_do_not_count():
    webinar = _held()
    MaterialFactory(webinar=webinar, kind=Material.Kind.SLIDES, is_published=False, published_at=None)
    AnsweredQuestionFactory(webinar=webinar, is_published=False)

    states = _states(webinar)

    assert states["slides"] is False and states["answers"] is False


def test_no_questions_left_open_counts_as_answered():
    webinar = _held()
    followup.set_no_open_questions(webinar=webinar, actor=None, value=True)

    assert _states(webinar)["answers"] is True


def test_the_summary_is_missing_until_written_in_every_language_of_the_webinar():
    webinar = _held(languages=[LanguageFactory(code="en"), LanguageFactory(code="fr")])
    followup.save_summary(webinar=webinar, actor=None, summaries={"en": "What was said."})

    item = next(i for i in followup_of(webinar).items if i.key == "summary")
    assert item.is_done is False
    assert "French" in item.detail

    followup.save_summary(webinar=webinar, actor=None, summaries={"fr": "Ce qui a été dit."})
    assert _states(webinar)["summary"] is True


def test_saving_summaries_from_the_french_screen_keeps_the_french_summary():
    """Assigning ``webinar.summary`` writes the active language's column (modeltranslation)."""
    webinar = _held()

    with translation.override("fr"):
        followup.save_summary(
            webinar=webinar, actor=None, summaries={"en": "What was said.", "fr": "Ce qui a été dit."}
        )

    webinar.refresh_from_db()
    assert (webinar.summary_en, webinar.summary_fr) == ("What was said.", "Ce qui a été dit.")


def test_a_survey_sent_for_another_webinar_does_not_count():
    webinar, other = _held(), _complete(_held())

    assert _states(webinar)["survey_sent"] is False
    assert _states(other)["survey_sent"] is True


def test_report_figures_are_done_once_attendance_is_entered():
    webinar = _held()
    webinar.attendance_count = 12
    webinar.save()

    assert _states(webinar)["report_figures"] is True


# Overdue -----------------------------------------------------------------------------------


def test_an_incomplete_webinar_held_more_than_n_days_ago_is_overdue():
    late = _held(days_ago=20)

    overdue = overdue_followups()

    assert [f.webinar for f in overdue] == [late]
    assert ("recording", "Recording published") in overdue[0].missing
    assert overdue[0].done == []


def test_complete_recent_and_scheduled_webinars_are_not_overdue():
    _complete(_held(days_ago=40))
    _held(days_ago=5)
    WebinarFactory(starts_at=timezone.now() - timedelta(days=40))  # scheduled, never marked held

    assert overdue_followups() == []


def test_the_overdue_delay_is_a_setting(settings):
    late = _held(days_ago=5)
    settings.PORTAL_FOLLOWUP_OVERDUE_DAYS = 3

    assert [f.webinar for f in overdue_followups()] == [late]


def test_overdue_followups_takes_the_same_queries_for_one_or_twenty_webinars(django_assert_num_queries):
    ContentType.objects.get_for_model(Webinar)  # cached for the process, as in production
    _held(days_ago=20)
    with CaptureQueriesContext(connection) as one:
        assert len(overdue_followups()) == 1
    for _ in range(19):
        _complete(_held(days_ago=20)) if _ % 2 else _held(days_ago=20)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(overdue_followups()) == 11
    assert len(one.captured_queries) <= 2


# The follow-up screens ---------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    webinar = _held()

    response = client.get(reverse("delivery:followup_detail", args=[webinar.slug]))

    assert response.status_code == 302 and "login" in response["Location"]


def test_a_coordinator_cannot_open_the_follow_up(client):
    client.force_login(UserFactory())
    webinar = _held()

    response = client.get(reverse("delivery:followup_detail", args=[webinar.slug]))

    assert response.status_code == 403


def test_staff_without_any_permission_are_refused_the_follow_up(client):
    client.force_login(UserFactory(is_staff=True))
    webinar = _held()

    assert client.get(reverse("delivery:followup_detail", args=[webinar.slug])).status_code == 403
    assert client.get(reverse("delivery:followup_list")).status_code == 403
    response = client.post(reverse("delivery:followup_save_summary", args=[webinar.slug]), {"en": "x"})
    assert response.status_code == 403
    assert not Webinar.objects.get(pk=webinar.pk).summary_en


def test_a_webinar_not_yet_held_has_no_follow_up(client, staff):
    webinar = WebinarFactory()

    assert client.get(reverse("delivery:followup_detail", args=[webinar.slug])).status_code == 404


def test_changes_need_a_post(client, staff):
    webinar = _held()

    response = client.get(reverse("delivery:followup_announce", args=[webinar.slug]))

    assert response.status_code == 405


def test_the_screen_shows_the_checklist(client, staff):
    webinar = _held(days_ago=30)

    page = client.get(reverse("delivery:followup_detail", args=[webinar.slug])).content.decode()

    assert 'data-item="recording" data-done="no"' in page
    assert "Overdue" in page


def test_slides_and_summary_from_the_screen_show_on_the_public_pages_at_once(client, staff):
    webinar = _held(title="Patent landscapes")
    # Both public pages seen (and the list cached) before the follow-up.
    assert "Slides of the talk" not in client.get(reverse("webinars:topic_list")).content.decode()
    client.logout()
    client.get(reverse("webinars:topic_list"))  # the anonymous whole-page cache too
    client.force_login(staff)

    client.post(
        reverse("delivery:followup_add_material", args=[webinar.slug, "slides"]),
        {
            "slides-title": "Slides of the talk",
            "slides-file": SimpleUploadedFile("deck.pdf", MINIMAL_PDF),
            "slides-publish": "on",
        },
    )
    client.post(reverse("delivery:followup_save_summary", args=[webinar.slug]), {"en": "Offices shared their maps."})
    client.logout()

    detail = client.get(reverse("webinars:webinar_detail", args=[webinar.slug])).content.decode()
    listing = client.get(reverse("webinars:topic_list")).content.decode()
    material = Material.objects.get(webinar=webinar)
    assert "Slides of the talk" in detail
    assert reverse("webinars:material_download", args=[material.pk]) in detail
    assert "Offices shared their maps." in detail
    assert "Slides of the talk" in listing
    assert f"{reverse('webinars:webinar_detail', args=[webinar.slug])}#summary" in listing


def test_an_unpublished_upload_stays_off_the_public_page_until_published(client, staff):
    webinar = _held()
    client.post(
        reverse("delivery:followup_add_material", args=[webinar.slug, "slides"]),
        {"slides-title": "Draft deck", "slides-file": SimpleUploadedFile("deck.pdf", MINIMAL_PDF)},
        follow=True,  # the page after it says "added": read it, so the next page has no message
    )
    material = Material.objects.get()
    assert "Draft deck" not in client.get(reverse("webinars:webinar_detail", args=[webinar.slug])).content.decode()

    client.post(reverse("delivery:followup_publish_material", args=[webinar.slug, material.pk]))
    client.logout()

    assert "Draft deck" in client.get(reverse("webinars:webinar_detail", args=[webinar.slug])).content.decode()
    assert Material.objects.get().published_at is not None


def test_a_recording_link_is_accepted_without_a_file(client, staff):
    webinar = _held()

    response = client.post(
        reverse("delivery:followup_add_material", args=[webinar.slug, "recording"]),
        {"recording-title": "Recording", "recording-url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
    )

    assert response.status_code == 302
    assert Material.objects.get().kind == Material.Kind.RECORDING


def test_neither_link_nor_file_is_refused(client, staff):
    webinar = _held()

    response = client.post(
        reverse("delivery:followup_add_material", args=[webinar.slug, "recording"]), {"recording-title": "Recording"}
    )

    assert response.status_code == 400
    assert "Give a link or upload a file." in response.content.decode()
    assert not Material.objects.exists()


def test_a_material_of_another_webinar_answers_404(client, staff):
    webinar, other = _held(), _held()
    material = MaterialFactory(webinar=other, is_published=False, published_at=None)

    response = client.post(reverse("delivery:followup_publish_material", args=[webinar.slug, material.pk]))

    assert response.status_code == 404
    assert not Material.objects.get(pk=material.pk).is_published


def test_an_answer_written_in_french_is_stored_in_french(client, staff):
    webinar = _held()

    client.post(
        reverse("delivery:followup_add_answer", args=[webinar.slug]),
        {"answer-language": "fr", "answer-question": "Combien ?", "answer-answer": "Trois.", "answer-publish": "on"},
    )

    item = AnsweredQuestion.objects.get()
    assert (item.question_fr, item.answer_fr, item.is_published) == ("Combien ?", "Trois.", True)
    assert _states(webinar)["answers"] is True


def test_the_follow_up_list_puts_overdue_webinars_first(client, staff):
    recent = _held(days_ago=2, title="Recent one")
    late = _held(days_ago=30, title="Late one")
    done = _complete(_held(days_ago=60, title="Done one"))

    followups = client.get(reverse("delivery:followup_list")).context["followups"]

    assert [f.webinar for f in followups] == [late, recent, done]
    assert [f.is_overdue for f in followups] == [True, False, False]


@pytest.mark.parametrize("count", [1, 20])
def test_the_follow_up_list_costs_the_same_queries_whatever_its_length(client, staff, count, django_assert_num_queries):
    for n in range(count):
        webinar = _held(days_ago=n + 1)
        if n % 3 == 0:
            _complete(webinar)
    ContentType.objects.get_for_model(Webinar)
    client.get(reverse("delivery:followup_list"))  # session, user and content types warmed

    with django_assert_num_queries(QUERIES_OF_THE_LIST):
        response = client.get(reverse("delivery:followup_list"))

    assert len(response.context["followups"]) == count


# session + user, then the webinars with their facts, then their languages
QUERIES_OF_THE_LIST = 4


# "Materials available" ---------------------------------------------------------------------


@pytest.fixture
def audience():
    """A held webinar with its registrants and the network around it."""
    region, elsewhere = RegionFactory(code="africa"), RegionFactory(code="europe")
    area = ScopeAreaFactory(code="patents")
    webinar = _held(topic=TopicFactory(scope_area=area), regions=[region])
    MaterialFactory(webinar=webinar, kind=Material.Kind.SLIDES, title="Slides of the talk")
    RegistrationFactory(webinar=webinar, email="registered@example.org", language="fr")
    RegistrationFactory(
        webinar=webinar, email="attended@example.org", state=Registration.State.WAITLISTED, has_attended=True
    )
    RegistrationFactory(webinar=webinar, email="waiting@example.org", state=Registration.State.WAITLISTED)
    RegistrationFactory(webinar=webinar, email="cancelled@example.org", state=Registration.State.CANCELLED)
    RegistrationFactory(webinar=webinar, email="left-network@example.org")
    NetworkMemberFactory(email="left-network@example.org", state=NetworkMember.State.UNSUBSCRIBED)

    def member(email, state=NetworkMember.State.CONFIRMED, regions=(), scope_areas=(), language="en"):
        person = NetworkMemberFactory(
            email=email,
            state=state,
            language=language,
            confirmed_at=timezone.now() if state == NetworkMember.State.CONFIRMED else None,
        )
        person.regions.set(regions)
        person.scope_areas.set(scope_areas)
        return person

    member("by-region@example.org", regions=[region], language="es")
    member("by-area@example.org", scope_areas=[area])
    member("both@example.org", regions=[region], scope_areas=[area])
    member("registered-member@example.org", regions=[region])
    RegistrationFactory(webinar=webinar, email="registered-member@example.org", language="ar")
    member("elsewhere@example.org", regions=[elsewhere])
    member("pending@example.org", state=NetworkMember.State.PENDING, regions=[region])
    member("unsubscribed@example.org", state=NetworkMember.State.UNSUBSCRIBED, regions=[region])
    return webinar


EXPECTED = {
    "registered@example.org",
    "attended@example.org",
    "by-region@example.org",
    "by-area@example.org",
    "both@example.org",
    "registered-member@example.org",
}


def _notices(webinar):
    return {
        n.to: n
        for n in Notice.objects.filter(kind=Notice.Kind.MATERIALS_AVAILABLE, key__startswith=f"materials:{webinar.pk}:")
    }


def test_materials_available_goes_once_to_each_person_of_the_audience(audience):
    result = followup.announce_materials(webinar=audience, actor=None)

    notices = _notices(audience)
    assert set(notices) == EXPECTED
    assert result.queued == len(EXPECTED)
    assert notices["both@example.org"].key == f"materials:{audience.pk}:both@example.org"


def test_announcing_twice_queues_nothing_more(audience):
    followup.announce_materials(webinar=audience, actor=None)

    again = followup.announce_materials(webinar=audience, actor=None)

    assert again.queued == 0 and again.already == len(EXPECTED)
    assert Notice.objects.filter(kind=Notice.Kind.MATERIALS_AVAILABLE).count() == len(EXPECTED)


def test_unsubscribed_and_pending_members_and_registrants_who_left_the_network_are_not_written_to(audience):
    followup.announce_materials(webinar=audience, actor=None)

    assert not {"unsubscribed@example.org", "pending@example.org", "left-network@example.org"} & set(_notices(audience))


def test_each_person_reads_it_in_their_language_members_with_the_unsubscribe_link(audience):
    followup.announce_materials(webinar=audience, actor=None)
    notices = _notices(audience)

    assert notices["registered@example.org"].language == "fr"
    assert notices["by-region@example.org"].language == "es"
    assert "Slides of the talk" in notices["by-area@example.org"].body
    assert "/network/unsubscribe/" in notices["by-area@example.org"].body
    assert notices["by-area@example.org"].context["unsubscribe_url"]
    assert "/network/unsubscribe/" not in notices["registered@example.org"].body
    assert notices["registered-member@example.org"].context["is_member"] is True


def test_nothing_is_announced_before_a_material_is_published():
    webinar = _held()
    MaterialFactory(webinar=webinar, is_published=False, published_at=None)
    RegistrationFactory(webinar=webinar)

    with pytest.raises(ValidationError, match="nothing to announce"):
        followup.announce_materials(webinar=webinar, actor=None)
    assert not Notice.objects.exists()


def test_the_announce_button_queues_and_says_how_many(client, staff, audience):
    response = client.post(reverse("delivery:followup_announce", args=[audience.slug]), follow=True)

    assert f"is on its way to {len(EXPECTED)} people" in response.content.decode()
    assert len(_notices(audience)) == len(EXPECTED)


def test_taking_a_material_off_the_page_hides_it_from_visitors(client, staff):
    webinar = _held()
    material = MaterialFactory(webinar=webinar, kind=Material.Kind.SLIDES, title="Wrong deck")

    client.post(reverse("delivery:followup_withdraw_material", args=[webinar.slug, material.pk]))
    client.logout()

    assert "Wrong deck" not in client.get(reverse("webinars:webinar_detail", args=[webinar.slug])).content.decode()
    assert Material.objects.get(pk=material.pk).published_at is None


def test_the_no_open_questions_button_records_it_and_can_be_undone(client, staff):
    webinar = _held()
    url = reverse("delivery:followup_no_open_questions", args=[webinar.slug])

    client.post(url, {"value": "1"})
    assert Webinar.objects.get(pk=webinar.pk).has_no_open_questions is True

    client.post(url, {"value": "0"})
    assert Webinar.objects.get(pk=webinar.pk).has_no_open_questions is False


def test_the_no_open_questions_button_is_offered_only_without_published_answers(client, staff):
    webinar = _held()
    url = reverse("delivery:followup_detail", args=[webinar.slug])
    AnsweredQuestionFactory(webinar=webinar, is_published=False)
    assert "No question was left open" in client.get(url).content.decode()

    AnsweredQuestionFactory(webinar=webinar, is_published=True)
    assert "No question was left open" not in client.get(url).content.decode()


def test_the_topic_line_shows_the_scope_area_without_nested_brackets(client):
    area = ScopeAreaFactory(code="f", title="New challenges in intellectual property")
    webinar = _held(topic=TopicFactory(title="Technology transfer offices", scope_area=area))

    html = client.get(reverse("webinars:webinar_detail", args=[webinar.slug])).content.decode()

    assert "f) New challenges in intellectual property" in html
    assert "(f) New challenges in intellectual property)" not in html


def test_the_summary_is_saved_per_language_and_shown_in_the_visitors_language(client, staff):
    webinar = _held(languages=[LanguageFactory(code="en"), LanguageFactory(code="fr")])

    client.post(
        reverse("delivery:followup_save_summary", args=[webinar.slug]),
        {"en": "Offices shared their maps.", "fr": "Les offices ont présenté leurs cartes.", "ar": ""},
    )
    client.logout()

    saved = Webinar.objects.get(pk=webinar.pk)
    assert (saved.summary_en, saved.summary_fr) == (
        "Offices shared their maps.",
        "Les offices ont présenté leurs cartes.",
    )
    french_page = client.get(f"/fr/webinars/{webinar.slug}/").content.decode()
    assert "Les offices ont présenté leurs cartes." in french_page
    assert "Offices shared their maps." not in french_page


def test_the_summary_form_lists_the_webinars_languages_first(client, staff):
    webinar = _held(languages=[LanguageFactory(code="fr")])

    form = client.get(reverse("delivery:followup_detail", args=[webinar.slug])).context["summary_form"]

    assert [field.name for field in form.webinar_language_fields()] == ["fr"]
    assert len(form.other_language_fields()) == 5
