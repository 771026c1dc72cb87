"""Inviting people, changing accounts and giving rights: each needs its permission, and only a
superuser acts on a superuser or gives rights; the roles are shown in words and not changed."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import User
from accounts.roles import ROLES_BY_NAME
from accounts.services import invite_user
from accounts.tests.factories import SecretariatFactory, StaffFactory, UserFactory
from outbox.models import Notice
from portal.permissions import MissingPermission, permission_label

pytestmark = pytest.mark.django_db

PASSWORD = "demo-pass-1234"
INVITE = "send_invitation"


def change_url(user) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def account_form(user, **changes) -> dict:
    """What the admin's change form posts for ``user``, with ``changes``."""
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


# --- Inviting ----------------------------------------------------------------------------------


def test_staff_without_the_invite_permission_cannot_invite_and_nothing_is_written():
    person = UserFactory()

    with pytest.raises(MissingPermission) as refused:
        invite_user(user=person, actor=SecretariatFactory(permissions=["accounts.change_user"]))

    assert refused.value.perms == ("accounts.invite_user",)
    assert not Notice.objects.exists()
    person.refresh_from_db()
    assert person.invited_at is None


def test_a_non_superuser_with_the_invite_permission_cannot_invite_a_superuser():
    superuser = StaffFactory()
    inviter = SecretariatFactory(permissions=["accounts.invite_user"])

    with pytest.raises(PermissionDenied, match="only a superuser may invite them"):
        invite_user(user=superuser, actor=inviter)

    assert not Notice.objects.exists()
    superuser.refresh_from_db()
    assert superuser.invited_at is None


def test_a_non_superuser_with_the_invite_permission_invites_a_coordinator():
    notice = invite_user(user=UserFactory(), actor=SecretariatFactory(permissions=["accounts.invite_user"]))

    assert notice.kind == Notice.Kind.COORDINATOR_INVITATION


def test_a_superuser_invites_another_superuser():
    notice = invite_user(user=StaffFactory(), actor=StaffFactory())

    assert notice.kind == Notice.Kind.COORDINATOR_INVITATION


def test_the_invite_action_is_not_offered_without_the_invite_permission(client):
    person = UserFactory()
    client.force_login(SecretariatFactory(permissions=["accounts.view_user", "accounts.change_user"]))

    page = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    client.post(reverse("admin:accounts_user_changelist"), {"action": INVITE, "_selected_action": [person.pk]})

    assert f'value="{INVITE}"' not in page
    assert not Notice.objects.exists()


def test_the_invite_action_says_why_a_superuser_was_not_invited(client):
    superuser, coordinator = StaffFactory(), UserFactory()
    client.force_login(SecretariatFactory(permissions=["accounts.view_user", "accounts.invite_user"]))

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": INVITE, "_selected_action": [superuser.pk, coordinator.pk]},
        follow=True,
    )

    assert "only a superuser may invite them" in response.content.decode()
    assert [notice.to for notice in Notice.objects.all()] == [coordinator.email]


# --- Changing accounts and giving rights ---------------------------------------------------------


def test_a_non_superuser_with_change_user_cannot_make_themselves_superuser_nor_add_groups(client):
    member = SecretariatFactory(permissions=["accounts.view_user", "accounts.change_user"])
    manager_role = Group.objects.get(name="Programme manager")
    any_permission = Permission.objects.get(codename="publish_annualplan")
    client.force_login(member)

    response = client.post(
        change_url(member),
        account_form(
            member,
            first_name="Renamed",
            is_superuser="on",
            groups=[manager_role.pk],
            user_permissions=[any_permission.pk],
        ),
    )

    assert response.status_code == 302
    member = User.objects.get(pk=member.pk)
    assert member.first_name == "Renamed"  # the rest of the account is still theirs to change
    assert not member.is_superuser
    assert not member.groups.exists()
    assert list(member.user_permissions.values_list("codename", flat=True)) == ["change_user", "view_user"]


def test_the_rights_fields_are_read_only_for_a_non_superuser(client):
    member = SecretariatFactory(permissions=["accounts.view_user", "accounts.change_user"])
    client.force_login(member)

    page = client.get(change_url(UserFactory())).content.decode()

    for field in ("is_superuser", "groups", "user_permissions"):
        assert f'name="{field}"' not in page
    assert 'name="first_name"' in page


def test_a_superuser_gives_a_role(client):
    person = SecretariatFactory()
    client.force_login(StaffFactory())
    role = Group.objects.get(name="Read-only")

    response = client.post(change_url(person), account_form(person, groups=[role.pk]))

    assert response.status_code == 302
    assert list(person.groups.all()) == [role]


def test_a_non_superuser_cannot_change_a_superusers_account(client):
    superuser = StaffFactory(first_name="Ada")
    client.force_login(SecretariatFactory(permissions=["accounts.view_user", "accounts.change_user"]))

    page = client.get(change_url(superuser)).content.decode()
    response = client.post(change_url(superuser), account_form(superuser, first_name="Mallory"))
    password = client.post(
        reverse("admin:auth_user_password_change", args=[superuser.pk]),
        {"password1": "a-new-long-passphrase-1", "password2": "a-new-long-passphrase-1"},
    )

    assert 'name="first_name"' not in page  # shown, not offered for change
    assert response.status_code == 403
    assert password.status_code == 403
    superuser.refresh_from_db()
    assert superuser.first_name == "Ada" and superuser.check_password(PASSWORD)


# --- The roles in the admin --------------------------------------------------------------------------


def test_the_admin_page_of_a_role_lists_its_permissions_in_words(client):
    client.force_login(SecretariatFactory(roles=["Programme manager"]))
    role = Group.objects.get(name="Read-only")

    response = client.get(reverse("admin:auth_group_change", args=[role.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "defined by the portal; changes come with a release" in page
    assert str(ROLES_BY_NAME["Read-only"].description) in page
    listed = page.split('<ul class="role-permissions">', 1)[1].split("</ul>", 1)[0]
    assert "<li>Read and export the annual report</li>" in listed
    assert f"<li>{permission_label('webinars.view_webinar')}</li>" in listed
    assert listed.count("<li>") == len(set(ROLES_BY_NAME["Read-only"].permissions))


def test_a_roles_permissions_cannot_be_changed_in_the_admin_even_by_a_superuser(client):
    client.force_login(StaffFactory())
    role = Group.objects.get(name="Read-only")
    before = set(role.permissions.values_list("pk", flat=True))
    extra = Permission.objects.get(codename="publish_annualplan")

    response = client.post(
        reverse("admin:auth_group_change", args=[role.pk]),
        {"name": "Read-only", "permissions": [*before, extra.pk]},
    )
    delete = client.post(reverse("admin:auth_group_delete", args=[role.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert delete.status_code == 403
    assert set(Group.objects.get(pk=role.pk).permissions.values_list("pk", flat=True)) == before


def test_a_group_that_is_not_a_role_stays_editable(client):
    client.force_login(StaffFactory())
    group = Group.objects.create(name="Interns")
    perm = Permission.objects.get(codename="view_webinar")

    response = client.post(
        reverse("admin:auth_group_change", args=[group.pk]), {"name": "Interns", "permissions": [perm.pk]}
    )

    assert response.status_code == 302
    assert list(group.permissions.all()) == [perm]


def test_a_non_superuser_who_may_change_groups_cannot_give_a_group_permissions(client):
    group = Group.objects.create(name="Interns")
    member = SecretariatFactory(permissions=["auth.view_group", "auth.change_group"])
    member.groups.add(group)
    client.force_login(member)
    perm = Permission.objects.get(codename="publish_annualplan")

    response = client.post(
        reverse("admin:auth_group_change", args=[group.pk]), {"name": "Interns", "permissions": [perm.pk]}
    )

    assert response.status_code == 302
    assert not group.permissions.exists()
    assert not User.objects.get(pk=member.pk).has_perm("planning.publish_annualplan")


# --- Where staff land after logging in ------------------------------------------------------------


def test_staff_whose_roles_include_the_dashboard_land_on_it(client):
    member = SecretariatFactory(roles=["Communications"], language="en")

    response = client.post("/en/account/login/", {"username": member.username, "password": PASSWORD})

    assert response.url == reverse("reporting:dashboard")


def test_staff_without_the_dashboard_land_on_the_administrations_home(client):
    member = SecretariatFactory(permissions=["accounts.view_user"], language="en")

    response = client.post("/en/account/login/", {"username": member.username, "password": PASSWORD})

    assert response.url == reverse("admin:index")


# The programme manager gives other people the Secretariat's roles -----------------------


def test_a_programme_manager_gives_a_colleague_a_role_and_their_other_groups_stay(client):
    manager = SecretariatFactory(roles=["Programme manager"])
    colleague = SecretariatFactory(roles=["Read-only"])
    mailing = Group.objects.create(name="Geneva office")
    colleague.groups.add(mailing)
    client.force_login(manager)

    officer = Group.objects.get(name="Programme officer")
    response = client.post(change_url(colleague), account_form(colleague, groups=[officer.pk]))

    assert response.status_code == 302
    assert set(colleague.groups.values_list("name", flat=True)) == {"Programme officer", "Geneva office"}


def test_a_programme_manager_is_offered_only_the_roles_and_cannot_give_any_other_group(client):
    manager = SecretariatFactory(roles=["Programme manager"])
    colleague = SecretariatFactory()
    mighty = Group.objects.create(name="Everything")
    mighty.permissions.add(Permission.objects.get(codename="publish_annualplan"))
    client.force_login(manager)

    page = client.get(change_url(colleague)).content.decode()
    response = client.post(change_url(colleague), account_form(colleague, groups=[mighty.pk]))

    assert "Everything" not in page and "Programme officer" in page
    assert response.status_code == 200  # the form says the choice is not valid
    assert not colleague.groups.exists()


def test_a_programme_manager_cannot_give_themselves_a_role(client):
    manager = SecretariatFactory(roles=["Programme manager"])
    client.force_login(manager)

    client.post(change_url(manager), account_form(manager, groups=[Group.objects.get(name="Reporting officer").pk]))

    assert list(manager.groups.values_list("name", flat=True)) == ["Programme manager"]
    assert 'name="groups"' not in client.get(change_url(manager)).content.decode()


def test_the_role_service_refuses_someone_without_the_permission_and_a_non_superuser_acting_on_a_superuser():
    from accounts.services import set_roles

    officer = SecretariatFactory(roles=["Programme officer"])
    manager = SecretariatFactory(roles=["Programme manager"])
    colleague, boss = SecretariatFactory(), StaffFactory()

    with pytest.raises(MissingPermission):
        set_roles(user=colleague, roles=["Programme manager"], actor=officer)
    with pytest.raises(PermissionDenied):
        set_roles(user=boss, roles=["Read-only"], actor=manager)
    with pytest.raises(PermissionDenied):
        set_roles(user=manager, roles=["Reporting officer"], actor=manager)
    assert not colleague.groups.exists() and not boss.groups.exists()
