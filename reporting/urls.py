"""The Secretariat's reporting screens, under /<lang>/secretariat/ (staff only)."""

from django.urls import path

from reporting import dashboard_views
from reporting import views as report_views

app_name = "reporting"
urlpatterns = [
    path("", dashboard_views.dashboard, name="dashboard"),
    path("report/", report_views.annual_report, name="annual_report"),
    path("report/<int:first_year>-<int:last_year>/keep/", report_views.annual_report_keep, name="annual_report_keep"),
    path(
        "report/<int:first_year>-<int:last_year>/<str:fmt>/",
        report_views.annual_report_export,
        name="annual_report_export",
    ),
    path("report/kept/<int:pk>/", report_views.kept_report_download, name="kept_report_download"),
]
