from modeltranslation.translator import TranslationOptions, register

from similarity.models import Concept


@register(Concept)
class ConceptTranslation(TranslationOptions):
    fields = ("label",)
