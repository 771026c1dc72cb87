from datetime import timedelta

import factory
from django.utils import timezone

from webinars.models import (
    AnsweredQuestion,
    Closure,
    Expert,
    Feedback,
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


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = factory.Iterator(["en", "fr", "es", "ar", "ru", "zh-hans"])
    name = factory.LazyAttribute(lambda language: language.code.upper())
    is_ui_language = True


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"region-{n}")
    name = factory.LazyAttribute(lambda region: region.code.replace("-", " ").title())


class RegionalGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalGroup
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"group-{n}")
    name = factory.LazyAttribute(lambda group: group.code.replace("-", " ").title())

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create:
            self.regions.set(extracted if extracted is not None else [RegionFactory()])


def _iso_code(n: int) -> str:
    """Two capital letters from a sequence number, outside real codes first (Q?, X?, Z? are user-assigned)."""
    first = "QXZ"[(n // 26) % 3] if n < 78 else chr(ord("A") + (n // 26) % 26)
    return first + chr(ord("A") + n % 26)


class MemberStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberState
        django_get_or_create = ("code",)

    code = factory.Sequence(_iso_code)
    name = factory.LazyAttribute(lambda state: f"State {state.code}")
    region = factory.SubFactory(RegionFactory)
    group = factory.SubFactory(RegionalGroupFactory)


class ScopeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScopeArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"area-{n}")
    title = factory.Sequence(lambda n: f"Scope area {n}")
    is_in_scope = True


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    title = factory.Sequence(lambda n: f"Topic {n}")
    objectives = "Share what works in technical assistance."
    target_audience = "Intellectual property offices."
    scope_area = factory.SubFactory(ScopeAreaFactory)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    slug = factory.Sequence(lambda n: f"series-{n}")
    title = factory.Sequence(lambda n: f"Series {n}")
    topic = factory.SubFactory(TopicFactory)


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"expert{n}@example.org")
    kind = Expert.Kind.EXTERNAL
    gender = Expert.Gender.FEMALE
    nationality = "KE"


class WebinarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Webinar
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"webinar-{n}")
    title = factory.Sequence(lambda n: f"Webinar {n}")
    topic = factory.SubFactory(TopicFactory)
    status = Webinar.Status.SCHEDULED
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    duration_minutes = 90

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create:
            self.regions.set(extracted if extracted is not None else [RegionFactory()])

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create:
            self.languages.set(extracted if extracted is not None else [LanguageFactory(code="en")])


class HeldWebinarFactory(WebinarFactory):
    status = Webinar.Status.HELD
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=60))


class OpenWebinarFactory(WebinarFactory):
    """A scheduled webinar open for registration: its date is set and an expert gives it
    (put on it by the Secretariat, no invitation)."""

    @factory.post_generation
    def experts(self, create, extracted, **kwargs):
        if create:
            self.experts.set(extracted if extracted is not None else [ExpertFactory()])


class ToBeScheduledWebinarFactory(WebinarFactory):
    """Published from the plan: public, its month or quarter known, no date yet."""

    status = Webinar.Status.TO_BE_SCHEDULED
    starts_at = None
    planned_period = "2031-03"


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    webinar = factory.SubFactory(HeldWebinarFactory)
    kind = Material.Kind.RECORDING
    title = "Recording"
    url = "https://video.example.org/recording"
    is_published = True
    published_at = factory.LazyFunction(timezone.now)


class AnsweredQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnsweredQuestion

    webinar = factory.SubFactory(HeldWebinarFactory)
    question = "How do offices measure the effect of training?"
    answer = "Through follow-up surveys six months later."


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    webinar = factory.SubFactory(HeldWebinarFactory)
    source = Feedback.Source.PARTICIPANT
    overall_rating = 4


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    title = "Official holiday"
    kind = Closure.Kind.HOLIDAY
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    ends_on = factory.LazyAttribute(lambda closure: closure.starts_on)
