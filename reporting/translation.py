from modeltranslation.translator import TranslationOptions, register

from portal.history import track_history
from reporting.models import CommitteeDecision, DocumentReference, FollowUpAction, Measure


@register(CommitteeDecision)
class CommitteeDecisionTranslation(TranslationOptions):
    fields = ("title", "text", "agenda_item")


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("title", "implementation", "examination", "decision_taken", "follow_up")


@register(DocumentReference)
class DocumentReferenceTranslation(TranslationOptions):
    fields = ("title", "paragraphs")


@register(FollowUpAction)
class FollowUpActionTranslation(TranslationOptions):
    fields = ("description",)


track_history(CommitteeDecision)
track_history(Measure, excluded_fields=["updated_at"])
track_history(DocumentReference)
track_history(FollowUpAction)
