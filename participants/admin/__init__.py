"""The admin of the participants' network, registrations and campaigns."""

from participants.admin import campaigns, network, registration

__all__ = ["campaigns", "network", "registration"]
