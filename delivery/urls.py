"""The Secretariat's work on each webinar (experts, follow-up) and the feedback survey.

The survey and expert-answer paths are those printed in messages already sent: they never change.
"""

from django.urls import path

from delivery.views import experts, followup, scheduling, survey

app_name = "delivery"
urlpatterns = [
    path("survey/thanks/", survey.survey_thanks, name="survey_thanks"),
    path("survey/results/<int:year>/", survey.survey_year_results, name="survey_year_results"),
    path("survey/results/", survey.survey_year_results, name="survey_results_this_year"),
    path("survey/results/webinar/<int:pk>/", survey.survey_results, name="survey_results"),
    path("survey/<str:token>/", survey.survey_answer, name="survey_answer"),
    path("secretariat/feedback/suggestions/", survey.suggestion_list, name="suggestion_list"),
    path(
        "secretariat/feedback/suggestions/<int:pk>/<str:decision>/",
        survey.suggestion_review,
        name="suggestion_review",
    ),
    path("experts/invitation/<str:token>/", experts.expert_answer, name="expert_answer"),
    path("secretariat/experts/", experts.expert_roster, name="expert_roster"),
    path("secretariat/experts/<int:expert_id>/", experts.expert_detail, name="expert_detail"),
    path("secretariat/experts/webinar/<int:webinar_id>/", experts.expert_suggestions, name="expert_suggestions"),
    path("secretariat/experts/webinar/<int:webinar_id>/invite/", experts.expert_invite, name="expert_invite"),
    path(
        "secretariat/experts/invitations/<int:invitation_id>/withdraw/",
        experts.invitation_withdraw,
        name="expert_invitation_withdraw",
    ),
    path("secretariat/webinars/follow-up/", followup.followup_list, name="followup_list"),
    path("secretariat/webinars/<slug:slug>/schedule/", scheduling.webinar_schedule, name="webinar_schedule"),
    path("secretariat/webinars/<slug:slug>/follow-up/", followup.followup_detail, name="followup_detail"),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/add/<str:kind>/",
        followup.followup_add_material,
        name="followup_add_material",
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/materials/<int:pk>/publish/",
        followup.followup_publish_material,
        name="followup_publish_material",
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/materials/<int:pk>/withdraw/",
        followup.followup_withdraw_material,
        name="followup_withdraw_material",
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/summary/",
        followup.followup_save_summary,
        name="followup_save_summary",
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/answers/", followup.followup_add_answer, name="followup_add_answer"
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/no-open-questions/",
        followup.followup_no_open_questions,
        name="followup_no_open_questions",
    ),
    path("secretariat/webinars/<slug:slug>/follow-up/announce/", followup.followup_announce, name="followup_announce"),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/languages/",
        followup.followup_save_languages,
        name="followup_save_languages",
    ),
    path("secretariat/webinars/<slug:slug>/follow-up/costs/", followup.followup_save_costs, name="followup_save_costs"),
]
