from modeltranslation.translator import TranslationOptions, register

from proposals.models import ConsultationCycle


@register(ConsultationCycle)
class ConsultationCycleTranslation(TranslationOptions):
    fields = ("title", "introduction")
