import factory
from django.utils import timezone

from participants.models import Campaign, DateAlert, DigestListing, NetworkMember, Registration
from webinars.tests.factories import WebinarFactory


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMember

    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    language = "en"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    webinar = factory.SubFactory(WebinarFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    country = "KE"
    participant_type = Registration.ParticipantType.IP_OFFICE
    language = "en"
    consented_at = factory.LazyFunction(timezone.now)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    webinar = factory.SubFactory(WebinarFactory)
    subject = "Join the next webinar"


class DateAlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DateAlert

    webinar = factory.SubFactory(WebinarFactory)
    email = factory.Sequence(lambda n: f"waiting-for-a-date{n}@example.org")
    language = "en"
    consented_at = factory.LazyFunction(timezone.now)


class DigestListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestListing

    webinar = factory.SubFactory(WebinarFactory)
    listed_at = factory.LazyFunction(timezone.now)
