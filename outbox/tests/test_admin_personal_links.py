"""A password link waiting in the outbox is not readable by whoever may read the outbox."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from outbox.models import Notice
from outbox.tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db

LINK = "https://webinars.example.org/en/account/password-reset/MQ/secret-token/"


@pytest.fixture
def outbox_reader_client(client):
    """A staff member who may only read the outbox (not a superuser)."""
    reader = StaffFactory(is_superuser=False)
    reader.user_permissions.add(Permission.objects.get(codename="view_notice"))
    client.force_login(reader)
    return client


@pytest.mark.parametrize("kind", sorted(Notice.KINDS_WITH_PERSONAL_LINKS))
@pytest.mark.parametrize("state", [Notice.State.PENDING, Notice.State.FAILED])
def test_an_unsent_password_link_is_not_shown_in_the_outbox_admin(outbox_reader_client, kind, state):
    notice = NoticeFactory(kind=kind, state=state, body=f"Choose your password: {LINK}\n")

    response = outbox_reader_client.get(reverse("admin:outbox_notice_change", args=[notice.pk]))

    assert response.status_code == 200
    assert b"secret-token" not in response.content


def test_an_ordinary_message_is_still_shown_in_the_outbox_admin(outbox_reader_client):
    notice = NoticeFactory(
        kind=Notice.Kind.PROPOSAL_SUBMITTED, state=Notice.State.PENDING, body="Dear group, received.\n"
    )

    response = outbox_reader_client.get(reverse("admin:outbox_notice_change", args=[notice.pk]))

    assert b"Dear group, received." in response.content


def test_a_reader_of_the_outbox_cannot_send_a_failed_message_again(outbox_reader_client):
    failed = NoticeFactory(state=Notice.State.FAILED, attempts=6)

    page = outbox_reader_client.get(reverse("admin:outbox_notice_change", args=[failed.pk]))
    response = outbox_reader_client.post(reverse("admin:outbox_notice_resend", args=[failed.pk]))

    assert reverse("admin:outbox_notice_resend", args=[failed.pk]) not in page.content.decode()
    assert response.status_code == 403
    failed.refresh_from_db()
    assert failed.state == Notice.State.FAILED
