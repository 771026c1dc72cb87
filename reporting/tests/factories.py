import datetime

import factory

from reporting.models import (
    CommitteeDecision,
    DecisionItem,
    DecisionParagraph,
    DocumentReference,
    FollowUpAction,
    Measure,
    MeasureEvent,
    ReportSnapshot,
    Session,
)


class SessionFactory(factory.django.DjangoModelFactory):
    """A committee session; numbers from 30 up so they never meet the demo's (CDIP/1 to CDIP/29)."""

    class Meta:
        model = Session
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: 30 + n)
    starts_on = factory.LazyAttribute(lambda session: datetime.date(2000 + session.number // 2, 5, 10))
    ends_on = factory.LazyAttribute(lambda session: session.starts_on + datetime.timedelta(days=4))
    venue = "Geneva"


class CommitteeDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeDecision

    session = factory.SubFactory(
        SessionFactory, number=18, starts_on=datetime.date(2016, 10, 31), ends_on=datetime.date(2016, 11, 4)
    )
    agenda_item = "7"
    decided_on = datetime.date(2016, 11, 4)
    title = "Technical assistance in the area of cooperation for development"
    text = "The committee decided to discuss technical assistance on the basis of the revised proposal."
    source_document = "CDIP/18/11"


class DecisionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionItem

    decision = factory.SubFactory(CommitteeDecisionFactory)
    label = factory.Sequence(lambda n: f"{n + 1}")
    text = "to close the sub-item of agenda item 7."
    order = factory.Sequence(lambda n: n)


class DecisionParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionParagraph

    decision = factory.SubFactory(CommitteeDecisionFactory)
    label = factory.Sequence(lambda n: str(n + 1))
    text = "The Secretariat will compile its current practices, tools and methodologies."


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    decision = factory.SubFactory(CommitteeDecisionFactory)
    paragraph = "1"
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Measure {n}")


class MeasureEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureEvent

    measure = factory.SubFactory(MeasureFactory)
    kind = MeasureEvent.Kind.IMPLEMENTED
    session = factory.SubFactory(
        SessionFactory, number=21, starts_on=datetime.date(2018, 5, 14), ends_on=datetime.date(2018, 5, 18)
    )
    text = "The Secretariat presented document CDIP/21/4."


class DocumentReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentReference

    measure = factory.SubFactory(MeasureFactory)
    role = DocumentReference.Role.IMPLEMENTATION
    symbol = "CDIP/21/4"


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    measure = factory.SubFactory(MeasureFactory)
    description = "Keep the compilation up to date."
    owner = "Development Agenda Coordination Division"


class ReportSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportSnapshot

    kind = ReportSnapshot.Kind.ANNUAL
    first_year = 2025
    last_year = 2025
    language = "en"
    fmt = "csv"
    file = factory.django.FileField(filename="report.csv", data=b"table,value\n")
    data = factory.LazyFunction(dict)
    data_digest = "0" * 64


class CommitteeReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reporting.CommitteeReport"
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2040 + n)
    symbol = factory.Sequence(lambda n: f"CDIP/{40 + n}/4")
    session = factory.SubFactory(SessionFactory)
    dated_on = datetime.date(2026, 12, 6)
    original_language = "en"
    introduction = "<p>The Secretariat reports on the webinars held.</p>"


class WebinarAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reporting.WebinarAccount"

    report = factory.SubFactory(CommitteeReportFactory)
    webinar = factory.SubFactory("webinars.tests.factories.HeldWebinarFactory")
    text = "<p>The webinar went well.</p>"
