from django.urls import path

from proposals import state_request_views, views

app_name = "proposals"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("cycles/<int:cycle_pk>/adopt/", views.adopt, name="adopt"),
    path("cycles/<int:cycle_pk>/propose/", views.propose, name="propose"),
    path("proposals/<int:pk>/", views.detail, name="detail"),
    path("proposals/<int:pk>/edit/", views.edit, name="edit"),
    path("proposals/<int:pk>/submit/", views.submit, name="submit"),
    path("proposals/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("proposals/<int:pk>/parts/move/", views.move_part, name="move_part"),
    path("proposals/<int:pk>/history/", views.history, name="history"),
    path("state/", state_request_views.delegate_home, name="delegate_home"),
    path("state/cycles/<int:cycle_pk>/request/", state_request_views.state_request_new, name="state_request_new"),
    path("state-requests/<int:pk>/", state_request_views.state_request_detail, name="state_request"),
    path("state-requests/<int:pk>/take/", state_request_views.state_request_take, name="state_request_take"),
    path("state-requests/<int:pk>/decline/", state_request_views.state_request_decline, name="state_request_decline"),
    path("webinars/", views.group_webinars, name="group_webinars"),
    path("webinars/<slug:slug>/results/", views.group_webinar_results, name="group_webinar_results"),
]
