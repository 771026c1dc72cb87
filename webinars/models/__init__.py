from webinars.models.catalogue import Expert, Series, Topic, Webinar
from webinars.models.content import AnsweredQuestion, Feedback, Material, SuggestionReview
from webinars.models.reference import Closure, Language, MemberState, Region, RegionalGroup, ScopeArea

__all__ = [
    "AnsweredQuestion",
    "Closure",
    "Expert",
    "Feedback",
    "Language",
    "Material",
    "MemberState",
    "Region",
    "RegionalGroup",
    "ScopeArea",
    "Series",
    "SuggestionReview",
    "Topic",
    "Webinar",
]
