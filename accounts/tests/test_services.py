import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.services import invite_user, set_preferred_language, update_account
from accounts.tests.factories import StaffFactory, UserFactory
from outbox.models import Notice

pytestmark = pytest.mark.django_db


def link_path(notice: Notice, fragment: str) -> str:
    """The path of the first absolute link in the message that contains `fragment`."""
    url = next(url for url in re.findall(r"https?://\S+", notice.body) if fragment in url)
    return urlsplit(url).path


def test_invite_user_writes_one_notice_in_the_users_language():
    user = UserFactory(language="fr", email="coord@example.org")

    notice = invite_user(user=user, actor=StaffFactory())

    assert Notice.objects.count() == 1
    assert notice.kind == Notice.Kind.COORDINATOR_INVITATION
    assert notice.to == "coord@example.org"
    assert notice.language == "fr"
    assert notice.about == user
    assert link_path(notice, "/invitation/").startswith("/fr/account/invitation/")
    assert user.username in notice.body


def test_invitation_message_is_sent_on_commit(django_capture_on_commit_callbacks):
    user = UserFactory(email="coord@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        invite_user(user=user, actor=StaffFactory())

    assert [message.to for message in mail.outbox] == [["coord@example.org"]]


def test_inviting_again_writes_a_new_message():
    user = UserFactory()
    staff = StaffFactory()

    first = invite_user(user=user, actor=staff)
    second = invite_user(user=user, actor=staff)

    assert first.pk != second.pk
    assert Notice.objects.filter(kind=Notice.Kind.COORDINATOR_INVITATION).count() == 2


def test_invite_user_records_when_the_invitation_was_sent():
    user = UserFactory()

    invite_user(user=user, actor=StaffFactory())

    user.refresh_from_db()
    assert user.invited_at is not None


def test_a_user_without_email_cannot_be_invited():
    user = UserFactory(email="")

    with pytest.raises(ValidationError, match="no e-mail address"):
        invite_user(user=user, actor=StaffFactory())
    assert not Notice.objects.exists()


def test_an_inactive_user_cannot_be_invited():
    user = UserFactory(is_active=False)

    with pytest.raises(ValidationError, match="not active"):
        invite_user(user=user, actor=StaffFactory())
    assert not Notice.objects.exists()


def test_only_staff_invite():
    with pytest.raises(PermissionDenied):
        invite_user(user=UserFactory(), actor=UserFactory())
    assert not Notice.objects.exists()


def test_set_preferred_language_stores_the_choice():
    user = UserFactory(language="en")

    set_preferred_language(user=user, actor=user, language="ar")

    user.refresh_from_db()
    assert user.language == "ar"


def test_set_preferred_language_refuses_an_unknown_language():
    user = UserFactory(language="en")

    with pytest.raises(ValidationError):
        set_preferred_language(user=user, actor=user, language="de")
    user.refresh_from_db()
    assert user.language == "en"


def test_update_account_changes_only_ones_own_account():
    user = UserFactory()

    with pytest.raises(PermissionDenied):
        update_account(user=user, actor=UserFactory(), first_name="X", last_name="Y", language="fr")
