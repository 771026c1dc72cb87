"""Reading the outbox takes "view messages"; sending a failed message again takes "change messages"."""

import pytest
from django.urls import reverse

from accounts.tests.factories import SecretariatFactory
from outbox.models import Notice
from outbox.services import resend_notice
from outbox.tests.factories import NoticeFactory
from portal.permissions import MissingPermission

pytestmark = pytest.mark.django_db


def test_staff_without_the_view_permission_cannot_read_the_outbox(client):
    notice = NoticeFactory(body="Dear group, received.\n")
    client.force_login(SecretariatFactory())

    for url in (
        reverse("admin:outbox_notice_changelist"),
        reverse("admin:outbox_notice_change", args=[notice.pk]),
        reverse("admin:outbox_notice_templates"),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Dear group, received." not in response.content


def test_a_reader_of_the_outbox_cannot_resend_through_the_service_and_nothing_changes():
    reader = SecretariatFactory(permissions=["outbox.view_notice"])
    failed = NoticeFactory(state=Notice.State.FAILED, attempts=6)

    with pytest.raises(MissingPermission) as refused:
        resend_notice(notice=failed, actor=reader)

    assert refused.value.perms == ("outbox.change_notice",)
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == (Notice.State.FAILED, 6)


def test_a_reader_of_the_outbox_cannot_use_the_resend_action(client):
    client.force_login(SecretariatFactory(permissions=["outbox.view_notice"]))
    failed = NoticeFactory(state=Notice.State.FAILED, attempts=6)

    client.post(
        reverse("admin:outbox_notice_changelist"), {"action": "resend_selected", "_selected_action": [failed.pk]}
    )

    failed.refresh_from_db()
    assert failed.state == Notice.State.FAILED


def test_a_programme_officer_sends_a_failed_message_again(django_capture_on_commit_callbacks):
    officer = SecretariatFactory(roles=["Programme officer"])
    failed = NoticeFactory(state=Notice.State.FAILED, attempts=6)

    with django_capture_on_commit_callbacks(execute=True):
        resend_notice(notice=failed, actor=officer)

    failed.refresh_from_db()
    assert failed.state == Notice.State.SENT  # in-process tasks deliver at once
