import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction

from accounts.tests.factories import StaffFactory
from outbox.delivery import Outcome, deliver_notice
from outbox.models import Notice
from outbox.services import queue_notice, resend_notice
from outbox.tasks import send_pending_notices
from outbox.tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db

KIND = Notice.Kind.PROPOSAL_SUBMITTED


@pytest.fixture
def notice_templates(tmp_path, settings):
    """Templates for one kind, in a folder placed before the project's own."""
    folder = tmp_path / "outbox"
    folder.mkdir()
    (folder / f"{KIND}.subject.txt").write_text(
        "{% load i18n %}{% translate 'Draft' %}: {{ title }}\n", encoding="utf-8"
    )
    (folder / f"{KIND}.body.txt").write_text("{{ title }} at {{ site_url }}/x/\n", encoding="utf-8")
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    settings.PORTAL_SITE_URL = "https://webinars.example.org/"


class RefusingOnceBackend(EmailBackend):
    """A mail server that refuses the recipient of the first message (with `code`), then accepts."""

    refusals = 0
    code = 450

    def send_messages(self, messages):
        if RefusingOnceBackend.refusals > 0:
            RefusingOnceBackend.refusals -= 1
            refused = {message.to[0]: (RefusingOnceBackend.code, b"Mailbox unavailable") for message in messages}
            raise smtplib.SMTPRecipientsRefused(refused)
        return super().send_messages(messages)


def test_a_queued_notice_is_rendered_in_the_recipients_language_and_sent_on_commit(
    notice_templates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = queue_notice(kind=KIND, to="a@example.org", language="fr", key="k1", context={"title": "<b>T</b>"})

    notice.refresh_from_db()
    assert notice.subject == "Brouillon: <b>T</b>"
    assert notice.body == "<b>T</b> at https://webinars.example.org/x/\n"
    assert notice.state == Notice.State.SENT
    assert notice.attempts == 1
    assert [message.to for message in mail.outbox] == [["a@example.org"]]
    assert mail.outbox[0].extra_headers["Content-Language"] == "fr"


def test_the_same_key_twice_makes_one_notice_and_one_message(notice_templates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_notice(kind=KIND, to="a@example.org", language="en", key="same", context={"title": "A"})
        second = queue_notice(kind=KIND, to="a@example.org", language="en", key="same", context={"title": "B"})

    assert first.pk == second.pk
    assert Notice.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_rolled_back_state_change_leaves_no_notice_and_sends_nothing(
    notice_templates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        queue_notice(kind=KIND, to="a@example.org", language="en", key="k", context={"title": "A"})
        raise RuntimeError("the state change failed")

    assert Notice.objects.count() == 0
    assert mail.outbox == []


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        queue_notice(kind="nonsense", to="a@example.org", language="en", key="k", context={})


def test_a_sent_notice_is_never_sent_again():
    notice = NoticeFactory()
    deliver_notice(notice_id=notice.pk)
    deliver_notice(notice_id=notice.pk)

    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.state == Notice.State.SENT
    assert notice.sent_at is not None


def test_a_refusal_is_recorded_and_the_next_attempt_delivers_once(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_services.RefusingOnceBackend"
    RefusingOnceBackend.refusals, RefusingOnceBackend.code = 1, 450
    notice = NoticeFactory()

    assert deliver_notice(notice_id=notice.pk) is Outcome.REFUSED
    notice.refresh_from_db()
    assert notice.state == Notice.State.PENDING
    assert "SMTPRecipientsRefused" in notice.last_error and "450" in notice.last_error
    assert mail.outbox == []

    assert deliver_notice(notice_id=notice.pk) is Outcome.SENT
    notice.refresh_from_db()
    assert notice.state == Notice.State.SENT
    assert notice.attempts == 2
    assert len(mail.outbox) == 1


def test_a_permanent_refusal_fails_at_once_and_the_secretariat_can_resend_it(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_services.RefusingOnceBackend"
    RefusingOnceBackend.refusals, RefusingOnceBackend.code = 1, 550
    notice = NoticeFactory()

    assert deliver_notice(notice_id=notice.pk) is Outcome.FAILED
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == (Notice.State.FAILED, 1)
    assert deliver_notice(notice_id=notice.pk) is Outcome.SKIPPED  # no retry of its own

    resend_notice(notice=notice, actor=StaffFactory())
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == (Notice.State.PENDING, 0)
    assert deliver_notice(notice_id=notice.pk) is Outcome.SENT
    assert len(mail.outbox) == 1
    with pytest.raises(ValidationError):
        resend_notice(notice=NoticeFactory(state=Notice.State.PENDING), actor=StaffFactory())


def test_the_sweep_sends_pending_notices_the_hand_off_missed():
    old = NoticeFactory()
    a_year_ago = old.created_at.replace(year=old.created_at.year - 1)
    Notice.objects.filter(pk=old.pk).update(created_at=a_year_ago, next_attempt_at=a_year_ago)
    fresh = NoticeFactory()  # its on-commit hand-off has a minute before the sweep takes it

    assert send_pending_notices() == 1
    assert [message.to for message in mail.outbox] == [[old.to]]
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.state, fresh.state) == (Notice.State.SENT, Notice.State.PENDING)


def test_a_message_with_an_unsubscribe_link_carries_the_one_click_headers():
    notice = NoticeFactory(context={"unsubscribe_url": "https://example.org/u/abc"})
    deliver_notice(notice_id=notice.pk)

    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe"] == "<https://example.org/u/abc>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_invitation_link_is_removed_from_the_outbox_once_sent():
    notice = NoticeFactory(
        kind=Notice.Kind.COORDINATOR_INVITATION,
        body="Set your password: https://example.org/en/account/invitation/abc/token/\n",
        context={"url": "https://example.org/en/account/invitation/abc/token/"},
    )
    deliver_notice(notice_id=notice.pk)

    assert "token" in mail.outbox[0].body
    notice.refresh_from_db()
    assert "token" not in notice.body
    assert notice.context == {}
    assert notice.state == Notice.State.SENT
