import factory

from outbox.models import Notice


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    kind = Notice.Kind.PROPOSAL_SUBMITTED
    key = factory.Sequence(lambda n: f"test-notice:{n}")
    to = factory.Sequence(lambda n: f"person{n}@example.org")
    language = "en"
    subject = "Subject"
    body = "Body\n"
