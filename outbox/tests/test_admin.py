import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from outbox.models import Notice
from outbox.tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_the_secretariat_reads_a_message_as_text(staff_client):
    notice = NoticeFactory(body="<script>alert(1)</script> Bonjour", language="fr", state=Notice.State.FAILED)

    response = staff_client.get(reverse("admin:outbox_notice_change", args=[notice.pk]))

    assert response.status_code == 200
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; Bonjour" in response.content
    assert b"<script>alert(1)" not in response.content


def test_the_resend_action_queues_only_failed_messages(staff_client, django_capture_on_commit_callbacks):
    failed = NoticeFactory(state=Notice.State.FAILED, attempts=6)
    sent = NoticeFactory(state=Notice.State.SENT, sent_at="2026-01-01T00:00Z")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:outbox_notice_changelist"),
            {"action": "resend_selected", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )

    assert response.status_code == 200
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert failed.state == Notice.State.SENT  # in-process tasks deliver at once
    assert sent.attempts == 0


def test_the_secretariat_previews_every_kind_of_message_in_every_language(staff_client, settings):
    response = staff_client.get(reverse("admin:outbox_notice_templates"))

    assert response.status_code == 200
    content = response.content.decode()
    for kind in Notice.Kind.values:
        assert f'id="kind-{kind}"' in content
    assert content.count('class="outbox-template-language"') == len(Notice.Kind.values) * len(settings.LANGUAGES)
    assert 'lang="ar" dir="rtl"' in content
    assert "Patent landscapes for policy makers" in content  # the invitation's sample topics


def test_every_cycle_message_renders_in_every_language():
    from outbox.previews import preview_rows

    cycle_kinds = {
        Notice.Kind.CYCLE_DRAFT_READY,
        Notice.Kind.CYCLE_INVITATION,
        Notice.Kind.CYCLE_REMINDER,
        Notice.Kind.CYCLE_SUMMARY,
        Notice.Kind.PROPOSAL_OUTCOME,
    }
    rows = [row for row in preview_rows() if row["kind"] in cycle_kinds]

    assert len(rows) == len(cycle_kinds)
    for row in rows:
        for cell in row["cells"]:
            assert "error" not in cell, (row["kind"], cell["language"], cell.get("error"))
            assert cell["subject"] and cell["body"].strip()


def test_the_template_preview_is_for_staff_only(client):
    response = client.get(reverse("admin:outbox_notice_templates"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_failed_message_shows_a_resend_button_that_sends_it_again(staff_client, django_capture_on_commit_callbacks):
    failed = NoticeFactory(state=Notice.State.FAILED, attempts=6, last_error="SMTPDataError: 451")
    page = staff_client.get(reverse("admin:outbox_notice_change", args=[failed.pk]))
    assert reverse("admin:outbox_notice_resend", args=[failed.pk]) in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:outbox_notice_resend", args=[failed.pk]), follow=True)

    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.state == Notice.State.SENT
    assert len(mail.outbox) == 1


def test_resend_is_refused_on_get_and_for_a_message_already_sent(staff_client):
    sent = NoticeFactory(state=Notice.State.SENT, sent_at="2026-01-01T00:00Z", attempts=1)
    page = staff_client.get(reverse("admin:outbox_notice_change", args=[sent.pk]))
    assert reverse("admin:outbox_notice_resend", args=[sent.pk]) not in page.content.decode()

    assert staff_client.get(reverse("admin:outbox_notice_resend", args=[sent.pk])).status_code == 405
    response = staff_client.post(reverse("admin:outbox_notice_resend", args=[sent.pk]), follow=True)

    assert "Only a failed message can be sent again." in response.content.decode()
    sent.refresh_from_db()
    assert (sent.state, sent.attempts) == (Notice.State.SENT, 1)
    assert mail.outbox == []


def test_a_missing_message_is_a_404(staff_client):
    assert staff_client.post(reverse("admin:outbox_notice_resend", args=[999999])).status_code == 404
    assert staff_client.get(reverse("admin:outbox_notice_change", args=[999999])).status_code == 404
