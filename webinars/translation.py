from modeltranslation.translator import TranslationOptions, register

from webinars.models import (
    AnsweredQuestion,
    Closure,
    Expert,
    Language,
    Material,
    MemberState,
    Region,
    RegionalGroup,
    ScopeArea,
    Series,
    Topic,
    Webinar,
)


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(RegionalGroup)
class RegionalGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(MemberState)
class MemberStateTranslation(TranslationOptions):
    fields = ("name",)


@register(ScopeArea)
class ScopeAreaTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("title", "summary", "objectives", "target_audience")


@register(Series)
class SeriesTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Webinar)
class WebinarTranslation(TranslationOptions):
    fields = ("title", "description", "objectives", "target_audience", "summary")


@register(Expert)
class ExpertTranslation(TranslationOptions):
    fields = ("title", "biography")


@register(Material)
class MaterialTranslation(TranslationOptions):
    fields = ("title",)


@register(AnsweredQuestion)
class AnsweredQuestionTranslation(TranslationOptions):
    fields = ("question", "answer")


@register(Closure)
class ClosureTranslation(TranslationOptions):
    fields = ("title",)
