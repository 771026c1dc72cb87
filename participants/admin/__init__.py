"""The admin of the participants' network, registrations and campaigns."""

from participants.admin import alerts, campaigns, network, registration

__all__ = ["alerts", "campaigns", "network", "registration"]
