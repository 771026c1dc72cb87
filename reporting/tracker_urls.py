"""The public pages of the decision tracker, under /<lang>/decisions/."""

from django.urls import path

from reporting import tracker_views

app_name = "tracker"
urlpatterns = [
    path("", tracker_views.decision_list, name="decision_list"),
    path("<int:pk>/", tracker_views.decision_detail, name="decision_detail"),
    path("<int:pk>/annex.<str:fmt>", tracker_views.decision_annex, name="decision_annex"),
    path("<int:pk>/report.<str:fmt>", tracker_views.decision_report, name="decision_report"),
]
