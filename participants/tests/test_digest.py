"""The network digest: newly open webinars told once per period to the members they interest,
in their language, with the register, preferences and one-click unsubscribe links."""

import re
import threading
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from outbox.delivery import deliver_pending_notices
from outbox.models import Notice
from outbox.previews import preview_rows
from participants import tasks
from participants.models import DigestListing, NetworkMember, Registration
from participants.services import campaigns, digest, network, rendering
from participants.tests.factories import NetworkMemberFactory, RegistrationFactory
from webinars.models import Webinar
from webinars.tests.factories import ExpertFactory, LanguageFactory, RegionFactory, ScopeAreaFactory, TopicFactory
from webinars.tests.factories import WebinarFactory as BaseWebinarFactory

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


@pytest.fixture(autouse=True)
def _site_and_clean_cache(settings):
    settings.PORTAL_SITE_URL = SITE + "/"
    settings.PORTAL_DIGEST_DAYS = 7
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    yield
    cache.clear()


def open_webinar(**kwargs) -> Webinar:
    """A public webinar scheduled with a date, an expert and registration open."""
    webinar = BaseWebinarFactory(**kwargs)
    webinar.experts.add(ExpertFactory())
    return webinar


def member(email="member@example.org", **kwargs) -> NetworkMember:
    kwargs.setdefault("state", NetworkMember.State.CONFIRMED)
    if kwargs["state"] == NetworkMember.State.CONFIRMED:
        kwargs.setdefault("confirmed_at", timezone.now())
    return NetworkMemberFactory(email=email, **kwargs)


def digests(**filters):
    return Notice.objects.filter(kind=Notice.Kind.NETWORK_DIGEST, **filters)


def later(days: float):
    return timezone.now() + timedelta(days=days)


# Who hears of what ---------------------------------------------------------------------


def test_a_confirmed_member_is_told_of_a_webinar_open_for_registration_with_its_register_link():
    webinar = open_webinar(slug="licensing", title="Licensing technology")
    person = member(name="Ana")

    assert digest.send_network_digest() == 1

    notice = digests().get()
    assert notice.to == "member@example.org"
    assert notice.key == f"network-digest:{person.pk}:first"
    assert "Licensing technology" in notice.subject
    assert notice.body.startswith("Hello Ana,")
    assert f"{SITE}/en/webinars/licensing/register/" in notice.body
    assert notice.context["webinars"] == [webinar.pk]
    person.refresh_from_db()
    assert person.last_digest_at is not None


def test_the_digest_carries_the_members_own_preferences_and_one_click_unsubscribe_links():
    open_webinar()
    person = member()

    digest.send_network_digest()

    notice = digests().get()
    assert network.unsubscribe_url(person) in notice.body
    assert network.preferences_url(person) in notice.body
    assert notice.context["unsubscribe_url"] == network.unsubscribe_url(person)


def test_the_digest_is_delivered_with_list_unsubscribe_headers_that_unsubscribe_in_one_click():
    open_webinar()
    person = member()
    digest.send_network_digest()

    deliver_pending_notices(now=timezone.now() + timedelta(minutes=2))  # past the hand-off minute

    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe"] == f"<{network.unsubscribe_url(person)}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix(SITE)
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.state == NetworkMember.State.UNSUBSCRIBED


def test_the_digest_is_written_in_the_members_language():
    open_webinar(slug="licensing", title="Licensing technology", title_fr="Concéder des licences")
    member(language="fr", name="Ana")

    digest.send_network_digest()

    notice = digests().get()
    assert notice.language == "fr"
    assert "Concéder des licences" in notice.body
    assert "Licensing technology" not in notice.body
    assert f"{SITE}/fr/webinars/licensing/register/" in notice.body
    assert "/fr/network/unsubscribe/" in notice.body and "/fr/network/preferences/" in notice.body


def test_a_member_who_chose_no_interest_hears_of_every_open_webinar():
    first = open_webinar(title="First")
    second = open_webinar(title="Second", languages=[LanguageFactory(code="fr")])
    member()

    digest.send_network_digest()

    assert sorted(digests().get().context["webinars"]) == sorted([first.pk, second.pk])


@pytest.mark.parametrize("interest", ["scope_areas", "regions", "languages"])
def test_a_member_hears_only_of_webinars_that_match_each_kind_of_interest(interest):
    area, other_area = ScopeAreaFactory(), ScopeAreaFactory()
    region, other_region = RegionFactory(), RegionFactory()
    english, french = LanguageFactory(code="en"), LanguageFactory(code="fr")
    matching = open_webinar(
        title="Matching", topic=TopicFactory(scope_area=area), regions=[region], languages=[english]
    )
    open_webinar(title="Other", topic=TopicFactory(scope_area=other_area), regions=[other_region], languages=[french])
    person = member()
    if interest == "scope_areas":
        person.scope_areas.set([area])
    elif interest == "regions":
        person.regions.set([region])
    else:
        person.languages = ["en"]
        person.save()

    digest.send_network_digest()

    notice = digests().get()
    assert notice.context["webinars"] == [matching.pk]
    assert "Matching" in notice.body and "Other" not in notice.body


def test_a_webinar_matches_when_any_of_the_members_languages_is_one_it_is_given_in():
    webinar = open_webinar(languages=[LanguageFactory(code="en"), LanguageFactory(code="ar")])
    member(languages=["ar", "ru"])

    digest.send_network_digest()

    assert digests().get().context["webinars"] == [webinar.pk]


def test_a_webinar_outside_every_scope_area_reaches_only_members_who_chose_no_area():
    open_webinar(topic=TopicFactory(scope_area=None))
    narrowed = member("narrowed@example.org")
    narrowed.scope_areas.set([ScopeAreaFactory()])
    member("open@example.org")

    digest.send_network_digest()

    assert list(digests().values_list("to", flat=True)) == ["open@example.org"]


@pytest.mark.parametrize("status", [Webinar.Status.PLANNED, Webinar.Status.TO_BE_SCHEDULED, Webinar.Status.POSTPONED])
def test_a_webinar_without_a_confirmed_date_is_not_in_the_digest(status):
    BaseWebinarFactory(status=status, starts_at=None)
    member()

    assert digest.send_network_digest() == 0
    assert not digests().exists()


def test_a_webinar_that_has_started_is_not_in_the_digest():
    BaseWebinarFactory(starts_at=timezone.now() - timedelta(minutes=5))
    member()

    assert digest.send_network_digest() == 0


def test_a_webinar_the_member_registered_for_already_is_left_out():
    registered = open_webinar(title="Registered")
    other = open_webinar(title="Other")
    member("someone@example.org")
    RegistrationFactory(webinar=registered, email="someone@example.org")

    digest.send_network_digest()

    assert digests().get().context["webinars"] == [other.pk]


def test_a_cancelled_registration_does_not_leave_the_webinar_out():
    webinar = open_webinar()
    member("someone@example.org")
    RegistrationFactory(webinar=webinar, email="someone@example.org", state=Registration.State.CANCELLED)

    digest.send_network_digest()

    assert digests().get().context["webinars"] == [webinar.pk]


# Nobody who should not ------------------------------------------------------------------


@pytest.mark.parametrize("state", [NetworkMember.State.PENDING, NetworkMember.State.UNSUBSCRIBED])
def test_nothing_is_queued_to_a_pending_or_unsubscribed_member(state):
    open_webinar()
    member(state=state)

    assert digest.send_network_digest() == 0
    assert not digests().exists()


def test_nothing_is_queued_when_no_webinar_matches_and_the_period_is_not_spent():
    open_webinar(languages=[LanguageFactory(code="fr")])
    person = member(languages=["en"])

    assert digest.send_network_digest() == 0

    assert not digests().exists()
    person.refresh_from_db()
    assert person.last_digest_at is None


def test_nothing_is_queued_when_no_webinar_is_open():
    member()

    assert digest.send_network_digest() == 0
    assert not Notice.objects.exists()


def test_a_member_who_unsubscribes_after_the_digest_is_queued_is_not_sent_it():
    open_webinar()
    person = member()
    digest.send_network_digest()

    network.unsubscribe_member(member=person)
    deliver_pending_notices(now=timezone.now() + timedelta(minutes=2))  # past the hand-off minute

    assert mail.outbox == []
    assert not digests().exists()


def test_leaving_keeps_a_digest_already_sent_as_the_record_that_it_went():
    open_webinar()
    person = member()
    digest.send_network_digest()
    deliver_pending_notices(now=timezone.now() + timedelta(minutes=2))  # past the hand-off minute

    network.unsubscribe_member(member=person)

    assert digests(state=Notice.State.SENT).count() == 1


# Once per period ------------------------------------------------------------------------


def test_a_second_run_sends_nothing():
    open_webinar()
    member()
    digest.send_network_digest()

    assert digest.send_network_digest() == 0
    assert digests().count() == 1


def test_the_next_digest_waits_for_the_period_and_tells_only_what_opened_since():
    first = open_webinar(title="First")
    person = member()
    digest.send_network_digest()
    second = open_webinar(title="Second")

    assert digest.send_network_digest(now=later(1)) == 0
    assert digest.send_network_digest(now=later(7)) == 1

    newest = digests().exclude(key=f"network-digest:{person.pk}:first").get()
    assert newest.context["webinars"] == [second.pk]
    assert first.pk not in newest.context["webinars"]


def test_only_a_later_digest_speaks_of_the_one_before():
    open_webinar()
    person = member()
    digest.send_network_digest()
    open_webinar()
    digest.send_network_digest(now=later(7))

    first = digests().get(key=f"network-digest:{person.pk}:first")
    following = digests().exclude(pk=first.pk).get()
    assert "is open for registration and matches your interests" in first.body
    assert "since our last digest" not in first.body
    assert "opened for registration since our last digest" in following.body


def test_the_period_between_two_digests_is_a_setting(settings):
    settings.PORTAL_DIGEST_DAYS = 2
    open_webinar()
    member()
    digest.send_network_digest()
    open_webinar()

    assert digest.send_network_digest(now=later(1)) == 0
    assert digest.send_network_digest(now=later(2)) == 1


def test_a_daily_run_a_little_earlier_in_the_day_still_sends_the_digest_due():
    open_webinar()
    person = member()
    digest.send_network_digest()
    person.refresh_from_db()
    open_webinar()

    assert digest.send_network_digest(now=person.last_digest_at + timedelta(days=7, minutes=-5)) == 1


def test_a_webinar_that_matched_nothing_still_counts_for_the_next_digest():
    french = open_webinar(languages=[LanguageFactory(code="fr")])
    person = member(languages=["en"])
    digest.send_network_digest()

    network.update_member_preferences(member=person, language="en", languages=["en", "fr"])

    assert digest.send_network_digest(now=later(1)) == 1
    assert digests().get().context["webinars"] == [french.pk]


def test_a_postponed_webinar_given_a_new_date_is_announced_again():
    webinar = open_webinar()
    member()
    digest.send_network_digest()
    Webinar.objects.filter(pk=webinar.pk).update(status=Webinar.Status.POSTPONED, starts_at=None)
    digest.send_network_digest(now=later(3))
    assert not DigestListing.objects.filter(webinar=webinar).exists()

    Webinar.objects.filter(pk=webinar.pk).update(status=Webinar.Status.SCHEDULED, starts_at=later(40))

    assert digest.send_network_digest(now=later(8)) == 1
    assert digests().count() == 2


def test_the_daily_task_queues_the_digest():
    open_webinar()
    member()

    assert tasks.send_network_digest.apply().get() == 1
    assert digests().count() == 1


def test_the_digest_runs_every_day_from_the_beat_schedule():
    entry = django_settings.CELERY_BEAT_SCHEDULE["send-network-digest"]
    assert entry["task"] == "participants.tasks.send_network_digest"
    assert entry["schedule"] == 24 * 3600


# In bulk --------------------------------------------------------------------------------


def _add_members(start: int, stop: int, *, area, region, registered_for) -> None:
    for n in range(start, stop):
        person = member(f"member{n}@example.org", language=LANGUAGES[n % len(LANGUAGES)], languages=["en"])
        person.scope_areas.set([area])
        person.regions.set([region])
        RegistrationFactory(webinar=registered_for, email=person.email)


def _queries_of_a_run(expected: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert digest.send_network_digest() == expected
    return len(queries)


def test_the_digest_costs_the_same_queries_for_six_members_as_for_fifty():
    ContentType.objects.get_for_model(NetworkMember)  # cached for the whole process, as in production
    area, region = ScopeAreaFactory(), RegionFactory()
    open_webinar(topic=TopicFactory(scope_area=area), regions=[region])
    elsewhere = open_webinar()
    _add_members(0, 6, area=area, region=region, registered_for=elsewhere)
    few = _queries_of_a_run(6)
    Notice.objects.all().delete()
    NetworkMember.objects.update(last_digest_at=None)
    # Fifty, not more: past about 58 rows SQLite's limit of 999 parameters splits the messages' INSERT.
    _add_members(6, 50, area=area, region=region, registered_for=elsewhere)

    assert _queries_of_a_run(50) == few


def test_each_language_and_list_of_webinars_is_rendered_once(monkeypatch):
    open_webinar()
    for n in range(12):
        member(f"member{n}@example.org", language=["fr", "ar"][n % 2], name=f"Member {n}" if n % 3 else "")
    calls = []
    original = rendering.render_once
    monkeypatch.setattr(digest, "render_once", lambda **kwargs: calls.append(kwargs["language"]) or original(**kwargs))

    digest.send_network_digest()

    assert sorted(calls) == ["ar", "fr"]
    bodies = dict(digests().values_list("to", "body"))
    assert "Member 1" in bodies["member1@example.org"]
    assert "Member" not in bodies["member0@example.org"]
    assert "\ue000" not in "".join(bodies.values())


# The message in six languages ------------------------------------------------------------


def test_the_digest_message_renders_in_the_six_languages():
    row = next(row for row in preview_rows() if row["kind"] == Notice.Kind.NETWORK_DIGEST)

    assert [cell["language"] for cell in row["cells"]] == LANGUAGES
    for cell in row["cells"]:
        assert "error" not in cell, cell
        assert "Mediation of IP disputes for SMEs" in cell["body"]
        assert "/en/webinars/mediation-smes/register/" in cell["body"]
        assert "/network/preferences/sample/" in cell["body"]
        assert "/network/unsubscribe/sample/" in cell["body"]
        assert cell["subject"]


def test_a_digest_of_one_webinar_names_it_in_the_subject():
    open_webinar(title="Licensing technology")
    member()

    digest.send_network_digest()

    assert digests().get().subject == "New webinar open for registration: Licensing technology"


def test_a_digest_of_several_webinars_counts_them_in_the_subject():
    open_webinar()
    open_webinar()
    member()

    digest.send_network_digest()

    assert digests().get().subject == "2 new webinars open for registration"


# Every message to a member carries both links ---------------------------------------------


def test_a_campaign_to_a_member_carries_the_preferences_link_and_to_a_past_participant_it_does_not():
    webinar = open_webinar()
    person = member()
    campaign = campaigns.save_campaign(
        campaign=campaigns.Campaign(webinar=webinar, subject_en="Join us", include_series_participants=False),
        actor=None,
    )
    campaigns.send_campaign(campaign=campaign, actor=None)

    body = Notice.objects.get(kind=Notice.Kind.CAMPAIGN, to=person.email).body
    assert network.preferences_url(person) in body
    assert network.unsubscribe_url(person) in body
    assert "/network/preferences/" not in campaigns.render_campaign(campaign, "en").body_for(
        name="", unsubscribe_url="https://x.example/u/"
    )


def test_a_campaign_queued_to_a_member_who_leaves_before_it_goes_is_not_sent():
    webinar = open_webinar()
    person = member()
    campaign = campaigns.save_campaign(
        campaign=campaigns.Campaign(webinar=webinar, subject_en="Join us", include_series_participants=False),
        actor=None,
    )
    campaigns.send_campaign(campaign=campaign, actor=None)

    network.unsubscribe_member(member=person)
    deliver_pending_notices(now=timezone.now() + timedelta(minutes=2))  # past the hand-off minute

    assert mail.outbox == []


def test_leaving_does_not_stop_a_registrants_own_messages():
    person = member("someone@example.org")
    own = Notice.objects.create(
        kind=Notice.Kind.REGISTRATION_CONFIRMED,
        key="registration_confirmed:1:x",
        to="someone@example.org",
        language="en",
        subject="Registered",
        body="You are registered.\n",
        context={"cancel_url": "https://webinars.example.org/en/registration/cancel/x/"},
    )

    network.unsubscribe_member(member=person)

    assert Notice.objects.filter(pk=own.pk, state=Notice.State.PENDING).exists()


def test_leaving_does_not_stop_a_message_written_to_the_address_as_a_registrant_without_a_list_link():
    person = member("someone@example.org")
    as_registrant = Notice.objects.create(
        kind=Notice.Kind.MATERIALS_AVAILABLE,
        key="materials:1:someone@example.org",
        to="Someone@example.org",
        language="en",
        subject="Materials",
        body="The materials are on the page.\n",
        context={"unsubscribe_url": "", "preferences_url": ""},
    )

    network.unsubscribe_member(member=person)

    assert Notice.objects.filter(pk=as_registrant.pk).exists()


# Real database -------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_digest_runs_at_once_queue_one_message_per_member():
    open_webinar()
    for n in range(30):
        member(f"member{n}@example.org")
    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[Exception] = []

    def run_now():
        try:
            barrier.wait(timeout=30)
            counts.append(digest.send_network_digest())
        except Exception as error:  # any failure is the test's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run_now) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert digests().count() == 30
    assert sorted(counts) == [0, 30]
    assert len({re.sub(r":[^:]*$", "", key) for key in digests().values_list("key", flat=True)}) == 30
