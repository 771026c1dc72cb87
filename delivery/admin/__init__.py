"""The admin of webinar delivery: the webinar's working page, experts, follow-up, feedback."""

from delivery.admin import experts, webinars

__all__ = ["experts", "webinars"]
