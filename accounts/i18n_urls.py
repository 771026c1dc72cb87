"""Mounted at /i18n/ instead of django.conf.urls.i18n: the same URL name, set_language,
but a logged-in person's choice is also stored as their preferred language."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("setlang/", views.set_language, name="set_language"),
]
