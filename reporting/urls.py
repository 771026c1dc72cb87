"""The Secretariat's reporting screens, under /<lang>/secretariat/ (staff only)."""

from django.urls import path

from reporting import committee_views, dashboard_views
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
    path("committee-reports/", committee_views.committee_report_list, name="committee_report_list"),
    path("committee-reports/new/", committee_views.committee_report_create, name="committee_report_create"),
    path("committee-reports/<int:pk>/", committee_views.committee_report_detail, name="committee_report_detail"),
    path("committee-reports/<int:pk>/edit/", committee_views.committee_report_edit, name="committee_report_edit"),
    path(
        "committee-reports/<int:pk>/finalise/",
        committee_views.committee_report_finalise,
        name="committee_report_finalise",
    ),
    path("committee-reports/<int:pk>/submit/", committee_views.committee_report_submit, name="committee_report_submit"),
    path(
        "committee-reports/<int:pk>/<str:fmt>/",
        committee_views.committee_report_export,
        name="committee_report_export",
    ),
]
