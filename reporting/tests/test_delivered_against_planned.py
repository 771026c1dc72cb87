"""The annual report sets what was delivered against what was planned: the languages requested
against those recorded as delivered, overall and per regional group; the plans' estimated costs
against the actual ones (in the Secretariat's report only); in every export; at a fixed number of
queries."""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import docx
import openpyxl
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from delivery.tests.factories import DeliveredLanguageFactory, WebinarCostsFactory
from planning.models import AnnualPlan
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory
from proposals.tests.factories import ConsultationCycleFactory, ProposalFactory
from reporting.annual_report import build_annual_report
from reporting.exports import render_document
from reporting.figures import annual_figures
from webinars.models import Webinar
from webinars.tests.factories import HeldWebinarFactory, LanguageFactory, RegionalGroupFactory, WebinarFactory

pytestmark = pytest.mark.django_db

YEAR = 2024


def at(month: int) -> datetime:
    return datetime(YEAR, month, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def year():
    """Two groups' proposals behind two held webinars of the published plan, one entry never held.

    GRULAC asked for Spanish and English (webinar "Patents", delivered in Spanish only) and for
    Spanish (webinar "Designs", delivered in Spanish); the African Group, merged into "Patents",
    asked for French, not delivered. A webinar held outside the plan counts for no group; it was
    planned in English and has no languages recorded yet.
    """
    english = LanguageFactory(code="en", name="English", order=1)
    french = LanguageFactory(code="fr", name="French", order=2)
    spanish = LanguageFactory(code="es", name="Spanish", order=3)
    grulac = RegionalGroupFactory(code="grulac", name="GRULAC", order=1)
    african = RegionalGroupFactory(code="african", name="African Group", order=2)
    cycle = ConsultationCycleFactory(target_year=YEAR)
    latin = ProposalFactory(cycle=cycle, group=grulac, title="Latin American patents")
    latin.languages.set([spanish, english])
    designs = ProposalFactory(cycle=cycle, group=grulac, title="Designs")
    designs.languages.set([spanish])
    merged = ProposalFactory(cycle=cycle, group=african, title="African patents")
    merged.languages.set([french])

    patents = HeldWebinarFactory(title="Patents", starts_at=at(3), languages=[spanish, english])
    designs_webinar = HeldWebinarFactory(title="Designs", starts_at=at(6), languages=[spanish])
    HeldWebinarFactory(title="Outside the plan", starts_at=at(9))
    plan = AnnualPlanFactory(
        year=YEAR,
        state=AnnualPlan.State.PUBLISHED,
        published_at=timezone.now(),
        cost_per_webinar=Decimal("9000"),
        interpretation_cost_per_language=Decimal("1500"),
        budget=Decimal("40000"),
    )
    entry = PlanEntryFactory(
        plan=plan,
        webinar=patents,
        estimated_expert_fee=Decimal("9000"),
        estimated_interpretation=Decimal("1500"),
        estimated_platform=Decimal("500"),
    )
    entry.proposals.set([latin, merged])
    second = PlanEntryFactory(plan=plan, webinar=designs_webinar)  # never estimated: the plan's rule, 9000
    second.languages.set([spanish])
    second.proposals.set([designs])
    cancelled = WebinarFactory(title="Called off", status="cancelled", starts_at=at(11))
    PlanEntryFactory(plan=plan, title="Called off", webinar=cancelled, estimated_expert_fee=Decimal("7000"))

    DeliveredLanguageFactory(webinar=patents, language=spanish, is_interpreted_live=False)
    DeliveredLanguageFactory(webinar=designs_webinar, language=spanish, is_interpreted_live=False)
    WebinarCostsFactory(
        webinar=patents,
        expert_fee=Decimal("8000"),
        interpretation=Decimal("2500"),
        platform=Decimal("500"),
        other=Decimal("120.50"),
    )
    WebinarCostsFactory(webinar=designs_webinar, expert_fee=Decimal("9500"))
    return {"patents": patents, "designs": designs_webinar}


def report(**options):
    return build_annual_report(annual_figures(first_year=YEAR, last_year=YEAR), language="en", **options)


def table(document, key):
    [found] = [table for table in document.tables() if table.key == key]
    return found


# Language, requested in proposals received (the fixture's are drafts: none), recorded as delivered,
# planned in a webinar held with nothing recorded yet. "Patents" was planned in English but delivered
# in Spanish only: English is not delivered; "Outside the plan" was planned in English, nothing recorded.
REQUESTED_AGAINST_DELIVERED = [
    ("English", 0, 0, 1),
    ("Spanish", 0, 2, 0),
]
ASKED_AGAINST_DELIVERED = [
    ("GRULAC", "English", 1, 0, 0),
    ("GRULAC", "Spanish", 2, 2, 100),
    ("African Group", "French", 1, 0, 0),
]
COSTS_BY_ITEM = [
    ("Expert's fee", 25000.0, 17500.0, -7500.0),  # estimated: 9000 + 9000 (the rule) + 7000
    ("Interpretation", 1500.0, 2500.0, 1000.0),
    ("Platform", 500.0, 500.0, 0.0),
    ("Other costs", None, 120.5, None),
    ("Total", 27000.0, 20620.5, -6379.5),
]


@pytest.mark.usefixtures("year")
def test_the_report_sets_each_groups_languages_asked_for_against_those_delivered():
    languages = table(report(), "languages_by_group")

    assert list(languages.rows) == ASKED_AGAINST_DELIVERED
    assert "1 webinar held has no languages recorded yet" in languages.note


@pytest.mark.usefixtures("year")
def test_a_language_planned_but_not_recorded_as_delivered_is_not_counted_as_delivered():
    languages = table(report(), "languages")

    assert languages.columns[1:] == (
        "Requested in proposals",
        "Delivered in webinars held",
        "Not recorded yet (planned)",
    )
    assert list(languages.rows) == REQUESTED_AGAINST_DELIVERED


def test_a_language_recorded_as_delivered_is_counted_as_delivered(year):
    DeliveredLanguageFactory(webinar=year["patents"], language=LanguageFactory(code="en"))

    rows = {row[0]: row[1:] for row in table(report(), "languages").rows}

    assert rows["English"] == (0, 1, 1)  # "Outside the plan" still has nothing recorded
    assert rows["Spanish"] == (0, 2, 0)


def test_a_held_webinar_without_languages_recorded_is_shown_as_not_recorded_yet(year):
    outside = Webinar.objects.get(title="Outside the plan")
    french = LanguageFactory(code="fr")
    outside.languages.add(french)

    document = report()
    rows = {row[0]: row[1:] for row in table(document, "languages").rows}

    assert rows["English"] == (0, 0, 1) and rows["French"] == (0, 0, 1)
    assert (
        "1 webinar held has no languages recorded yet: it counts as delivered in none."
        in table(document, "languages").note
    )

    DeliveredLanguageFactory(webinar=outside, language=french)
    rows = {row[0]: row[1:] for row in table(report(), "languages").rows}

    assert "English" not in rows and rows["French"] == (0, 1, 0)  # English: only planned, never delivered
    assert "no languages recorded yet" not in table(report(), "languages").note


def test_a_language_row_links_to_its_deliveries_or_to_the_webinars_not_recorded_yet(admin_client, year):
    rows = table(report(), "languages")
    links = dict(zip((row[0] for row in rows.rows), rows.links, strict=True))

    spanish = admin_client.get(links["Spanish"])
    english = admin_client.get(links["English"])

    assert spanish.status_code == english.status_code == 200  # a refused filter redirects to ?e=1
    assert {row.webinar for row in spanish.context["cl"].queryset} == {year["patents"], year["designs"]}
    assert [webinar.title for webinar in english.context["cl"].queryset] == ["Outside the plan"]


@pytest.mark.usefixtures("year")
def test_the_languages_table_and_the_table_per_group_count_the_same_deliveries():
    document = report()
    overall = {row[0]: row[2] for row in table(document, "languages").rows}
    per_group = table(document, "languages_by_group")

    # Each group's "delivered in it" is at most the language's webinars recorded as delivered overall.
    assert all(delivered <= overall.get(language, 0) for _group, language, _asked, delivered, _share in per_group.rows)
    assert (overall["English"], overall["Spanish"]) == (0, 2)
    sentence = "1 webinar held has no languages recorded yet: it counts as delivered in none."
    assert sentence in table(document, "languages").note and sentence in per_group.note


@pytest.mark.usefixtures("year")
def test_the_report_sets_the_plans_estimated_costs_against_the_actual_ones():
    assert list(table(report(), "costs").rows) == COSTS_BY_ITEM


@pytest.mark.usefixtures("year")
def test_each_webinar_and_each_entry_not_held_has_its_estimate_and_actual_cost():
    rows = list(table(report(), "costs_webinars").rows)

    assert rows == [
        ("Patents", 11000.0, 11120.5, 120.5),
        ("Designs", 9000.0, 9500.0, 500.0),
        ("Outside the plan", None, None, None),
        ("Called off", 7000.0, None, None),
    ]


@pytest.mark.usefixtures("year")
def test_a_report_without_costs_leaves_the_costs_out():
    keys = {table.key for table in report(include_costs=False).tables()}

    assert "languages_by_group" in keys
    assert not keys & {"costs", "costs_webinars"}


def test_a_year_without_plan_or_costs_shows_empty_tables():
    document = report()

    assert table(document, "costs").rows == () and table(document, "languages_by_group").rows == ()


# --- The exports -------------------------------------------------------------------------------


@pytest.mark.usefixtures("year")
def test_the_csv_holds_the_languages_per_group_and_the_costs():
    content = render_document(report(), "csv")[0].decode("utf-8-sig")
    lines = [row for row in csv.reader(io.StringIO(content)) if row]

    assert ["languages_by_group", "GRULAC", "Spanish", "2", "2", "100"] in lines
    assert ["languages", "English", "0", "0", "1"] in lines
    assert ["costs", "Total", "27000", "20620.5", "-6379.5"] in lines


@pytest.mark.usefixtures("year")
def test_the_xlsx_has_a_sheet_for_the_languages_per_group_and_for_the_costs():
    workbook = openpyxl.load_workbook(io.BytesIO(render_document(report(), "xlsx")[0]))
    by_title = {sheet["A1"].value: sheet for sheet in workbook.worksheets}

    requested = by_title["Languages requested and delivered"]
    assert [[cell.value for cell in row] for row in requested.iter_rows(min_row=3, max_row=4)] == [
        list(row) for row in REQUESTED_AGAINST_DELIVERED
    ]
    languages = by_title["Languages asked for and delivered, per regional group"]
    costs = by_title["Costs: estimated in the plan and actual"]
    assert [[cell.value for cell in row] for row in languages.iter_rows(min_row=3, max_row=5)] == [
        list(row) for row in ASKED_AGAINST_DELIVERED
    ]
    assert [cell.value for cell in costs[7]] == ["Total", 27000, 20620.5, -6379.5]


@pytest.mark.usefixtures("year")
def test_the_docx_has_the_languages_per_group_and_the_costs_tables():
    document = docx.Document(io.BytesIO(render_document(report(), "docx")[0]))
    texts = {tuple(cell.text for cell in row.cells) for written in document.tables for row in written.rows}

    assert ("African Group", "French", "1", "0", "0") in texts
    assert ("English", "0", "0", "1") in texts
    assert ("Total", "27000", "20620.5", "-6379.5") in texts


@pytest.mark.usefixtures("year")
def test_the_pdf_has_the_languages_per_group_and_the_costs_tables():
    reader = pypdf.PdfReader(io.BytesIO(render_document(report(), "pdf")[0]))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)

    assert "Languages asked for and delivered, per regional group" in text
    assert "African Group French 1 0 0" in text
    assert "English 0 0 1 Spanish 0 2 0" in text
    assert "Total 27000 20620.5 -6379.5" in text


# --- The number of queries stays the same --------------------------------------------------------


def _queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        build_annual_report(annual_figures(first_year=YEAR, last_year=YEAR), language="en")
    return len(queries)


def test_more_languages_delivered_and_costs_cost_no_more_queries(year):
    few = _queries()
    plan = AnnualPlan.objects.get(year=YEAR)
    for month in range(1, 9):
        webinar = HeldWebinarFactory(starts_at=at(month))
        entry = PlanEntryFactory(plan=plan, webinar=webinar, estimated_platform=Decimal("10"))
        proposal = ProposalFactory(cycle=ConsultationCycleFactory(target_year=YEAR), group=RegionalGroupFactory())
        proposal.languages.set([LanguageFactory(code="ar"), LanguageFactory(code="ru")])
        entry.proposals.set([proposal])
        DeliveredLanguageFactory(webinar=webinar, language=LanguageFactory(code="ar"))
        WebinarCostsFactory(webinar=webinar)
        HeldWebinarFactory(starts_at=at(month), languages=[LanguageFactory(code="ru")])  # nothing recorded yet

    assert _queries() == few
