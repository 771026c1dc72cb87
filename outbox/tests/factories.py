import factory
from django.utils import timezone

from outbox.models import MailServer, Notice


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    kind = Notice.Kind.PROPOSAL_SUBMITTED
    key = factory.Sequence(lambda n: f"test-notice:{n}")
    to = factory.Sequence(lambda n: f"person{n}@example.org")
    language = "en"
    subject = "Subject"
    body = "Body\n"


class MailServerFactory(factory.django.DjangoModelFactory):
    """The mail server's one row, as the outbox leaves it after a failure."""

    class Meta:
        model = MailServer
        django_get_or_create = ("id",)

    id = 1
    down_since = factory.LazyFunction(timezone.now)
    last_error = "TimeoutError: timed out"
