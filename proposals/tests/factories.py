from datetime import timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from proposals.models import (
    CandidateTopic,
    ConsultationCycle,
    Coordinator,
    Delegate,
    DraftReading,
    Proposal,
    ProposalPart,
    StateRequest,
)
from webinars.tests.factories import MemberStateFactory, RegionalGroupFactory, TopicFactory


class ConsultationCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationCycle
        django_get_or_create = ("target_year",)

    target_year = factory.LazyFunction(lambda: timezone.now().year + 1)
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    deadline_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    state = ConsultationCycle.State.OPEN


class CandidateTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateTopic

    cycle = factory.SubFactory(ConsultationCycleFactory)
    topic = factory.SubFactory(TopicFactory)


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator

    user = factory.SubFactory(UserFactory)
    group = factory.SubFactory(RegionalGroupFactory)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    cycle = factory.SubFactory(ConsultationCycleFactory)
    group = factory.SubFactory(RegionalGroupFactory)
    kind = Proposal.Kind.OWN
    title = factory.Sequence(lambda n: f"Proposal {n}")
    objectives = "Learn from national IP strategies."
    target_audience = "Policy makers."
    created_by = factory.SubFactory(UserFactory)


class ProposalPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalPart

    proposal = factory.SubFactory(ProposalFactory, shape=Proposal.Shape.SERIES)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Part {n}")


class DraftReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DraftReading

    proposal = factory.SubFactory(ProposalFactory)
    reader = factory.SubFactory(UserFactory, is_staff=True)
    place = DraftReading.Place.PAGE


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    user = factory.SubFactory(UserFactory)
    member_state = factory.SubFactory(MemberStateFactory)


class StateRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StateRequest

    cycle = factory.SubFactory(ConsultationCycleFactory)
    member_state = factory.SubFactory(MemberStateFactory)
    kind = StateRequest.Kind.TOPIC
    title = factory.Sequence(lambda n: f"A state's topic {n}")
    objectives = "Use geographical indications for farm products."
    created_by = factory.SubFactory(UserFactory)
