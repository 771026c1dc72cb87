"""The public catalogue: the topic list, webinar and series pages, materials and feeds."""

from django.urls import path

from webinars import views
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
]
