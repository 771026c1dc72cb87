from modeltranslation.translator import TranslationOptions, register

from portal.history import track_history
from proposals.models import ConsultationCycle


@register(ConsultationCycle)
class ConsultationCycleTranslation(TranslationOptions):
    fields = ("title", "introduction")


track_history(ConsultationCycle)
