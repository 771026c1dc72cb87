"""Who may invite and change people's accounts, and who may give rights.

A superuser holds every right of the portal. Whoever sets a superuser's password or
changes their account could take those rights, so only a superuser acts on a superuser's
account. Superuser status and single permissions are a superuser's to give; the
Secretariat's roles may also be given by whoever holds ``accounts.give_roles`` (the
programme manager), to other people only: nobody raises their own rights.
"""

from __future__ import annotations

from portal.permissions import has_permission


def may_act_on_account(user, target) -> bool:
    """A superuser's account is a superuser's business only."""
    return not target.is_superuser or user.is_superuser


def can_invite_user(user, target=None) -> bool:
    return has_permission(user, "accounts.invite_user") and (target is None or may_act_on_account(user, target))


def can_change_user(user, target=None) -> bool:
    return has_permission(user, "accounts.change_user") and (target is None or may_act_on_account(user, target))


def can_give_roles(user, target=None) -> bool:
    """The Secretariat's roles (never single permissions nor superuser status), to other people:
    nobody gives themselves a role, and a superuser's account stays a superuser's business."""
    return has_permission(user, "accounts.give_roles") and (
        target is None or (target.pk != user.pk and may_act_on_account(user, target))
    )


def can_give_rights(user) -> bool:
    """Superuser status, roles and single permissions: a superuser's to give."""
    return bool(user.is_active and user.is_superuser)
