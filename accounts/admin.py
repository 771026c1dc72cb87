from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import invite_user


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Portal"), {"fields": ("language", "invited_at")}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("Portal"), {"fields": ("email", "language")}),)
    list_display = ("username", "email", "first_name", "last_name", "language", "is_staff", "is_active", "invited_at")
    list_filter = ("is_staff", "is_active", "language")
    readonly_fields = ("last_login", "date_joined", "invited_at")
    actions = ["send_invitation"]

    @admin.action(description=_("Send an invitation to set the password"))
    def send_invitation(self, request, queryset):
        invited = 0
        for user in queryset.order_by("pk"):
            try:
                invite_user(user=user, actor=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
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
