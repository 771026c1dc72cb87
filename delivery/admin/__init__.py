"""The admin of webinar delivery: the webinar's working page, experts, follow-up, feedback."""

from delivery.admin import delivered, experts, webinars

__all__ = ["delivered", "experts", "webinars"]
