from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal.views import admin_login, healthz

admin.site.site_header = _("Technical assistance webinars: the Secretariat's administration")
admin.site.site_title = _("Technical assistance webinars")
admin.site.index_title = _("Administration")

admin.site.login = admin_login  # one login page: the portal's (portal.views.admin_login)

handler403 = "portal.views.permission_denied"

urlpatterns = [
    path("i18n/", include("accounts.i18n_urls")),
    path("healthz", healthz, name="healthz"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("account/", include("accounts.urls")),
    path("consultation/plan/", include("planning.group_urls")),
    path("consultation/", include("proposals.urls")),
    path("secretariat/planning/", include("planning.urls")),
    path("secretariat/", include("reporting.urls")),
    path("decisions/", include("reporting.tracker_urls")),
    path("", include("webinars.urls")),
    path("", include("participants.urls")),
    path("", include("delivery.urls")),
)

# No route serves MEDIA_ROOT, in development either: uploaded files leave the portal only through
# views that check who may have them (webinars:material_download serves published materials only).
