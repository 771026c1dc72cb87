"""One-time links to set a password: the invitation and the "forgotten password" reset.

Both are Django's signed tokens: the hash covers the password and the last login, so a
link stops working as soon as the password is set with it. Each kind has its own salt,
so a reset link cannot stand in for an invitation or the other way round.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """The link of an invitation; valid PASSWORD_RESET_TIMEOUT (a week).

    The time of the last invitation is in the hash: inviting someone again voids the
    links of earlier invitations, so only the newest message works.
    """

    key_salt = "accounts.tokens.InvitationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        invited_at = "" if user.invited_at is None else user.invited_at.timestamp()
        return f"{super()._make_hash_value(user, timestamp)}{invited_at}"


class PasswordResetLinkTokenGenerator(PasswordResetTokenGenerator):
    """The link of a "forgotten password" message; valid PORTAL_PASSWORD_RESET_LINK_TIMEOUT (a day).

    Someone who asked for it is waiting for it: a short life limits what a mailbox read
    later by someone else can do.
    """

    key_salt = "accounts.tokens.PasswordResetLinkTokenGenerator"

    def check_token(self, user, token):
        if not super().check_token(user, token):
            return False
        issued_at = base36_to_int(token.split("-")[0])
        return self._num_seconds(self._now()) - issued_at <= settings.PORTAL_PASSWORD_RESET_LINK_TIMEOUT


invitation_token_generator = InvitationTokenGenerator()
password_reset_token_generator = PasswordResetLinkTokenGenerator()
