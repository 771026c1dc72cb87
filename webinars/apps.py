from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = _("Webinars")

    def ready(self) -> None:
        # Connects the receivers that keep the cached public pages fresh.
        from webinars import page_cache  # noqa: F401
