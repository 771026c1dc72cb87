"""The visitor's address behind the TLS proxy (portal.client_address)."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import RequestFactory

from accounts.tests.factories import UserFactory
from portal.client_address import client_address

PROXY = "10.0.0.5"
LOGIN = "/en/account/login/"
PASSWORD = "demo-pass-1234"


def log_in(client, username: str, password: str, *, forwarded_for: str):
    """A login post as gunicorn receives it from the proxy."""
    data = {"username": username, "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def request_from(remote_address: str, forwarded_for: str | None = None):
    headers = {"REMOTE_ADDR": remote_address}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0

    assert client_address(request_from("192.0.2.7", "198.51.100.1")) == "192.0.2.7"


def test_behind_one_proxy_the_visitor_is_the_address_the_proxy_appended(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1

    # The visitor sent a forged header of their own; the proxy appended the real address.
    assert client_address(request_from(PROXY, "198.51.100.1, 192.0.2.7")) == "192.0.2.7"


def test_behind_two_proxies_the_visitor_is_second_from_the_right(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 2

    assert client_address(request_from(PROXY, "198.51.100.1, 192.0.2.7, 10.0.0.9")) == "192.0.2.7"


def test_a_request_that_bypassed_the_proxies_counts_by_its_socket_address(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 2

    assert client_address(request_from("192.0.2.7", "198.51.100.1")) == "192.0.2.7"
    assert client_address(request_from("192.0.2.8")) == "192.0.2.8"


@pytest.mark.django_db
def test_behind_the_proxy_one_visitors_wrong_passwords_do_not_lock_the_account_for_another(client, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, user.username, "wrong", forwarded_for="203.0.113.9")

    response = log_in(client, user.username, PASSWORD, forwarded_for="192.0.2.7")

    assert response.status_code == 302
    assert client.session.get(SESSION_KEY) == str(user.pk)


@pytest.mark.django_db
def test_behind_the_proxy_the_attacker_is_still_locked_out(client, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, user.username, "wrong", forwarded_for="203.0.113.9")

    # A forged header in front of the proxy's entry changes nothing.
    response = log_in(client, user.username, "wrong", forwarded_for="198.51.100.77, 203.0.113.9")

    assert response.status_code == 429
    assert settings.AXES_CLIENT_IP_CALLABLE == "portal.client_address.client_address"
