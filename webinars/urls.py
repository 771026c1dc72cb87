from django.urls import path

from webinars import (
    campaign_views,
    expert_views,
    followup_views,
    network_views,
    registration_views,
    survey_views,
    views,
)
from webinars.feeds import MaterialsFeed

app_name = "webinars"
urlpatterns = [
    path("", views.topic_list, name="topic_list"),
    path("webinars/<slug:slug>/", views.webinar_detail, name="webinar_detail"),
    path("webinars/<slug:slug>/calendar.ics", views.webinar_ics, name="webinar_ics"),
    path("webinars/<slug:slug>/register/", registration_views.webinar_register, name="webinar_register"),
    path("webinars/<slug:slug>/registered/", registration_views.webinar_registered, name="webinar_registered"),
    path("registration/cancel/<str:token>/", registration_views.registration_cancel, name="registration_cancel"),
    path("materials/<int:pk>/download/", views.material_download, name="material_download"),
    path("series/<slug:slug>/", views.series_detail, name="series_detail"),
    path("feeds/calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("feeds/materials.atom", MaterialsFeed(), name="materials_feed"),
    path("network/join/", network_views.network_join, name="network_join"),
    path("network/join/sent/", network_views.network_join_sent, name="network_join_sent"),
    path("network/confirm/<str:token>/", network_views.network_confirm, name="network_confirm"),
    path("network/unsubscribe/<str:token>/", network_views.network_unsubscribe, name="network_unsubscribe"),
    path("network/preferences/<str:token>/", network_views.network_preferences, name="network_preferences"),
    path("survey/thanks/", survey_views.survey_thanks, name="survey_thanks"),
    path("survey/results/<int:year>/", survey_views.survey_year_results, name="survey_year_results"),
    path("survey/results/", survey_views.survey_year_results, name="survey_results_this_year"),
    path("survey/results/webinar/<int:pk>/", survey_views.survey_results, name="survey_results"),
    path("survey/<str:token>/", survey_views.survey_answer, name="survey_answer"),
    path("secretariat/experts/", expert_views.expert_roster, name="expert_roster"),
    path("secretariat/experts/<int:expert_id>/", expert_views.expert_detail, name="expert_detail"),
    path("secretariat/experts/webinar/<int:webinar_id>/", expert_views.expert_suggestions, name="expert_suggestions"),
    path("secretariat/experts/webinar/<int:webinar_id>/invite/", expert_views.expert_invite, name="expert_invite"),
    path(
        "secretariat/experts/invitations/<int:invitation_id>/withdraw/",
        expert_views.invitation_withdraw,
        name="expert_invitation_withdraw",
    ),
    path("experts/invitation/<str:token>/", expert_views.expert_answer, name="expert_answer"),
    path("secretariat/campaigns/", campaign_views.campaign_list, name="campaign_list"),
    path("secretariat/campaigns/new/<int:webinar_id>/", campaign_views.campaign_create, name="campaign_create"),
    path("secretariat/campaigns/<int:pk>/", campaign_views.campaign_detail, name="campaign_detail"),
    path("secretariat/campaigns/<int:pk>/edit/", campaign_views.campaign_edit, name="campaign_edit"),
    path("secretariat/campaigns/<int:pk>/test/", campaign_views.campaign_send_test, name="campaign_send_test"),
    path("secretariat/campaigns/<int:pk>/send/", campaign_views.campaign_send, name="campaign_send"),
    path("secretariat/campaigns/kit/<int:webinar_id>/", campaign_views.promotion_kit, name="promotion_kit"),
    path("webinars/<slug:slug>/card.svg", campaign_views.promotion_card, name="promotion_card"),
    path("network/opt-out/<str:token>/", campaign_views.campaign_opt_out, name="campaign_opt_out"),
]

# The Secretariat's follow-up of held webinars (webinars.followup_views).
urlpatterns += [
    path("secretariat/webinars/follow-up/", followup_views.followup_list, name="followup_list"),
    path("secretariat/webinars/<slug:slug>/follow-up/", followup_views.followup_detail, name="followup_detail"),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/add/<str:kind>/",
        followup_views.followup_add_material,
        name="followup_add_material",
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/materials/<int:pk>/publish/",
        followup_views.followup_publish_material,
        name="followup_publish_material",
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/materials/<int:pk>/withdraw/",
        followup_views.followup_withdraw_material,
        name="followup_withdraw_material",
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/summary/",
        followup_views.followup_save_summary,
        name="followup_save_summary",
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/answers/",
        followup_views.followup_add_answer,
        name="followup_add_answer",
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/no-open-questions/",
        followup_views.followup_no_open_questions,
        name="followup_no_open_questions",
    ),
    path(
        "secretariat/webinars/<slug:slug>/follow-up/announce/",
        followup_views.followup_announce,
        name="followup_announce",
    ),
]
