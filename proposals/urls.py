from django.urls import path

from proposals import views

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
    path("webinars/", views.group_webinars, name="group_webinars"),
    path("webinars/<slug:slug>/results/", views.group_webinar_results, name="group_webinar_results"),
]
