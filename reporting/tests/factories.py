import datetime

import factory

from reporting.models import CommitteeDecision, DocumentReference, FollowUpAction, Measure, ReportSnapshot


class CommitteeDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeDecision

    session = 18
    agenda_item = "7"
    decided_on = datetime.date(2016, 11, 4)
    title = "Technical assistance in the area of cooperation for development"
    text = "The committee decided to discuss technical assistance on the basis of the revised proposal."
    source_document = "CDIP/18/11"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    decision = factory.SubFactory(CommitteeDecisionFactory)
    paragraph = "1"
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Measure {n}")


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
