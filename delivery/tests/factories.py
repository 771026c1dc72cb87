import factory

from delivery.models import DeliveredLanguage, ExpertInvitation, WebinarCosts
from webinars.tests.factories import ExpertFactory, HeldWebinarFactory, LanguageFactory


class ExpertInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertInvitation

    expert = factory.SubFactory(ExpertFactory)
    webinar = factory.SubFactory("webinars.tests.factories.WebinarFactory")


class DeliveredLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveredLanguage

    webinar = factory.SubFactory(HeldWebinarFactory)
    language = factory.SubFactory(LanguageFactory, code="fr")
    is_interpreted_live = True


class WebinarCostsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebinarCosts

    webinar = factory.SubFactory(HeldWebinarFactory)
    expert_fee = 1500
