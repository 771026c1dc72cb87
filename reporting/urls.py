"""The Secretariat's reporting screens, under /<lang>/secretariat/ (staff only)."""

from django.urls import path  # noqa: F401

app_name = "reporting"
urlpatterns = []
