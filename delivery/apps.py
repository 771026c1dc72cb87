from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = _("Delivery")

    def ready(self) -> None:
        from delivery.models import hidden_on_webinar
        from webinars import selectors

        # An invited expert shows on the webinar's public page only once they accepted.
        selectors.hide_experts_when(hidden_on_webinar)
