from webinars.models.catalogue import Expert, Series, Topic, Webinar
from webinars.models.followup import AnsweredQuestion, Feedback, Material
from webinars.models.network import NetworkMember
from webinars.models.reference import Language, Region, RegionalGroup, ScopeArea

__all__ = [
    "AnsweredQuestion",
    "Expert",
    "Feedback",
    "Language",
    "Material",
    "NetworkMember",
    "Region",
    "RegionalGroup",
    "ScopeArea",
    "Series",
    "Topic",
    "Webinar",
]
