import io
from datetime import datetime, time, timedelta

import factory
from django.utils import timezone
from pypdf import PdfWriter

from delivery.models import DeliveredLanguage, ExpertInvitation, WebinarCosts
from webinars.tests.factories import ExpertFactory, HeldWebinarFactory, LanguageFactory


def working_slot(*, days: int = 30, hour: int = 14):
    """A start time the scheduling rules accept for a webinar whose regions have no capital:
    the first working day at least ``days`` ahead, at ``hour`` in Geneva (office hours)."""
    day = timezone.localdate() + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour)))


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


def pdf_bytes(*, pages: int = 1) -> bytes:
    """A small PDF that really parses (the slides check opens it), with ``pages`` blank pages."""
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
