"""The administration has no login of its own: one login page, the portal's."""

import html

import pytest
from django.urls import reverse

from accounts.tests.factories import SecretariatFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_opening_the_administration_is_sent_to_the_portals_login_and_brought_back(client):
    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:login") + "?next=" + reverse("admin:index")
    assert response.status_code == 200


def test_a_coordinator_opening_the_administration_is_told_it_is_the_secretariats(client):
    client.force_login(UserFactory())

    response = client.get(reverse("admin:index"), follow=True)

    assert response.status_code == 403
    assert "This page is for the Secretariat's staff." in html.unescape(response.content.decode())


def test_staff_sent_to_the_login_go_on_to_where_they_were_going(client):
    client.force_login(SecretariatFactory())
    target = reverse("admin:accounts_user_changelist")

    response = client.get(reverse("admin:login") + f"?next={target}")

    assert response.status_code == 302 and response["Location"] == target


def test_the_login_never_sends_anyone_to_another_site(client):
    client.force_login(SecretariatFactory())

    response = client.get(reverse("admin:login") + "?next=https://evil.example.org/")

    assert response["Location"] == reverse("admin:index")
