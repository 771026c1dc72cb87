from django.urls import path

from webinars import network_views, views
from webinars.feeds import MaterialsFeed

app_name = "webinars"
urlpatterns = [
    path("", views.topic_list, name="topic_list"),
    path("webinars/<slug:slug>/", views.webinar_detail, name="webinar_detail"),
    path("webinars/<slug:slug>/calendar.ics", views.webinar_ics, name="webinar_ics"),
    path("materials/<int:pk>/download/", views.material_download, name="material_download"),
    path("series/<slug:slug>/", views.series_detail, name="series_detail"),
    path("feeds/calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("feeds/materials.atom", MaterialsFeed(), name="materials_feed"),
    path("network/join/", network_views.network_join, name="network_join"),
    path("network/join/sent/", network_views.network_join_sent, name="network_join_sent"),
    path("network/confirm/<str:token>/", network_views.network_confirm, name="network_confirm"),
    path("network/unsubscribe/<str:token>/", network_views.network_unsubscribe, name="network_unsubscribe"),
    path("network/preferences/<str:token>/", network_views.network_preferences, name="network_preferences"),
]
