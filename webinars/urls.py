from django.urls import path

from webinars import views

app_name = "webinars"
urlpatterns = [
    path("", views.topic_list, name="topic_list"),
]
