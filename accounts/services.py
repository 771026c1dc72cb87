"""State changes of accounts: invitations, password-reset messages, the person's own settings.

Accounts are made by the Secretariat in the admin; people then set their own password
through a one-time link that reaches them through the outbox, in their own language.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.tokens import invitation_token_generator
from outbox.models import Notice
from outbox.services import queue_notice
from portal.permissions import require_permission


def _uidb64(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def _path_in_language(language: str, viewname: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs)


@transaction.atomic
def invite_user(*, user: User, actor: User) -> Notice:
    """Send the person a link to set their password (a week's validity), in their language.

    Each invitation is a new message (its key carries the time of the invitation), and
    it voids the links of earlier invitations: only the newest one works. Whoever sets a
    superuser's password holds every right of the portal, so only a superuser invites one.
    """
    require_permission(actor, "accounts.invite_user")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_superuser and actor is not None and not actor.is_superuser:
        raise PermissionDenied(
            _("%(user)s is a superuser: only a superuser may invite them.") % {"user": user.get_username()}
        )
    if not user.is_active:
        raise ValidationError(
            _("%(user)s cannot be invited: the account is not active.") % {"user": user.get_username()}
        )
    if not user.email:
        raise ValidationError(
            _("%(user)s cannot be invited: the account has no e-mail address.") % {"user": user.get_username()}
        )
    user.invited_at = timezone.now()
    user.save(update_fields=["invited_at"])
    path = _path_in_language(
        user.language,
        "accounts:invitation",
        uidb64=_uidb64(user),
        token=invitation_token_generator.make_token(user),
    )
    return queue_notice(
        kind=Notice.Kind.COORDINATOR_INVITATION,
        to=user.email,
        language=user.language,
        key=f"coordinator-invitation:{user.pk}:{user.invited_at.isoformat()}",
        context={
            "name": user.get_full_name() or user.get_username(),
            "username": user.get_username(),
            "set_password_path": path,
            "login_path": _path_in_language(user.language, "accounts:login"),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
        about=user,
    )


@transaction.atomic
def queue_password_reset(*, user: User, uidb64: str, token: str) -> Notice:
    """Write the "forgotten password" message with its one-time link, in the person's language.

    The key is the link itself (hashed): asking twice in the same second gives one message.
    """
    path = _path_in_language(user.language, "accounts:password_reset_confirm", uidb64=uidb64, token=token)
    digest = hashlib.sha256(token.encode()).hexdigest()[:24]
    return queue_notice(
        kind=Notice.Kind.PASSWORD_RESET,
        to=user.email,
        language=user.language,
        key=f"password-reset:{user.pk}:{digest}",
        context={
            "name": user.get_full_name() or user.get_username(),
            "username": user.get_username(),
            "reset_path": path,
            "valid_hours": max(1, settings.PORTAL_PASSWORD_RESET_LINK_TIMEOUT // 3600),
        },
        about=user,
    )


def _check_language(language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("%(language)s is not one of the portal's languages.") % {"language": language})


@transaction.atomic
def set_preferred_language(*, user: User, actor: User, language: str) -> User:
    """Remember the language a person chose: pages after login and messages use it."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("Only the person themselves chooses their language here."))
    _check_language(language)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


@transaction.atomic
def update_account(*, user: User, actor: User, first_name: str, last_name: str, language: str) -> User:
    """The person's own name and preferred language (the "my account" page)."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("Only the person themselves changes their account here."))
    _check_language(language)
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.language = language
    user.full_clean(exclude=["password", "username", "email"])
    user.save(update_fields=["first_name", "last_name", "language"])
    return user


@transaction.atomic
def set_roles(*, user: User, roles: list[str], actor: User | None) -> User:
    """Give a person exactly these roles of the Secretariat (accounts.roles), keeping their other groups.

    Roles are given to other people: nobody gives themselves one, and a superuser's account is
    a superuser's business only.
    """
    from django.contrib.auth.models import Group

    from accounts.roles import ROLES_BY_NAME

    require_permission(actor, "accounts.give_roles")
    user = User.objects.select_for_update().get(pk=user.pk)
    if actor is not None and not actor.is_superuser:
        if actor.pk == user.pk:
            raise PermissionDenied(_("Nobody gives themselves a role: ask another programme manager."))
        if user.is_superuser:
            raise PermissionDenied(
                _("%(user)s is a superuser: only a superuser may change their account.") % {"user": user.get_username()}
            )
    unknown = sorted(set(roles) - set(ROLES_BY_NAME))
    if unknown:
        raise ValidationError(_("These are not roles of the Secretariat: %(names)s.") % {"names": ", ".join(unknown)})
    kept = list(user.groups.exclude(name__in=ROLES_BY_NAME))
    user.groups.set([*kept, *Group.objects.filter(name__in=roles)])
    return user
