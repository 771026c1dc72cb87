"""Campaigns: audience, one message per person, one send, tests to oneself, previews,
unsubscribe links, the staff screens and the promotion kit."""

import re
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from outbox.models import Notice
from outbox.services import deliver_notice
from participants.models import Campaign, NetworkMember, Registration
from participants.services import campaigns
from participants.tests.factories import NetworkMemberFactory, RegistrationFactory
from webinars.models import Webinar
from webinars.tests.factories import (
    HeldWebinarFactory,
    LanguageFactory,
    RegionFactory,
    ScopeAreaFactory,
    SeriesFactory,
    TopicFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


@pytest.fixture(autouse=True)
def _site_and_clean_cache(settings):
    settings.PORTAL_SITE_URL = SITE + "/"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def programme():
    """A scheduled second part of a series, its held first part, a held webinar on the same
    topic outside the series, and one in another scope area."""
    area, other_area = ScopeAreaFactory(), ScopeAreaFactory()
    topic = TopicFactory(scope_area=area)
    series = SeriesFactory(topic=topic)
    english = LanguageFactory(code="en", name="English")
    first = HeldWebinarFactory(series=series, series_position=1, topic=topic, languages=[english])
    webinar = WebinarFactory(
        slug="licensing",
        title="Licensing technology",
        title_fr="Concéder des licences de technologie",
        title_ar="ترخيص التكنولوجيا",
        description="How public research licenses technology.",
        series=series,
        series_position=2,
        topic=topic,
        languages=[english],
    )
    same_topic = HeldWebinarFactory(topic=topic, languages=[english])
    same_area = HeldWebinarFactory(topic=TopicFactory(scope_area=area), languages=[english])
    elsewhere = HeldWebinarFactory(topic=TopicFactory(scope_area=other_area), languages=[english])
    return {
        "area": area,
        "other_area": other_area,
        "webinar": webinar,
        "first": first,
        "same_topic": same_topic,
        "same_area": same_area,
        "elsewhere": elsewhere,
    }


def confirmed(email, **fields):
    regions = fields.pop("regions", [])
    areas = fields.pop("scope_areas", [])
    member = NetworkMemberFactory(
        email=email, state=NetworkMember.State.CONFIRMED, confirmed_at=timezone.now(), **fields
    )
    member.regions.set(regions)
    member.scope_areas.set(areas)
    return member


def attended(webinar, email, **fields):
    return RegistrationFactory(webinar=webinar, email=email, has_attended=True, **fields)


def make_campaign(webinar, *, areas=(), regions=(), **fields):
    fields.setdefault("include_series_participants", False)
    campaign = Campaign.objects.create(webinar=webinar, **fields)
    campaign.scope_areas.set(areas)
    campaign.regions.set(regions)
    return campaign


def emails(campaign) -> list[str]:
    return sorted(recipient.email for recipient in campaigns.campaign_audience(campaign))


# Audience ---------------------------------------------------------------------------


def test_members_are_selected_by_interest_and_those_without_interests_hear_of_everything(programme):
    confirmed("patents@example.org", scope_areas=[programme["area"]])
    confirmed("other@example.org", scope_areas=[programme["other_area"]])
    confirmed("anything@example.org")
    campaign = make_campaign(programme["webinar"], areas=[programme["area"]])
    assert emails(campaign) == ["anything@example.org", "patents@example.org"]


def test_members_are_selected_by_region():
    africa, asia = RegionFactory(), RegionFactory()
    webinar = WebinarFactory()
    confirmed("africa@example.org", regions=[africa])
    confirmed("asia@example.org", regions=[asia])
    campaign = make_campaign(webinar, regions=[africa])
    assert emails(campaign) == ["africa@example.org"]


def test_members_and_past_participants_are_selected_by_language(programme):
    confirmed("fr@example.org", language="fr")
    confirmed("en@example.org", language="en")
    attended(programme["first"], "ar-participant@example.org", language="ar")
    attended(programme["first"], "en-participant@example.org", language="en")
    campaign = make_campaign(programme["webinar"], languages=["fr", "ar"], include_series_participants=True)
    assert emails(campaign) == ["ar-participant@example.org", "fr@example.org"]


def test_pending_and_unsubscribed_members_are_never_selected():
    webinar = WebinarFactory()
    NetworkMemberFactory(email="pending@example.org", state=NetworkMember.State.PENDING)
    NetworkMemberFactory(
        email="left@example.org", state=NetworkMember.State.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )
    confirmed("in@example.org")
    assert emails(make_campaign(webinar)) == ["in@example.org"]


def test_past_participants_of_the_same_series_who_attended_are_selected(programme):
    attended(programme["first"], "came@example.org")
    RegistrationFactory(webinar=programme["first"], email="absent@example.org", has_attended=False)
    attended(programme["same_topic"], "topic@example.org")
    campaign = make_campaign(programme["webinar"], include_network=False, include_series_participants=True)
    assert emails(campaign) == ["came@example.org"]


def test_past_participants_of_related_webinars_share_the_topic_or_the_scope_area(programme):
    attended(programme["same_topic"], "topic@example.org")
    attended(programme["same_area"], "area@example.org")
    attended(programme["elsewhere"], "elsewhere@example.org")
    campaign = make_campaign(programme["webinar"], include_network=False, include_topic_participants=True)
    assert emails(campaign) == ["area@example.org", "topic@example.org"]


def test_a_person_in_the_network_and_among_past_participants_gets_one_message(programme):
    member = confirmed("both@example.org", name="Member name", language="fr")
    attended(programme["first"], "both@example.org", name="Old name", language="en")
    attended(programme["same_topic"], "both@example.org")
    attended(programme["first"], "twice@example.org", language="es")
    later = attended(programme["same_topic"], "twice@example.org", language="ru")
    Registration.objects.filter(pk=later.pk).update(email="TWICE@Example.org")  # older rows may differ in case
    campaign = make_campaign(programme["webinar"], include_series_participants=True, include_topic_participants=True)
    audience = list(campaigns.campaign_audience(campaign))
    assert sorted(r.email for r in audience) == ["both@example.org", "twice@example.org"]
    both = next(r for r in audience if r.email == "both@example.org")
    assert (both.member_id, both.name, both.language) == (member.pk, "Member name", "fr")
    twice = next(r for r in audience if r.email == "twice@example.org")
    assert twice.language == "ru"  # the latest registration


def test_a_past_participant_who_is_a_member_outside_the_criteria_is_written_to_as_a_member(programme):
    member = confirmed("member@example.org", scope_areas=[programme["other_area"]], language="es")
    attended(programme["first"], "member@example.org", language="en")
    campaign = make_campaign(programme["webinar"], areas=[programme["area"]], include_series_participants=True)
    [recipient] = campaigns.campaign_audience(campaign)
    assert (recipient.member_id, recipient.language) == (member.pk, "es")


def test_past_participants_who_left_the_network_are_excluded(programme):
    NetworkMemberFactory(
        email="left@example.org", state=NetworkMember.State.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )
    attended(programme["first"], "left@example.org")
    attended(programme["first"], "stays@example.org")
    campaign = make_campaign(programme["webinar"], include_series_participants=True)
    assert emails(campaign) == ["stays@example.org"]


def test_people_already_registered_for_the_webinar_are_not_invited_to_it(programme):
    confirmed("registered@example.org")
    confirmed("cancelled@example.org")
    RegistrationFactory(webinar=programme["webinar"], email="registered@example.org")
    RegistrationFactory(webinar=programme["webinar"], email="cancelled@example.org", state=Registration.State.CANCELLED)
    assert emails(make_campaign(programme["webinar"])) == ["cancelled@example.org"]


def test_audience_counts_by_language(programme):
    confirmed("a@example.org", language="ar")
    confirmed("b@example.org", language="ar")
    confirmed("c@example.org", language="fr")
    counts = campaigns.audience_counts(make_campaign(programme["webinar"]))
    assert counts["total"] == 3
    assert counts["by_language"] == {"ar": 2, "zh-hans": 0, "en": 0, "fr": 1, "ru": 0, "es": 0}


# Sending ----------------------------------------------------------------------------


def test_sending_queues_one_message_per_recipient_and_marks_the_campaign_sent(programme):
    staff = StaffFactory()
    confirmed("one@example.org", name="Ana", language="fr")
    confirmed("two@example.org")
    attended(programme["first"], "three@example.org", name="Li")
    campaign = make_campaign(programme["webinar"], include_series_participants=True, subject_fr="Invitation")
    campaign = campaigns.send_campaign(campaign=campaign, actor=staff)
    assert (campaign.state, campaign.sent_count, campaign.sent_by) == (Campaign.State.SENT, 3, staff)
    assert campaign.sent_at is not None
    notices = {n.to: n for n in Notice.objects.filter(kind=Notice.Kind.CAMPAIGN)}
    assert set(notices) == {"one@example.org", "two@example.org", "three@example.org"}
    assert notices["one@example.org"].key == f"campaign:{campaign.pk}:one@example.org"
    assert notices["one@example.org"].language == "fr"
    assert notices["one@example.org"].subject == "Invitation"
    assert "Ana" in notices["one@example.org"].body
    assert "Li" in notices["three@example.org"].body
    assert notices["two@example.org"].about == campaign


def test_a_campaign_sent_twice_is_refused_and_queues_nothing_more(programme):
    staff = StaffFactory()
    confirmed("one@example.org")
    campaign = make_campaign(programme["webinar"])
    campaigns.send_campaign(campaign=campaign, actor=staff)
    confirmed("newcomer@example.org")
    with pytest.raises(ValidationError, match="sent only once"):
        campaigns.send_campaign(campaign=campaign, actor=staff)
    assert list(Notice.objects.values_list("to", flat=True)) == ["one@example.org"]


def test_a_campaign_with_nobody_to_write_to_stays_a_draft(programme):
    campaign = make_campaign(programme["webinar"])
    with pytest.raises(ValidationError, match="Nobody matches"):
        campaigns.send_campaign(campaign=campaign, actor=StaffFactory())
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.DRAFT
    assert not Notice.objects.exists()


def test_a_webinar_that_already_started_cannot_be_promoted(programme):
    webinar = programme["webinar"]
    Webinar.objects.filter(pk=webinar.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    confirmed("one@example.org")
    with pytest.raises(ValidationError, match="has not started"):
        campaigns.send_campaign(campaign=make_campaign(webinar), actor=StaffFactory())
    assert not Notice.objects.exists()


def test_sending_makes_the_same_number_of_queries_for_6_and_40_recipients(programme):
    def queries_for(count, prefix):
        webinar = WebinarFactory(languages=[programme["webinar"].languages.first()])
        for n in range(count):
            confirmed(f"{prefix}{n}@example.org", language=LANGUAGES[n % 6])
        campaign = make_campaign(webinar)
        with CaptureQueriesContext(connection) as queries:
            campaigns.send_campaign(campaign=campaign, actor=None)
        NetworkMember.objects.all().delete()
        return len(queries)

    assert queries_for(6, "small") == queries_for(40, "large")


def test_every_message_has_the_unsubscribe_link_and_the_one_click_headers(programme, client):
    confirmed("member@example.org")
    attended(programme["first"], "participant@example.org")
    campaign = make_campaign(programme["webinar"], include_series_participants=True)
    campaigns.send_campaign(campaign=campaign, actor=StaffFactory())
    for notice in Notice.objects.all():
        deliver_notice(notice_id=notice.pk)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        [url] = re.findall(rf"{re.escape(SITE)}(/\S+/(?:unsubscribe|opt-out)/\S+/)", message.body)
        assert message.extra_headers["List-Unsubscribe"] == f"<{SITE}{url}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
    assert set(NetworkMember.objects.values_list("email", "state")) == {
        ("member@example.org", NetworkMember.State.UNSUBSCRIBED),
        ("participant@example.org", NetworkMember.State.UNSUBSCRIBED),
    }


def test_a_past_participant_who_opted_out_is_left_out_of_the_next_campaign(programme, client):
    registration = attended(programme["first"], "participant@example.org")
    token = campaigns.make_opt_out_token(email=registration.email, registration_id=registration.pk)
    assert client.get(f"/en/network/opt-out/{token}/").status_code == 200
    assert not NetworkMember.objects.exists()  # a GET (a mail scanner) changes nothing
    client.post(f"/en/network/opt-out/{token}/")
    campaign = make_campaign(programme["webinar"], include_series_participants=True)
    assert emails(campaign) == []


def test_the_link_in_a_test_message_takes_the_staff_members_address_off_the_campaigns(client):
    staff = StaffFactory(email="Me@Secretariat.example.org")
    token = campaigns.make_opt_out_token(email=staff.email, user_id=staff.pk)
    assert "secretariat" not in token.lower()  # the address itself is not in the link
    client.post(f"/en/network/opt-out/{token}/")
    member = NetworkMember.objects.get()
    assert (member.email, member.state) == ("me@secretariat.example.org", NetworkMember.State.UNSUBSCRIBED)


def test_a_forged_opt_out_link_is_refused(client):
    registration = RegistrationFactory()
    token = campaigns.make_opt_out_token(email="someone-else@example.org", registration_id=registration.pk)
    assert client.post(f"/en/network/opt-out/{token}/").status_code == 400
    assert client.post("/en/network/opt-out/not-a-token/").status_code == 400
    assert not NetworkMember.objects.exists()


# Test to oneself and previews -------------------------------------------------------


def test_a_test_goes_to_the_staff_members_own_address_and_can_be_repeated(
    programme, django_capture_on_commit_callbacks
):
    staff = StaffFactory(email="me@secretariat.example.org", first_name="Sam", last_name="Lee")
    campaign = make_campaign(programme["webinar"])
    with django_capture_on_commit_callbacks(execute=True):
        first = campaigns.send_campaign_test(campaign=campaign, actor=staff, language="fr")
        second = campaigns.send_campaign_test(campaign=campaign, actor=staff, language="ar")
    assert first.key != second.key
    assert [m.to for m in mail.outbox] == [["me@secretariat.example.org"], ["me@secretariat.example.org"]]
    assert "Sam Lee" in mail.outbox[0].body
    assert "Concéder des licences de technologie" in mail.outbox[0].body
    assert mail.outbox[0].extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/fr/network/opt-out/")
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.DRAFT and campaign.test_sent_at is not None


def test_tests_to_oneself_are_limited_to_five_per_ten_minutes(programme):
    staff = StaffFactory()
    campaign = make_campaign(programme["webinar"])
    for _n in range(5):
        campaigns.send_campaign_test(campaign=campaign, actor=staff)
    with pytest.raises(ValidationError, match="wait ten minutes"):
        campaigns.send_campaign_test(campaign=campaign, actor=staff)
    assert Notice.objects.count() == 5


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_preview_shows_the_message_in_each_language(programme, language):
    suffix = language.replace("-", "_")
    campaign = make_campaign(
        programme["webinar"],
        **{f"subject_{suffix}": f"Subject in {language}", f"introduction_{suffix}": f"Introduction in {language}"},
    )
    preview = campaigns.preview_campaign(campaign, language)
    assert preview["subject"] == f"Subject in {language}"
    assert f"Introduction in {language}" in preview["body"]
    assert preview["is_rtl"] == (language == "ar")
    assert preview["has_own_text"]
    assert f"{SITE}/{language}/webinars/licensing/register/" in preview["body"]


def test_a_language_without_its_own_text_gets_the_default_subject_and_no_other_languages_text(programme):
    campaign = make_campaign(programme["webinar"], subject_fr="Invitation", introduction_en="Join us.")
    preview = campaigns.preview_campaign(campaign, "ar")
    assert "ترخيص التكنولوجيا" in preview["subject"]  # the default subject names the webinar in Arabic
    assert "Invitation" not in preview["subject"]
    assert "Join us." not in preview["body"]
    assert not preview["has_own_text"]


def test_a_person_without_a_name_is_greeted_without_one(programme):
    rendered = campaigns.render_campaign(make_campaign(programme["webinar"]), "en")
    body = rendered.body_for(name="", unsubscribe_url="https://x.example/u/")
    assert body.startswith("Hello,\n")
    assert "https://x.example/u/" in body
    assert rendered.body_for(name="Ana", unsubscribe_url="u").startswith("Hello Ana,")


def test_the_preview_greets_a_placeholder_and_never_a_real_person(programme):
    preview = campaigns.preview_campaign(make_campaign(programme["webinar"]), "en")
    assert preview["body"].startswith("Hello [Participant's name],")
    assert "Amina Diallo" not in preview["body"]


def test_past_participants_of_a_series_are_ignored_for_a_webinar_outside_any_series():
    lone = WebinarFactory()
    campaign = campaigns.save_campaign(
        campaign=Campaign(webinar=lone, include_network=False, include_series_participants=True), actor=None
    )
    assert campaign.include_series_participants is False
    assert emails(campaign) == []


# Staff screens ----------------------------------------------------------------------


def test_a_new_campaign_starts_with_the_webinars_regions_and_languages(client):
    africa, asia = RegionFactory(code="africa"), RegionFactory(code="asia")
    webinar = WebinarFactory(regions=[africa, asia], languages=[LanguageFactory(code="fr"), LanguageFactory(code="en")])
    client.force_login(StaffFactory())
    form = client.get(f"/en/secretariat/campaigns/new/{webinar.pk}/").context["form"]
    assert sorted(form["regions"].value()) == sorted([africa.pk, asia.pk])
    assert sorted(form["languages"].value()) == ["en", "fr"]


def test_past_participants_of_the_series_are_offered_only_for_a_webinar_in_a_series(client, programme):
    client.force_login(StaffFactory())
    page = client.get(f"/en/secretariat/campaigns/new/{programme['webinar'].pk}/").content.decode()
    assert 'name="include_series_participants"' in page
    page = client.get(f"/en/secretariat/campaigns/new/{WebinarFactory().pk}/").content.decode()
    assert 'name="include_series_participants"' not in page


def test_campaigns_are_listed_by_subject_in_the_page_language_with_a_fallback(client, programme):
    make_campaign(programme["webinar"], subject_en="Licensing, part two", subject_fr="Licences, deuxième volet")
    make_campaign(programme["webinar"], subject_fr="Seulement en français")
    client.force_login(StaffFactory())
    english = client.get("/en/secretariat/campaigns/").content.decode()
    assert "Licensing, part two" in english and "Seulement en français" in english
    assert "Campaign of" not in english
    assert "Licences, deuxième volet" in client.get("/fr/secretariat/campaigns/").content.decode()


def test_campaign_screens_are_for_staff_only(client, programme):
    campaign = make_campaign(programme["webinar"])
    urls = [
        "/en/secretariat/campaigns/",
        f"/en/secretariat/campaigns/new/{programme['webinar'].pk}/",
        f"/en/secretariat/campaigns/{campaign.pk}/",
        f"/en/secretariat/campaigns/{campaign.pk}/send/",
        f"/en/secretariat/campaigns/kit/{programme['webinar'].pk}/",
    ]
    client.force_login(UserFactory())
    for url in urls:
        assert client.get(url).status_code == 403, url
    client.force_login(StaffFactory())
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_non_staff_user_cannot_send(client, programme):
    confirmed("one@example.org")
    campaign = make_campaign(programme["webinar"])
    client.force_login(UserFactory())
    client.post(f"/en/secretariat/campaigns/{campaign.pk}/send/")
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.DRAFT and not Notice.objects.exists()


def test_staff_creates_counts_and_sends_a_campaign_through_the_screens(client, programme):
    area = programme["area"]
    confirmed("fr@example.org", language="fr", scope_areas=[area])
    confirmed("ar@example.org", language="ar")
    confirmed("elsewhere@example.org", scope_areas=[programme["other_area"]])
    client.force_login(StaffFactory())
    url = f"/en/secretariat/campaigns/new/{programme['webinar'].pk}/"
    data = {"include_network": "on", "scope_areas": [area.pk], "subject_fr": "Un webinaire pour vous"}
    response = client.post(url, {**data, "count": "1"})
    assert response.status_code == 200
    assert "2 people will receive this message." in response.content.decode()
    assert not Campaign.objects.exists()  # counting saves nothing
    response = client.post(url, data)
    campaign = Campaign.objects.get()
    assert response["Location"] == f"/en/secretariat/campaigns/{campaign.pk}/"
    page = client.get(f"/en/secretariat/campaigns/{campaign.pk}/?lang=fr").content.decode()
    assert "Un webinaire pour vous" in page and 'dir="ltr"' in page
    assert 'dir="rtl"' in client.get(f"/en/secretariat/campaigns/{campaign.pk}/?lang=ar").content.decode()
    assert "Send to 2 people" in client.get(f"/en/secretariat/campaigns/{campaign.pk}/send/").content.decode()
    client.post(f"/en/secretariat/campaigns/{campaign.pk}/send/")
    response = client.post(f"/en/secretariat/campaigns/{campaign.pk}/send/", follow=True)
    assert "a campaign is sent only once" in response.content.decode()
    assert Notice.objects.count() == 2
    response = client.post(f"/en/secretariat/campaigns/{campaign.pk}/edit/", data)
    assert response.status_code == 302
    assert Campaign.objects.get().subject_fr == "Un webinaire pour vous"


def test_staff_sends_a_test_to_self_from_the_screen(client, programme):
    staff = StaffFactory(email="me@secretariat.example.org")
    campaign = make_campaign(programme["webinar"])
    client.force_login(staff)
    response = client.post(f"/en/secretariat/campaigns/{campaign.pk}/test/", {"lang": "ar"})
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert (notice.to, notice.language) == ("me@secretariat.example.org", "ar")


def test_the_campaign_list_makes_the_same_number_of_queries_for_1_and_10_webinars(client):
    client.force_login(StaffFactory())

    def queries_for(count):
        Campaign.objects.all().delete()
        for _n in range(count):
            make_campaign(WebinarFactory())
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/secretariat/campaigns/").status_code == 200
        return len(queries)

    assert queries_for(1) == queries_for(10)


def test_the_campaign_page_makes_the_same_number_of_queries_for_2_and_30_recipients(client, programme):
    client.force_login(StaffFactory())
    campaign = make_campaign(programme["webinar"], include_series_participants=True)

    def queries_for(count):
        for n in range(count):
            confirmed(f"m{count}-{n}@example.org")
            attended(programme["first"], f"p{count}-{n}@example.org")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/secretariat/campaigns/{campaign.pk}/").status_code == 200
        return len(queries)

    assert queries_for(2) == queries_for(30)


# Promotion kit ----------------------------------------------------------------------


def test_the_kit_gives_the_text_in_every_language_with_the_date_in_geneva_time(client, programme):
    webinar = programme["webinar"]
    Webinar.objects.filter(pk=webinar.pk).update(starts_at=datetime(2031, 3, 4, 13, 0, tzinfo=UTC))
    client.force_login(StaffFactory())
    page = client.get(f"/en/secretariat/campaigns/kit/{webinar.pk}/").content.decode()
    assert "Concéder des licences de technologie" in page and "ترخيص التكنولوجيا" in page
    assert "14:00" in page  # 13:00 UTC is 14:00 in Geneva in March
    for language in LANGUAGES:
        assert f"/{language}/webinars/licensing/card.svg" in page
        assert f"{SITE}/{language}/webinars/licensing/" in page


def test_the_card_escapes_the_title_and_is_public_only_for_a_public_webinar(client):
    webinar = WebinarFactory(slug="card", title='Patents <script>alert("x")</script> & SMEs')
    response = client.get("/fr/webinars/card/card.svg")
    assert response["Content-Type"] == "image/svg+xml"
    body = response.content.decode()
    assert "<script>" not in body and "&lt;script&gt;" in body and "&amp; SMEs" in body
    Webinar.objects.filter(pk=webinar.pk).update(status=Webinar.Status.PLANNED)
    assert client.get("/fr/webinars/card/card.svg").status_code == 404
    client.force_login(StaffFactory())
    assert client.get("/fr/webinars/card/card.svg").status_code == 200


def test_the_arabic_card_is_right_to_left():
    webinar = WebinarFactory(slug="card-ar", title_ar="ترخيص التكنولوجيا")
    svg = campaigns.promotion_card_svg(webinar, "ar")
    assert 'direction="rtl"' in svg and "ترخيص التكنولوجيا" in svg


def test_the_admin_lists_campaigns(client, programme):
    make_campaign(programme["webinar"])
    client.force_login(StaffFactory())
    response = client.get("/en/admin/participants/campaign/")
    assert response.status_code == 200
    assert "Licensing technology" in response.content.decode()


# Concurrency on a real database -------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_secretariat_members_pressing_send_at_once_queue_the_campaign_once():
    webinar = WebinarFactory()
    for n in range(30):
        confirmed(f"member{n}@example.org")
    campaign = make_campaign(webinar)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send_now():
        try:
            barrier.wait(timeout=30)
            campaigns.send_campaign(campaign=campaign, actor=None)
            outcomes.append("sent")
        except ValidationError as error:
            outcomes.append(error.code or "refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=send_now) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["already_sent", "sent"]
    assert Notice.objects.filter(kind=Notice.Kind.CAMPAIGN).count() == 30


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_edit_saved_while_the_campaign_is_being_sent_does_not_make_it_a_draft_again():
    """The edit form's copy was read before the send: saving it must wait for the send and be refused."""
    webinar = WebinarFactory()
    confirmed("member@example.org")
    campaign = make_campaign(webinar)
    stale = Campaign.objects.get(pk=campaign.pk)
    sent_not_committed, release = threading.Event(), threading.Event()
    outcomes: list[str] = []

    def send():
        try:
            with transaction.atomic():
                campaigns.send_campaign(campaign=campaign, actor=None)
                sent_not_committed.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    def edit():
        try:
            campaigns.save_campaign(campaign=stale, actor=None)
            outcomes.append("saved")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    sender = threading.Thread(target=send)
    sender.start()
    assert sent_not_committed.wait(timeout=30)
    editor = threading.Thread(target=edit)
    editor.start()
    editor.join(timeout=1)  # the edit waits for the sender's row lock
    release.set()
    sender.join(timeout=60)
    editor.join(timeout=60)

    campaign.refresh_from_db()
    assert outcomes == ["sent"]
    assert (campaign.state, campaign.sent_count) == (Campaign.State.SENT, 1)


def test_a_long_chinese_title_is_cut_into_lines_without_spaces():
    webinar = WebinarFactory(slug="card-zh", title_zh_hans="知识产权" * 30)
    svg = campaigns.promotion_card_svg(webinar, "zh-hans")
    title_lines = re.findall(r'font-size="56" font-weight="bold">([^<]+)<', svg)
    assert len(title_lines) == 4 and title_lines[-1].endswith("…")
    assert all(len(line) <= 18 for line in title_lines)
