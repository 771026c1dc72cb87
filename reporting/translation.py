from modeltranslation.translator import TranslationOptions, register

from portal.history import track_history
from reporting.models import (
    CommitteeDecision,
    CommitteeReport,
    DecisionItem,
    DecisionParagraph,
    DocumentReference,
    FollowUpAction,
    Measure,
    MeasureEvent,
    Session,
    WebinarAccount,
)


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("venue",)


@register(CommitteeDecision)
class CommitteeDecisionTranslation(TranslationOptions):
    fields = ("title", "text", "agenda_item")


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("title", "implementation", "examination", "decision_taken", "follow_up")


@register(DecisionItem)
class DecisionItemTranslation(TranslationOptions):
    fields = ("text",)


@register(DecisionParagraph)
class DecisionParagraphTranslation(TranslationOptions):
    fields = ("text",)


@register(MeasureEvent)
class MeasureEventTranslation(TranslationOptions):
    fields = ("text",)


@register(DocumentReference)
class DocumentReferenceTranslation(TranslationOptions):
    fields = ("title", "paragraphs", "place")


@register(FollowUpAction)
class FollowUpActionTranslation(TranslationOptions):
    fields = ("description",)


track_history(CommitteeDecision)
track_history(Measure, excluded_fields=["updated_at"])
track_history(DocumentReference)
track_history(DecisionItem)
track_history(DecisionParagraph)
track_history(MeasureEvent)
track_history(FollowUpAction)


@register(CommitteeReport)
class CommitteeReportTranslation(TranslationOptions):
    fields = CommitteeReport.TEXT_FIELDS


@register(WebinarAccount)
class WebinarAccountTranslation(TranslationOptions):
    fields = ("text",)


track_history(CommitteeReport, excluded_fields=["updated_at", "frozen_data"])
track_history(WebinarAccount)
