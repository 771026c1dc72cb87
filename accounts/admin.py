"""People's accounts and the Secretariat's roles in the admin.

Rights are a superuser's to give: for anyone else the superuser status and the single
permissions of an account are read only, and a superuser's account cannot be changed at
all. The programme manager gives other people the Secretariat's roles, and only those.
The roles are defined in ``accounts.roles`` and kept in step with the code on every
release, so the admin shows them, in words, and changes nothing in them.
"""

from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django_celery_beat.models import PeriodicTask

from accounts.models import User
from accounts.permissions import (
    can_change_user,
    can_give_rights,
    can_give_roles,
    can_invite_user,
    may_act_on_account,
)
from accounts.roles import ROLES_BY_NAME
from accounts.services import invite_user, set_roles
from portal.permissions import permission_label

RIGHTS_FIELDS = ("is_superuser", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Portal"), {"fields": ("language", "invited_at")}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("Portal"), {"fields": ("email", "language")}),)
    list_display = ("username", "email", "first_name", "last_name", "language", "is_staff", "is_active", "invited_at")
    list_filter = ("is_staff", "is_active", "language")
    readonly_fields = ("last_login", "date_joined", "invited_at")
    actions = ["send_invitation"]

    def get_readonly_fields(self, request, obj=None):
        """Nobody but a superuser gives rights; the programme manager gives other people roles."""
        fields = tuple(super().get_readonly_fields(request, obj))
        if can_give_rights(request.user):
            return fields
        closed = ("is_superuser", "user_permissions") if can_give_roles(request.user, obj) else RIGHTS_FIELDS
        if obj is not None and obj.pk == request.user.pk:
            closed = (*closed, "is_staff", "is_active")  # nobody locks themselves out by a slip
        return fields + tuple(field for field in closed if field not in fields)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not can_give_rights(request.user):
            kwargs["queryset"] = Group.objects.filter(name__in=ROLES_BY_NAME)
            kwargs["help_text"] = _("The roles of the Secretariat this person holds; their other groups are kept.")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "groups" in form.base_fields and not can_give_rights(request.user):
            form.base_fields["groups"].initial = list(obj.groups.filter(name__in=ROLES_BY_NAME))
        return form

    def save_related(self, request, form, formsets, change):
        """Roles given by someone who is not a superuser go through the service that checks them."""
        roles = None
        if "groups" in form.cleaned_data and not can_give_rights(request.user):
            roles = [group.name for group in form.cleaned_data.pop("groups")]
        super().save_related(request, form, formsets, change)
        if roles is not None:
            set_roles(user=form.instance, roles=roles, actor=request.user)

    def has_change_permission(self, request, obj=None):
        return can_change_user(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not may_act_on_account(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def has_invite_permission(self, request) -> bool:
        return can_invite_user(request.user)

    @admin.action(description=_("Send an invitation to set the password"), permissions=["invite"])
    def send_invitation(self, request, queryset):
        invited = 0
        for user in queryset.order_by("pk"):
            try:
                invite_user(user=user, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, reason, messages.ERROR)
            else:
                invited += 1
        if invited:
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation is on its way.",
                    "%(count)d invitations are on their way.",
                    invited,
                )
                % {"count": invited},
                messages.SUCCESS,
            )


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    """The Secretariat's roles, read only and in words; any other group stays editable.

    A role's permissions come from ``accounts.roles`` and are set again on every
    ``migrate``: a change made here would not last, so none is offered.
    """

    list_display = ("name", "is_portal_role")

    def _role(self, group):
        return ROLES_BY_NAME.get(group.name) if group is not None else None

    def get_fieldsets(self, request, obj=None):
        role = self._role(obj)
        if role is None:
            return super().get_fieldsets(request, obj)
        return (
            (
                None,
                {
                    "fields": ("name", "role_label", "role_description"),
                    "description": _("This role is defined by the portal; changes come with a release."),
                },
            ),
            (_("Permissions"), {"fields": ("role_permissions",)}),
        )

    def get_readonly_fields(self, request, obj=None):
        if self._role(obj) is not None:
            return ("name", "role_label", "role_description", "role_permissions")
        fields = tuple(super().get_readonly_fields(request, obj))
        # A group's permissions are rights: a superuser's to give, as on a person's account.
        return fields if can_give_rights(request.user) else (*fields, "permissions")

    def has_change_permission(self, request, obj=None):
        if self._role(obj) is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._role(obj) is not None:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("role of the portal"), boolean=True)
    def is_portal_role(self, group) -> bool:
        return group.name in ROLES_BY_NAME

    @admin.display(description=pgettext_lazy("a role of the Secretariat's staff", "role"))
    def role_label(self, group) -> str:
        return self._role(group).label

    @admin.display(description=_("what the role is for"))
    def role_description(self, group) -> str:
        return self._role(group).description

    @admin.display(description=_("permissions"))
    def role_permissions(self, group):
        labels = sorted({permission_label(perm) for perm in self._role(group).permissions}, key=str.casefold)
        return format_html(
            '<ul class="role-permissions">{}</ul>', format_html_join("", "<li>{}</li>", ((label,) for label in labels))
        )


# Admins of the packages the portal uses: every action declares the permission it needs ------


def _guarded(action, permission: str):
    """The package's action, offered only to whoever holds ``permission`` on the model."""

    @admin.action(description=getattr(action, "short_description", None), permissions=[permission])
    def guarded(modeladmin, request, queryset):
        return action(modeladmin, request, queryset)

    guarded.__name__ = action.__name__
    return guarded


def _with_guarded_actions(model, permissions: dict[str, str]) -> None:
    """Register the package's admin of ``model`` again, each named action asking for its permission."""
    base = type(admin.site._registry[model])
    members = {name: _guarded(getattr(base, name), permission) for name, permission in permissions.items()}
    admin.site.unregister(model)
    admin.site.register(model, type(base.__name__, (base,), members))


_with_guarded_actions(AccessAttempt, {"cleanup_expired_attempts": "delete"})
_with_guarded_actions(
    PeriodicTask, {"enable_tasks": "change", "disable_tasks": "change", "toggle_tasks": "change", "run_tasks": "change"}
)
