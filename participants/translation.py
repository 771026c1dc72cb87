from modeltranslation.translator import TranslationOptions, register

from participants.models import Campaign


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("subject", "introduction")
