from webinars.models.catalogue import Expert, Series, Topic, Webinar
from webinars.models.content import AnsweredQuestion, Feedback, Material
from webinars.models.reference import Language, Region, RegionalGroup, ScopeArea

__all__ = [
    "AnsweredQuestion",
    "Expert",
    "Feedback",
    "Language",
    "Material",
    "Region",
    "RegionalGroup",
    "ScopeArea",
    "Series",
    "Topic",
    "Webinar",
]
