from participants.models.alert import DateAlert
from participants.models.campaign import Campaign
from participants.models.digest import DigestListing
from participants.models.network import NetworkMember
from participants.models.registration import Registration

__all__ = ["Campaign", "DateAlert", "DigestListing", "NetworkMember", "Registration"]
