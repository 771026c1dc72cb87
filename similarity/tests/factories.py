import hashlib

import factory
from django.contrib.contenttypes.models import ContentType

from similarity.models import Concept, Term, TextVector


class ConceptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concept

    slug = factory.Sequence(lambda n: f"test_concept_{n}")
    label = factory.Sequence(lambda n: f"Test concept {n}")
    label_en = factory.LazyAttribute(lambda concept: concept.label)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    concept = factory.SubFactory(ConceptFactory)
    language = "en"
    text = factory.Sequence(lambda n: f"testterm{n}")


class TextVectorFactory(factory.django.DjangoModelFactory):
    """A stored vector; ``of`` is the object it stands for (a concept unless told)."""

    class Meta:
        model = TextVector
        exclude = ("of",)

    of = factory.SubFactory(ConceptFactory)
    content_type = factory.LazyAttribute(lambda vector: ContentType.objects.get_for_model(vector.of))
    object_id = factory.LazyAttribute(lambda vector: str(vector.of.pk))
    digest = factory.Sequence(lambda n: hashlib.sha256(f"text {n}".encode()).hexdigest())
    encoder = "test-encoder"
    vector = b"\x00\x00\x80?" + b"\x00" * 12  # four float32: 1, 0, 0, 0
