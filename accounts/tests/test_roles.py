"""The Secretariat's roles: groups in the database holding exactly what accounts/roles.py says."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from accounts.roles import ROLES, sync_roles
from accounts.tests.factories import SecretariatFactory

pytestmark = pytest.mark.django_db


def held(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_every_permission_a_role_names_exists():
    sync_roles(strict=True)  # raises LookupError naming any permission the models do not declare


def test_each_role_is_a_group_holding_exactly_the_permissions_the_code_gives_it():
    for role in ROLES:
        assert held(Group.objects.get(name=role.name)) == set(role.permissions), role.name


def test_migrate_puts_a_role_edited_in_the_database_back_in_step_with_the_code():
    officer = Group.objects.get(name="Programme officer")
    officer.permissions.add(Permission.objects.get(codename="publish_annualplan"))
    officer.permissions.remove(Permission.objects.get(codename="run_solver"))

    call_command("migrate", verbosity=0)

    assert held(officer) == set(next(role for role in ROLES if role.name == "Programme officer").permissions)


def test_only_the_programme_manager_commits_the_secretariat_to_the_groups():
    committing = {"proposals.approve_consultationcycle", "planning.publish_annualplan"}
    holders = {role.name for role in ROLES if committing & set(role.permissions)}
    assert holders == {"Programme manager"}


def test_a_member_holding_no_role_may_do_nothing():
    member = SecretariatFactory()
    assert member.is_staff and member.get_all_permissions() == set()
