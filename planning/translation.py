from modeltranslation.translator import TranslationOptions, register

from planning.models import PlanEntry


@register(PlanEntry)
class PlanEntryTranslation(TranslationOptions):
    fields = ("title", "rationale")
