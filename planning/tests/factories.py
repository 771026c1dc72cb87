import factory
from django.utils import timezone

from planning.models import AnnualPlan, PlanEntry
from webinars.tests.factories import RegionFactory


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
