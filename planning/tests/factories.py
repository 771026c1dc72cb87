import factory
from django.utils import timezone

from accounts.models import User
from planning.models import AnnualPlan, PlanComment, PlanEntry, ProposalMerge, SynergySuggestion
from proposals.models import Proposal
from proposals.tests.factories import ConsultationCycleFactory, ProposalFactory
from webinars.tests.factories import LanguageFactory, RegionalGroupFactory, RegionFactory, ScopeAreaFactory


class AnnualPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualPlan
        django_get_or_create = ("year",)

    year = factory.LazyFunction(lambda: timezone.now().year + 1)
    capacity = 6


class PlanEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanEntry

    plan = factory.SubFactory(AnnualPlanFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Plan entry {n}")
    region = factory.SubFactory(RegionFactory)


def author():
    return User.objects.get_or_create(username="author")[0]  # no password to hash: the suite stays fast


def submitted_proposal(cycle, *, region=None, language="en", in_scope=True, state=Proposal.State.SUBMITTED, **kwargs):
    kwargs.setdefault("created_by", author())
    proposal = ProposalFactory(
        cycle=cycle,
        state=state,
        submitted_at=None if state == Proposal.State.DRAFT else timezone.now(),
        scope_area=ScopeAreaFactory(is_in_scope=in_scope),
        **kwargs,
    )
    proposal.regions.set([region or RegionFactory()])
    proposal.languages.set([LanguageFactory(code=language)])
    return proposal


class ProposalMergeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalMerge
        skip_postgeneration_save = True

    lead = factory.SubFactory(ProposalFactory)
    cycle = factory.SelfAttribute("lead.cycle")
    created_by = factory.LazyFunction(author)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create:
            self.members.set(extracted if extracted is not None else [ProposalFactory(cycle=self.cycle)])


class SynergySuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SynergySuggestion
        skip_postgeneration_save = True

    cycle = factory.SubFactory(ConsultationCycleFactory)
    signature = factory.Sequence(lambda n: f"{n}-{n + 1}")
    kind = SynergySuggestion.Kind.SIMILAR
    score = 0.8
    matched = factory.LazyFunction(lambda: {"concepts": ["patents"], "words": [], "languages": ["en", "fr"]})

    @factory.post_generation
    def proposals(self, create, extracted, **kwargs):
        if create:
            pair = ProposalFactory.create_batch(2, cycle=self.cycle) if extracted is None else extracted
            self.proposals.set(pair)


class PlanCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanComment

    plan = factory.SubFactory(AnnualPlanFactory)
    group = factory.SubFactory(RegionalGroupFactory)
    text = factory.Sequence(lambda n: f"The group's comment {n}")
    written_in = "en"
    author = factory.LazyFunction(author)
