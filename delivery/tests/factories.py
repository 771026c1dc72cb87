import factory

from delivery.models import ExpertInvitation
from webinars.tests.factories import ExpertFactory


class ExpertInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertInvitation

    expert = factory.SubFactory(ExpertFactory)
    webinar = factory.SubFactory("webinars.tests.factories.WebinarFactory")
