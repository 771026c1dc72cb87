from webinars.models.campaign import Campaign
from webinars.models.catalogue import Expert, Series, Topic, Webinar
from webinars.models.expert import ExpertInvitation
from webinars.models.followup import AnsweredQuestion, Feedback, Material
from webinars.models.network import NetworkMember
from webinars.models.reference import Language, Region, RegionalGroup, ScopeArea
from webinars.models.registration import Registration

__all__ = [
    "AnsweredQuestion",
    "Campaign",
    "Expert",
    "ExpertInvitation",
    "Feedback",
    "Language",
    "Material",
    "NetworkMember",
    "Region",
    "RegionalGroup",
    "Registration",
    "ScopeArea",
    "Series",
    "Topic",
    "Webinar",
]
