"""The coordinators' pages of the draft plan shared with the groups (under /consultation/plan/)."""

from django.urls import path

from planning import group_views

app_name = "plan_comments"
urlpatterns = [
    path("<int:plan_id>/", group_views.plan, name="plan"),
    path("comments/<int:pk>/edit/", group_views.comment_edit, name="comment_edit"),
]
