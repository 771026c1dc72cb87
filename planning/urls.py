from django.urls import path

from planning import views

app_name = "planning"
urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("cycles/<int:cycle_id>/", views.cycle_review, name="cycle_review"),
    path("cycles/<int:cycle_id>/compare/", views.proposal_compare, name="proposal_compare"),
    path("cycles/<int:cycle_id>/proposals/<int:proposal_id>/review/", views.proposal_review, name="proposal_review"),
    path("cycles/<int:cycle_id>/proposals/<int:proposal_id>/decline/", views.proposal_decline, name="proposal_decline"),
    path("cycles/<int:cycle_id>/proposals/<int:proposal_id>/series/", views.proposal_series, name="proposal_series"),
    path(
        "cycles/<int:cycle_id>/proposals/<int:proposal_id>/distinct/", views.proposal_distinct, name="proposal_distinct"
    ),
    path("cycles/<int:cycle_id>/merge/", views.proposal_merge, name="proposal_merge"),
    path("cycles/<int:cycle_id>/synergies/", views.synergy_list, name="synergy_list"),
    path("cycles/<int:cycle_id>/synergies/refresh/", views.synergy_refresh, name="synergy_refresh"),
    path(
        "cycles/<int:cycle_id>/synergies/<int:suggestion_id>/<str:decision>/",
        views.synergy_decide,
        name="synergy_decide",
    ),
    path("cycles/<int:cycle_id>/plan/", views.plan_detail, name="plan_detail"),
    path("cycles/<int:cycle_id>/plan/start/", views.plan_start, name="plan_start"),
    path("cycles/<int:cycle_id>/plan/solve/", views.plan_solve, name="plan_solve"),
    path("cycles/<int:cycle_id>/plan/publish/", views.plan_publish, name="plan_publish"),
    path("cycles/<int:cycle_id>/plan/share/", views.plan_share, name="plan_share"),
    path("cycles/<int:cycle_id>/plan/entries/add/", views.entry_add, name="entry_add"),
    path("cycles/<int:cycle_id>/plan/entries/<int:entry_id>/remove/", views.entry_remove, name="entry_remove"),
    path("cycles/<int:cycle_id>/plan/entries/<int:entry_id>/move/", views.entry_move, name="entry_move"),
    path("cycles/<int:cycle_id>/plan/entries/<int:entry_id>/edit/", views.entry_edit, name="entry_edit"),
]
