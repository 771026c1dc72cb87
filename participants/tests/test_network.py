"""Joining the participants' network: double opt-in, one-click leaving, no disclosure, limits."""

import re
import threading

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

from outbox.models import Notice
from participants.models import NetworkMember
from participants.services import network
from participants.tests.factories import NetworkMemberFactory
from webinars.tests.factories import LanguageFactory, RegionFactory, ScopeAreaFactory

# Messages are delivered in-process even where REDIS_URL sends tasks to a broker (CI).
pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
JOIN_URL = "/en/network/join/"
SENT_URL = "/en/network/join/sent/"


@pytest.fixture(autouse=True)
def _site_and_clean_cache(settings):
    settings.PORTAL_SITE_URL = SITE + "/"
    settings.PORTAL_NETWORK_JOIN_RATE = "5/h"
    settings.PORTAL_NETWORK_ADDRESS_RATE = "3/d"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def join(client, django_capture_on_commit_callbacks):
    """Post the sign-up form (messages are delivered on commit, as in production)."""

    def post(email="someone@example.org", *, client_address="192.0.2.10", language="en", **extra):
        data = {"email": email, "language": language, "consent": "on", **extra}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(JOIN_URL, data, REMOTE_ADDR=client_address)

    return post


def links_in(message) -> dict[str, str]:
    """The site-relative paths of the confirmation and unsubscribe links in a message body."""
    found = {}
    for url in re.findall(rf"{re.escape(SITE)}(/\S+)", message.body):
        if "/network/confirm/" in url:
            found["confirm"] = url
        elif "/network/unsubscribe/" in url:
            found["unsubscribe"] = url
        elif "/network/preferences/" in url:
            found["preferences"] = url
    return found


def without_csrf_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


# Joining -------------------------------------------------------------------------------


def test_join_page_shows_the_form_with_every_language_region_and_area():
    RegionFactory(name="Latin America and the Caribbean")
    ScopeAreaFactory(title="Technology transfer")
    response = Client().get(JOIN_URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="email"' in content
    assert "Latin America and the Caribbean" in content
    assert "Technology transfer" in content
    assert "العربيّة" in content and "简体中文" in content
    assert 'name="consent"' in content


def test_joining_creates_a_pending_member_with_the_preferences_given(join):
    region = RegionFactory()
    area = ScopeAreaFactory()
    response = join(" Someone@Example.ORG ", name="Ana", language="es", regions=[region.pk], scope_areas=[area.pk])

    assert response.status_code == 302
    assert response["Location"] == SENT_URL
    member = NetworkMember.objects.get()
    assert member.email == "someone@example.org"
    assert member.state == NetworkMember.State.PENDING
    assert member.name == "Ana"
    assert member.language == "es"
    assert list(member.regions.all()) == [region]
    assert list(member.scope_areas.all()) == [area]
    assert member.consented_at is not None


def test_joining_queues_one_confirmation_message_to_the_address(join):
    join("someone@example.org")

    notice = Notice.objects.get()
    assert notice.kind == Notice.Kind.NETWORK_CONFIRMATION
    assert notice.to == "someone@example.org"
    assert notice.about == NetworkMember.objects.get()
    assert [message.to for message in mail.outbox] == [["someone@example.org"]]
    assert set(links_in(mail.outbox[0])) == {"confirm", "unsubscribe", "preferences"}


def test_the_confirmation_message_is_in_the_members_chosen_language(join):
    join("someone@example.org", language="fr")

    notice = Notice.objects.get()
    assert notice.language == "fr"
    assert mail.outbox[0].extra_headers["Content-Language"] == "fr"
    links = links_in(mail.outbox[0])
    assert links["confirm"].startswith("/fr/network/confirm/")
    assert links["unsubscribe"].startswith("/fr/network/unsubscribe/")
    # The link opens the confirmation page in French.
    assert '<html lang="fr"' in Client().get(links["confirm"]).content.decode()


def test_the_confirmation_message_carries_a_list_unsubscribe_header_that_works(join):
    join("someone@example.org")

    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    assert header == f"<{SITE}{links_in(mail.outbox[0])['unsubscribe']}>"
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_same_address_twice_creates_no_second_member(join):
    join("someone@example.org")
    join("  SOMEONE@example.org")

    assert NetworkMember.objects.count() == 1


@pytest.mark.parametrize(
    "existing_state",
    [None, NetworkMember.State.PENDING, NetworkMember.State.CONFIRMED, NetworkMember.State.UNSUBSCRIBED],
)
def test_the_page_after_joining_is_the_same_whatever_the_address_state(join, existing_state):
    """A stranger typing an address learns nothing about who is in the network."""
    reference = join("reference@example.org", client_address="192.0.2.1")
    reference_page = without_csrf_tokens(Client().get(reference["Location"]).content.decode())
    if existing_state is not None:
        confirmed_at = timezone.now() if existing_state == NetworkMember.State.CONFIRMED else None
        NetworkMemberFactory(email="known@example.org", state=existing_state, confirmed_at=confirmed_at)

    response = join("Known@example.org", client_address="192.0.2.2")

    assert response.status_code == reference.status_code == 302
    assert response["Location"] == reference["Location"]
    assert without_csrf_tokens(Client().get(response["Location"]).content.decode()) == reference_page
    assert "Check your mailbox" in reference_page


def test_a_confirmed_member_who_joins_again_gets_no_new_confirmation_and_keeps_their_preferences(join):
    member = NetworkMemberFactory(
        email="known@example.org", language="en", state=NetworkMember.State.CONFIRMED, confirmed_at=timezone.now()
    )

    join("known@example.org", language="ru", name="Someone else")

    member.refresh_from_db()
    assert member.state == NetworkMember.State.CONFIRMED
    assert member.language == "en"
    assert member.name == ""
    assert len(mail.outbox) == 1
    assert set(links_in(mail.outbox[0])) == {"unsubscribe", "preferences"}
    assert "already in the network" in mail.outbox[0].body


def test_rejoining_after_unsubscribing_goes_back_to_pending_with_a_new_confirmation(join):
    member = NetworkMemberFactory(
        email="left@example.org", state=NetworkMember.State.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )

    join("left@example.org", language="ar")

    member.refresh_from_db()
    assert member.state == NetworkMember.State.PENDING
    assert member.language == "ar"
    assert "confirm" in links_in(mail.outbox[0])


def test_a_double_click_sends_one_message(join):
    join("someone@example.org")
    join("someone@example.org")

    assert Notice.objects.count() == 1
    assert len(mail.outbox) == 1


def test_asking_again_in_another_language_sends_a_message_in_that_language(join):
    join("someone@example.org", language="en")
    join("someone@example.org", language="ru")

    assert [notice.language for notice in Notice.objects.order_by("created_at")] == ["en", "ru"]
    assert len(mail.outbox) == 2


def test_asking_again_after_the_double_click_window_sends_a_new_message(join, monkeypatch):
    join("someone@example.org")
    monkeypatch.setattr(network, "REPEAT_WINDOW_SECONDS", 0)
    join("someone@example.org")

    assert len(mail.outbox) == 2
    assert Notice.objects.count() == 2


# Bad input -----------------------------------------------------------------------------


def test_a_malformed_address_gets_a_field_error_and_nothing_is_saved(join):
    response = join("not an address")

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert 'id="id_email"' in response.content.decode()
    assert NetworkMember.objects.count() == 0
    assert Notice.objects.count() == 0


def test_joining_without_consent_is_refused_with_a_field_error(client):
    response = client.post(JOIN_URL, {"email": "someone@example.org", "language": "en"})

    assert response.status_code == 200
    assert "consent" in response.context["form"].errors
    assert NetworkMember.objects.count() == 0


def test_the_service_refuses_a_join_without_consent():
    with pytest.raises(ValidationError):
        network.join_network(email="someone@example.org", language="en", has_consented=False)
    assert NetworkMember.objects.count() == 0


def test_an_unknown_language_gets_a_field_error(join):
    response = join("someone@example.org", language="xx")

    assert "language" in response.context["form"].errors
    assert NetworkMember.objects.count() == 0


def test_a_filled_honeypot_saves_and_sends_nothing_but_looks_like_success(join):
    response = join("robot@example.org", website="http://spam.example")

    assert response.status_code == 302
    assert response["Location"] == SENT_URL
    assert NetworkMember.objects.count() == 0
    assert Notice.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_rendered_out_of_sight_and_out_of_the_tab_order():
    content = Client().get(JOIN_URL).content.decode()
    assert 'class="mb-3 network-honeypot"' in content
    assert re.search(r'<input type="text" name="website"[^>]*tabindex="-1"', content)


# Limits --------------------------------------------------------------------------------


def test_a_client_posting_too_often_gets_a_429_page_and_nothing_is_saved(join):
    for number in range(5):
        assert join(f"person{number}@example.org", client_address="198.51.100.7").status_code == 302

    response = join("person5@example.org", client_address="198.51.100.7")

    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert not NetworkMember.objects.filter(email="person5@example.org").exists()
    assert len(mail.outbox) == 5


def test_the_client_limit_counts_invalid_posts_too(join):
    for _ in range(5):
        join("not an address", client_address="198.51.100.8")

    assert join("someone@example.org", client_address="198.51.100.8").status_code == 429
    assert NetworkMember.objects.count() == 0


def test_another_client_is_not_held_back_by_a_busy_one(join):
    for number in range(6):
        join(f"person{number}@example.org", client_address="198.51.100.7")

    assert join("other@example.org", client_address="198.51.100.9").status_code == 302


def test_one_address_gets_at_most_three_messages_a_day_even_from_many_clients(join, monkeypatch):
    monkeypatch.setattr(network, "REPEAT_WINDOW_SECONDS", 0)  # each request a new one, not a double-click
    for number in range(3):
        assert join("someone@example.org", client_address=f"203.0.113.{number}").status_code == 302

    response = join("someone@example.org", client_address="203.0.113.99")

    assert response.status_code == 429
    assert len(mail.outbox) == 3
    assert Notice.objects.count() == 3


def test_rate_setting_is_read_as_count_per_unit():
    assert network.Rate.parse("5/h") == network.Rate(count=5, seconds=3600)
    assert network.Rate.parse("3/d") == network.Rate(count=3, seconds=86400)
    assert network.Rate.parse("10/m") == network.Rate(count=10, seconds=60)


# Confirming ----------------------------------------------------------------------------


def test_following_the_confirmation_link_and_pressing_the_button_confirms(join):
    join("someone@example.org")
    confirm_path = links_in(mail.outbox[0])["confirm"]
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get(confirm_path)
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = visitor.post(confirm_path, {"csrfmiddlewaretoken": token})

    assert response.status_code == 200
    assert "You are in the network" in response.content.decode()
    member = NetworkMember.objects.get()
    assert member.state == NetworkMember.State.CONFIRMED
    assert member.confirmed_at is not None


def test_opening_the_confirmation_link_does_not_confirm(join):
    """Mail scanners fetch links before people read them: GET only shows a button."""
    join("someone@example.org")

    response = Client().get(links_in(mail.outbox[0])["confirm"])

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert NetworkMember.objects.get().state == NetworkMember.State.PENDING


def test_an_expired_confirmation_link_is_refused_with_an_offer_to_join_again(settings, monkeypatch):
    member = NetworkMemberFactory()
    eight_days_ago = int(timezone.now().timestamp()) - 8 * 24 * 3600
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(eight_days_ago))
    token = network.make_confirmation_token(member)
    monkeypatch.undo()

    response = Client().post(f"/en/network/confirm/{token}/")

    assert response.status_code == 400
    content = response.content.decode()
    assert "This link has expired" in content
    assert 'href="/en/network/join/"' in content
    member.refresh_from_db()
    assert member.state == NetworkMember.State.PENDING


def test_the_confirmation_link_lasts_as_long_as_the_setting_says(settings, monkeypatch):
    settings.PORTAL_NETWORK_CONFIRM_MAX_AGE = 30 * 24 * 3600
    member = NetworkMemberFactory()
    eight_days_ago = int(timezone.now().timestamp()) - 8 * 24 * 3600
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(eight_days_ago))
    token = network.make_confirmation_token(member)
    monkeypatch.undo()

    assert network.member_from_confirmation_token(token) == member


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
        lambda token: "x" + token,  # payload changed
        lambda token: "not-a-token",
    ],
)
def test_a_forged_confirmation_link_is_refused_with_a_clear_message(mangle):
    member = NetworkMemberFactory()
    token = mangle(network.make_confirmation_token(member))

    response = Client().post(f"/en/network/confirm/{token}/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    member.refresh_from_db()
    assert member.state == NetworkMember.State.PENDING


def test_a_link_signed_for_another_purpose_does_not_confirm():
    member = NetworkMemberFactory()
    unsubscribe_token = network.make_unsubscribe_token(member)

    response = Client().post(f"/en/network/confirm/{unsubscribe_token}/")

    assert response.status_code == 400
    member.refresh_from_db()
    assert member.state == NetworkMember.State.PENDING


def test_a_confirmation_link_does_not_apply_once_the_address_has_changed_hands():
    member = NetworkMemberFactory(email="first@example.org")
    token = network.make_confirmation_token(member)
    NetworkMember.objects.filter(pk=member.pk).update(email="second@example.org")

    assert Client().post(f"/en/network/confirm/{token}/").status_code == 400


def test_confirming_twice_changes_nothing():
    member = NetworkMemberFactory()
    first = network.confirm_membership(member=member)
    second = network.confirm_membership(member=member)

    assert second.state == NetworkMember.State.CONFIRMED
    assert second.confirmed_at == first.confirmed_at


def test_an_old_confirmation_link_does_not_bring_back_someone_who_left():
    member = NetworkMemberFactory()
    token = network.make_confirmation_token(member)
    network.unsubscribe_member(member=member)

    response = Client().post(f"/en/network/confirm/{token}/")

    assert response.status_code == 400
    assert "You left the network after this link was sent" in response.content.decode()
    member.refresh_from_db()
    assert member.state == NetworkMember.State.UNSUBSCRIBED


# Leaving -------------------------------------------------------------------------------


@pytest.fixture
def confirmed_member():
    return NetworkMemberFactory(state=NetworkMember.State.CONFIRMED, confirmed_at=timezone.now())


def test_opening_the_unsubscribe_link_does_not_unsubscribe(confirmed_member):
    response = Client().get(f"/en/network/unsubscribe/{network.make_unsubscribe_token(confirmed_member)}/")

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    confirmed_member.refresh_from_db()
    assert confirmed_member.state == NetworkMember.State.CONFIRMED


def test_pressing_the_unsubscribe_button_unsubscribes(confirmed_member):
    path = f"/en/network/unsubscribe/{network.make_unsubscribe_token(confirmed_member)}/"
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(path)

    response = visitor.post(path, {"csrfmiddlewaretoken": visitor.cookies["csrftoken"].value})

    assert response.status_code == 200
    assert "You have left the network" in response.content.decode()
    confirmed_member.refresh_from_db()
    assert confirmed_member.state == NetworkMember.State.UNSUBSCRIBED
    assert confirmed_member.unsubscribed_at is not None


def test_a_mail_program_unsubscribes_with_one_click_post_without_csrf(confirmed_member):
    """RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click", with no cookie and no CSRF token."""
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(
        f"/en/network/unsubscribe/{network.make_unsubscribe_token(confirmed_member)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    confirmed_member.refresh_from_db()
    assert confirmed_member.state == NetworkMember.State.UNSUBSCRIBED


def test_the_unsubscribe_link_in_the_message_works_with_one_click(join):
    join("someone@example.org")
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    url = header.strip("<>").removeprefix(SITE)

    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert NetworkMember.objects.get().state == NetworkMember.State.UNSUBSCRIBED


def test_a_forged_unsubscribe_link_is_refused_and_changes_nothing(confirmed_member):
    token = network.make_unsubscribe_token(confirmed_member)[:-3] + "xyz"

    response = Client().post(
        f"/en/network/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    confirmed_member.refresh_from_db()
    assert confirmed_member.state == NetworkMember.State.CONFIRMED


def test_unsubscribing_twice_is_harmless(confirmed_member):
    path = f"/en/network/unsubscribe/{network.make_unsubscribe_token(confirmed_member)}/"
    Client().post(path)

    response = Client().post(path)

    assert response.status_code == 200
    confirmed_member.refresh_from_db()
    assert confirmed_member.state == NetworkMember.State.UNSUBSCRIBED


def test_the_unsubscribe_link_of_a_deleted_member_says_they_are_out():
    member = NetworkMemberFactory()
    path = f"/en/network/unsubscribe/{network.make_unsubscribe_token(member)}/"
    member.delete()

    assert "You are not in the network" in Client().get(path).content.decode()
    assert Client().post(path).status_code == 200


# Preferences ---------------------------------------------------------------------------


def test_the_preferences_page_shows_the_members_choices_and_changes_nothing(confirmed_member):
    region = RegionFactory(name="Central Asia")
    confirmed_member.regions.set([region])
    path = f"/en/network/preferences/{network.make_preferences_token(confirmed_member)}/"

    response = Client().get(path)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["language"] == "en"
    assert form.initial["regions"] == [region]
    assert re.search(rf'name="regions" value="{region.pk}"[^>]*checked', response.content.decode())


def test_a_member_changes_their_language_and_interests_from_their_link(confirmed_member):
    region = RegionFactory()
    area = ScopeAreaFactory()
    path = f"/en/network/preferences/{network.make_preferences_token(confirmed_member)}/"

    response = Client().post(path, {"language": "zh-hans", "regions": [region.pk], "scope_areas": [area.pk]})

    assert response.status_code == 302
    confirmed_member.refresh_from_db()
    assert confirmed_member.language == "zh-hans"
    assert list(confirmed_member.regions.all()) == [region]
    assert list(confirmed_member.scope_areas.all()) == [area]
    assert confirmed_member.state == NetworkMember.State.CONFIRMED


def test_a_forged_preferences_link_is_refused(confirmed_member):
    token = network.make_preferences_token(confirmed_member)[:-3] + "xyz"

    response = Client().post(f"/en/network/preferences/{token}/", {"language": "ru"})

    assert response.status_code == 400
    confirmed_member.refresh_from_db()
    assert confirmed_member.language == "en"


def test_the_unsubscribe_link_does_not_open_the_preferences_page(confirmed_member):
    token = network.make_unsubscribe_token(confirmed_member)

    assert Client().get(f"/en/network/preferences/{token}/").status_code == 400


def test_someone_who_left_cannot_change_preferences_and_is_offered_to_join_again():
    member = NetworkMemberFactory(state=NetworkMember.State.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    path = f"/en/network/preferences/{network.make_preferences_token(member)}/"

    response = Client().post(path, {"language": "ru"})

    assert "Join again to choose what you receive" in response.content.decode()
    member.refresh_from_db()
    assert member.language == "en"


# Interests: scope areas, regions, languages webinars are given in --------------------------


def test_the_join_page_offers_the_languages_webinars_are_given_in():
    LanguageFactory(code="pt", name="Portuguese")

    content = Client().get(JOIN_URL).content.decode()

    assert 'name="languages" value="pt"' in content
    assert "Portuguese" in content


def test_joining_records_the_interests_chosen_areas_regions_and_languages(join):
    region, area = RegionFactory(), ScopeAreaFactory()
    LanguageFactory(code="ar"), LanguageFactory(code="fr")

    join(regions=[region.pk], scope_areas=[area.pk], languages=["fr", "ar"])

    member = NetworkMember.objects.get()
    assert list(member.regions.all()) == [region]
    assert list(member.scope_areas.all()) == [area]
    assert sorted(member.languages) == ["ar", "fr"]


def test_joining_without_choosing_languages_means_every_language(join):
    join()

    assert NetworkMember.objects.get().languages == []


def test_an_unknown_language_of_interest_gets_a_field_error_and_nothing_is_saved(join):
    response = join(languages=["xx"])

    assert response.status_code == 200
    assert "languages" in response.context["form"].errors
    assert not NetworkMember.objects.exists()


def test_the_preferences_page_shows_the_languages_of_interest_chosen(confirmed_member):
    LanguageFactory(code="es", name="Spanish"), LanguageFactory(code="ru", name="Russian")
    confirmed_member.languages = ["es"]
    confirmed_member.save()

    content = Client().get(f"/en/network/preferences/{network.make_preferences_token(confirmed_member)}/")
    content = content.content.decode()

    assert re.search(r'name="languages" value="es"[^>]*checked', content)
    assert not re.search(r'name="languages" value="ru"[^>]*checked', content)


def test_a_member_changes_their_languages_of_interest_on_the_preferences_page(confirmed_member):
    LanguageFactory(code="es"), LanguageFactory(code="ru")
    confirmed_member.languages = ["es"]
    confirmed_member.save()
    path = f"/en/network/preferences/{network.make_preferences_token(confirmed_member)}/"

    response = Client().post(path, {"language": "en", "languages": ["ru"]})

    assert response.status_code == 302
    confirmed_member.refresh_from_db()
    assert confirmed_member.languages == ["ru"]


def test_unchecking_every_language_of_interest_means_every_language_again(confirmed_member):
    LanguageFactory(code="es")
    confirmed_member.languages = ["es"]
    confirmed_member.save()
    path = f"/en/network/preferences/{network.make_preferences_token(confirmed_member)}/"

    Client().post(path, {"language": "en"})

    confirmed_member.refresh_from_db()
    assert confirmed_member.languages == []


def test_the_service_keeps_only_languages_webinars_are_given_in(confirmed_member):
    LanguageFactory(code="fr")

    network.update_member_preferences(member=confirmed_member, language="en", languages=["fr", "klingon"])

    confirmed_member.refresh_from_db()
    assert confirmed_member.languages == ["fr"]


def test_a_forged_preferences_link_answers_the_portals_link_not_valid_page(confirmed_member):
    token = network.make_preferences_token(confirmed_member)[:-3] + "xyz"

    response = Client().get(f"/en/network/preferences/{token}/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert "Every message we send carries a link to your preferences" in response.content.decode()
    assert 'name="languages"' not in response.content.decode()


# The whole journey -----------------------------------------------------------------------


def test_join_confirm_and_leave_by_following_the_links_in_the_message(join):
    join("someone@example.org", language="fr")
    links = links_in(mail.outbox[0])

    visitor = Client()
    assert visitor.get(links["confirm"]).status_code == 200
    assert visitor.post(links["confirm"]).status_code == 200
    assert NetworkMember.objects.get().state == NetworkMember.State.CONFIRMED

    assert visitor.post(links["preferences"], {"language": "es"}).status_code == 302
    assert NetworkMember.objects.get().language == "es"

    assert visitor.get(links["unsubscribe"]).status_code == 200
    assert visitor.post(links["unsubscribe"]).status_code == 200
    assert NetworkMember.objects.get().state == NetworkMember.State.UNSUBSCRIBED


# Real database -------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_joins_of_one_address_at_the_same_moment_make_one_member():
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def join_now(email):
        barrier.wait()
        try:
            network.join_network(email=email, language="en", has_consented=True)
        except Exception as error:  # any failure is the test's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=join_now, args=(email,)) for email in ("race@example.org", "RACE@example.org ")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert NetworkMember.objects.filter(email="race@example.org").count() == 1
