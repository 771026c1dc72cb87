import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from accounts.services import invite_user
from accounts.tests.factories import StaffFactory, UserFactory
from outbox.models import Notice

pytestmark = pytest.mark.django_db

PASSWORD = "demo-pass-1234"
NEW_PASSWORD = "a-fresh-long-passphrase-42"
LOGIN = "/en/account/login/"
RESET = "/en/account/password-reset/"


def url(viewname: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs)


def link_path(notice: Notice) -> str:
    return urlsplit(re.findall(r"https?://\S+/(?:invitation|password-reset)/\S+", notice.body)[0]).path


def without_csrf_tokens(response) -> str:
    """The page as text, without the CSRF tokens (masked differently on every page)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


# --- Login and logout -------------------------------------------------------------------


def test_login_page_renders_with_csrf(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_a_coordinator_logs_in_and_lands_in_their_language(client):
    user = UserFactory(language="fr")

    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url.startswith("/fr/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert logged_in_user_id(client) == str(user.pk)


def test_login_keeps_the_target_page_but_in_the_users_language(client):
    user = UserFactory(language="es")

    response = client.post(
        f"{LOGIN}?next=/en/account/", {"username": user.username, "password": PASSWORD, "next": "/en/account/"}
    )

    assert response.url == "/es/account/"


def test_login_refuses_a_target_on_another_site(client):
    user = UserFactory()

    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"})

    assert "evil.example" not in response.url


def test_staff_land_on_the_secretariat_dashboard(client):
    staff = StaffFactory(language="en")

    response = client.post(LOGIN, {"username": staff.username, "password": PASSWORD})

    assert response.url == "/en/secretariat/"


def test_a_coordinator_lands_on_the_dashboard(client):
    user = UserFactory(language="en")

    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    try:
        expected = url(settings.LOGIN_REDIRECT_URL)
    except NoReverseMatch:  # the dashboard is not mounted yet: the public home instead
        expected = url("webinars:topic_list")
    assert response.url == expected


def test_login_cycles_the_session_key(client):
    user = UserFactory()
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key

    client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert client.session.session_key != before


def test_wrong_password_shows_an_error_and_logs_nobody_in(client):
    user = UserFactory()

    response = client.post(LOGIN, {"username": user.username, "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert logged_in_user_id(client) is None


def test_logout_is_a_post(client):
    client.force_login(UserFactory())

    assert client.get("/en/account/logout/").status_code == 405
    assert logged_in_user_id(client) is not None


def test_logout_ends_the_session_and_goes_home(client):
    client.force_login(UserFactory())

    response = client.post("/en/account/logout/")

    assert response.status_code == 302
    assert response.url == url("webinars:topic_list")
    assert logged_in_user_id(client) is None


def test_logout_requires_csrf():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    assert client.post("/en/account/logout/").status_code == 403


def test_base_header_offers_login_to_visitors(client):
    html = client.get("/en/").content.decode()
    assert url("accounts:login") in html


def test_base_header_offers_a_logout_form_to_logged_in_users(client):
    client.force_login(UserFactory())
    html = client.get("/en/").content.decode()
    assert f'action="{url("accounts:logout")}"' in html
    assert url("accounts:account") in html


# --- Lockout (django-axes) -----------------------------------------------------------------


def test_lockout_after_the_failure_limit_shows_a_page_in_the_visitors_language(client):
    user = UserFactory()
    responses = [
        client.post("/fr/account/login/", {"username": user.username, "password": "wrong"})
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]

    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    locked = responses[-1]
    assert locked.status_code == 429
    assert "accounts/lockout.html" in [template.name for template in locked.templates]
    assert 'lang="fr"' in locked.content.decode()


def test_locked_out_user_cannot_log_in_even_with_the_right_password(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": user.username, "password": "wrong"})

    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 429
    assert logged_in_user_id(client) is None


# --- Invitation ---------------------------------------------------------------------------


def test_admin_action_invites_the_selected_users(client):
    staff = StaffFactory()
    user = UserFactory(language="ar")
    client.force_login(staff)

    response = client.post(
        url("admin:accounts_user_changelist"),
        {"action": "send_invitation", "_selected_action": [user.pk]},
        follow=True,
    )

    assert response.status_code == 200
    notice = Notice.objects.get()
    assert notice.kind == Notice.Kind.COORDINATOR_INVITATION
    assert notice.language == "ar"
    assert notice.to == user.email


def test_admin_action_reports_users_it_cannot_invite(client):
    client.force_login(StaffFactory())
    user = UserFactory(email="")

    response = client.post(
        url("admin:accounts_user_changelist"),
        {"action": "send_invitation", "_selected_action": [user.pk]},
        follow=True,
    )

    assert "no e-mail address" in response.content.decode()
    assert not Notice.objects.exists()


def test_invitation_link_sets_the_password_logs_in_and_lands_home(client):
    user = UserFactory(language="ru")
    user.set_unusable_password()
    user.save()
    path = link_path(invite_user(user=user, actor=StaffFactory()))
    assert path.startswith("/ru/account/invitation/")

    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"] is True
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert logged_in_user_id(client) == str(user.pk)
    assert response.status_code == 302
    assert response.url.startswith("/ru/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"


def test_invitation_link_works_only_once(client):
    user = UserFactory()
    path = link_path(invite_user(user=user, actor=StaffFactory()))
    form_page = client.get(path, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()

    second = client.get(path, follow=True)

    assert second.context["validlink"] is False
    assert "This link no longer works" in second.content.decode()


def test_a_new_invitation_voids_the_previous_link(client):
    user = UserFactory()
    staff = StaffFactory()
    old_path = link_path(invite_user(user=user, actor=staff))
    user.refresh_from_db()
    user.invited_at -= timedelta(seconds=1)  # a later invitation, not the same instant
    user.save()
    invite_user(user=user, actor=staff)

    assert client.get(old_path, follow=True).context["validlink"] is False


def test_invitation_link_expires(client, settings, monkeypatch):
    user = UserFactory()
    path = link_path(invite_user(user=user, actor=StaffFactory()))
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    from accounts.tokens import invitation_token_generator

    monkeypatch.setattr(invitation_token_generator, "_now", lambda: later)

    assert client.get(path, follow=True).context["validlink"] is False


def test_an_invitation_link_of_an_inactive_account_does_not_work(client):
    user = UserFactory()
    path = link_path(invite_user(user=user, actor=StaffFactory()))
    user.is_active = False
    user.save()

    assert client.get(path, follow=True).context["validlink"] is False


# --- Password reset -----------------------------------------------------------------------


def test_reset_for_a_known_address_writes_one_message_in_the_users_language(client):
    user = UserFactory(language="zh-hans", email="known@example.org")

    response = client.post(RESET, {"email": "known@example.org"})

    assert response.status_code == 302
    assert response.url == url("accounts:password_reset_done")
    notice = Notice.objects.get()
    assert notice.kind == Notice.Kind.PASSWORD_RESET
    assert notice.language == "zh-hans"
    assert notice.to == user.email
    assert link_path(notice).startswith("/zh-hans/account/password-reset/")


def test_reset_for_an_unknown_address_answers_the_same_and_writes_nothing(client):
    UserFactory(email="known@example.org")

    known = client.post(RESET, {"email": "known@example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)

    assert unknown.redirect_chain == known.redirect_chain
    assert without_csrf_tokens(unknown) == without_csrf_tokens(known)
    assert Notice.objects.count() == 1
    assert Notice.objects.get().to == "known@example.org"


def test_reset_link_sets_a_new_password_once(client):
    user = UserFactory(email="known@example.org")
    client.post(RESET, {"email": "known@example.org"})
    path = link_path(Notice.objects.get())

    form_page = client.get(path, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    client.logout()
    assert client.get(path, follow=True).context["validlink"] is False


def test_reset_link_expires_sooner_than_an_invitation(client, settings, monkeypatch):
    settings.PORTAL_PASSWORD_RESET_LINK_TIMEOUT = 3600
    UserFactory(email="known@example.org")
    client.post(RESET, {"email": "known@example.org"})
    path = link_path(Notice.objects.get())
    later = datetime.now() + timedelta(hours=2)
    from accounts.tokens import password_reset_token_generator

    monkeypatch.setattr(password_reset_token_generator, "_now", lambda: later)

    assert client.get(path, follow=True).context["validlink"] is False


def test_a_reset_link_is_not_an_invitation_link(client):
    UserFactory(email="known@example.org")
    client.post(RESET, {"email": "known@example.org"})
    invitation_path = link_path(Notice.objects.get()).replace("/password-reset/", "/invitation/")

    assert client.get(invitation_path, follow=True).context["validlink"] is False


def test_reset_requests_are_throttled_per_address(client, settings):
    settings.PORTAL_PASSWORD_RESETS_PER_HOUR = 3
    UserFactory(email="known@example.org")
    for number in range(3):
        client.post(RESET, {"email": "known@example.org"}, REMOTE_ADDR=f"10.0.0.{number}")

    response = client.post(RESET, {"email": "known@example.org"}, REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()


def test_reset_requests_are_throttled_per_ip_address(client, settings):
    settings.PORTAL_PASSWORD_RESETS_PER_HOUR = 3
    for number in range(3):
        client.post(RESET, {"email": f"someone{number}@example.org"})

    response = client.post(RESET, {"email": "another@example.org"})

    assert response.status_code == 429


def test_the_throttle_treats_unknown_addresses_like_known_ones(client, settings):
    settings.PORTAL_PASSWORD_RESETS_PER_HOUR = 1
    UserFactory(email="known@example.org")

    client.post(RESET, {"email": "known@example.org"}, REMOTE_ADDR="10.0.0.1")
    client.post(RESET, {"email": "nobody@example.org"}, REMOTE_ADDR="10.0.0.2")
    known = client.post(RESET, {"email": "known@example.org"}, REMOTE_ADDR="10.0.0.3")
    unknown = client.post(RESET, {"email": "nobody@example.org"}, REMOTE_ADDR="10.0.0.4")

    assert known.status_code == unknown.status_code == 429
    assert Notice.objects.count() == 1


# --- Preferred language -------------------------------------------------------------------


def test_switching_language_while_logged_in_stores_it(client):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/en/"})

    assert response.status_code == 302
    assert response.url == "/ar/"
    user.refresh_from_db()
    assert user.language == "ar"


@pytest.mark.parametrize("current", ["zh-hans", "ar", "en"])
def test_switching_language_leads_to_the_same_page_in_the_new_language(client, current):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": f"/{current}/account/login/?next=/x/"})

    assert response.url == "/fr/account/login/?next=/x/"


def test_switching_language_anonymously_only_sets_the_cookie(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/en/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_an_unknown_language_is_not_stored(client):
    user = UserFactory(language="en")
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "xx", "next": "/en/"})

    user.refresh_from_db()
    assert user.language == "en"


def test_switching_language_by_get_changes_nothing(client):
    user = UserFactory(language="en")
    client.force_login(user)

    client.get("/i18n/setlang/", {"language": "fr", "next": "/en/"})

    user.refresh_from_db()
    assert user.language == "en"


def test_a_switched_language_is_used_at_the_next_login(client):
    user = UserFactory(language="en")
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/en/"})
    client.post("/en/account/logout/")
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)

    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert response.url.startswith("/ru/")


# --- My account ---------------------------------------------------------------------------


def test_account_page_needs_login(client):
    response = client.get("/en/account/")
    assert response.status_code == 302
    assert response.url.startswith(url("accounts:login"))


def test_account_page_shows_the_users_details(client):
    user = UserFactory(first_name="Amina", language="fr")
    client.force_login(user)

    response = client.get("/en/account/")

    assert response.status_code == 200
    assert response.context["form"].initial["language"] == "fr"
    assert "Amina" in response.content.decode()


def test_account_page_changes_name_and_language(client):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.post("/en/account/", {"first_name": "Li", "last_name": "Wei", "language": "zh-hans"})

    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.language) == ("Li", "Wei", "zh-hans")
    assert response.url == "/zh-hans/account/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"


def test_account_page_refuses_an_unknown_language(client):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.post("/en/account/", {"first_name": "Li", "last_name": "Wei", "language": "de"})

    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    user.refresh_from_db()
    assert user.language == "en"


def test_account_page_shows_markup_as_text(client):
    user = UserFactory(first_name="<script>alert(1)</script>")
    client.force_login(user)

    html = client.get("/en/account/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_account_page_changes_the_password_and_keeps_the_session(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/en/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.url == url("accounts:account")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert logged_in_user_id(client) == str(user.pk)


def test_password_change_needs_the_old_password(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/en/account/password/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
