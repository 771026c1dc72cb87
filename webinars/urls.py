from django.urls import path

from webinars import network_views, registration_views, survey_views, views
from webinars.feeds import MaterialsFeed

app_name = "webinars"
urlpatterns = [
    path("", views.topic_list, name="topic_list"),
    path("webinars/<slug:slug>/", views.webinar_detail, name="webinar_detail"),
    path("webinars/<slug:slug>/calendar.ics", views.webinar_ics, name="webinar_ics"),
    path("webinars/<slug:slug>/register/", registration_views.webinar_register, name="webinar_register"),
    path("webinars/<slug:slug>/registered/", registration_views.webinar_registered, name="webinar_registered"),
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
]
