"""The participants' network in the admin: to read and search; members join and leave themselves."""

from django.contrib import admin

from participants.models import NetworkMember


@admin.register(NetworkMember)
class NetworkMemberAdmin(admin.ModelAdmin):
    """The participants' network. Joining is the person's own double opt-in, so the
    state is not for the Secretariat to set."""

    list_display = ("email", "name", "language", "state", "created_at", "confirmed_at")
    list_filter = ("state", "language", "regions", "scope_areas")
    search_fields = ("email", "name")
    date_hierarchy = "created_at"
    filter_horizontal = ("regions", "scope_areas")
    # Languages of interest are the member's own choice (their preferences page), like leaving.
    readonly_fields = (
        "state",
        "languages",
        "created_at",
        "consented_at",
        "confirmed_at",
        "unsubscribed_at",
        "last_digest_at",
    )
