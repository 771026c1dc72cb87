"""The report's staff page, its downloads, its charts and the links behind every row."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import StaffFactory, UserFactory
from reporting.annual_report import build_annual_report
from reporting.charts import bar_chart_svg
from reporting.document import Chart, Table
from reporting.figures import annual_figures
from reporting.tests.test_figures import YEAR, at, register, year_of_data  # noqa: F401  (the fixture, used by name)
from webinars.tests.factories import FeedbackFactory, HeldWebinarFactory, MaterialFactory, RegionFactory

pytestmark = pytest.mark.django_db

PAGE = "/en/secretariat/report/"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def export_url(fmt, first_year=YEAR, last_year=YEAR, language="en"):
    url = reverse(
        "reporting:annual_report_export", kwargs={"first_year": first_year, "last_year": last_year, "fmt": fmt}
    )
    return f"{url}?language={language}"


@pytest.mark.usefixtures("year_of_data")
def test_staff_see_the_report_with_a_chart_and_its_table_beside_it(staff_client):
    response = staff_client.get(PAGE, {"first_year": YEAR})

    page = response.content.decode()
    assert response.status_code == 200
    assert f"report for {YEAR}" in page
    assert 'role="img"' in page and "<title" in page
    assert 'aria-describedby="table-plan"' in page and 'id="table-plan"' in page
    assert "2 webinars of the technical-assistance programme" in page
    assert export_url("xlsx") in page


def test_a_visitor_is_sent_to_the_login_page_for_the_report_and_its_downloads(client):
    for url in (f"{PAGE}?first_year={YEAR}", export_url("csv")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_someone_who_is_not_staff_is_refused_the_report_and_its_downloads(client):
    client.force_login(UserFactory())

    for url in (f"{PAGE}?first_year={YEAR}", export_url("csv")):
        assert client.get(url).status_code == 403


def test_fifty_years_are_refused_on_the_page_with_the_limit(staff_client):
    response = staff_client.get(PAGE, {"first_year": 2000, "last_year": 2049})

    assert response.status_code == 200
    assert "at most 10 years" in response.content.decode()
    assert response.context["document"] is None


def test_fifty_years_are_refused_for_a_download(staff_client):
    response = staff_client.get(export_url("csv", 2000, 2049))

    assert response.status_code == 400
    assert "at most 10 years" in response.content.decode()


def test_a_year_without_webinars_gives_a_page_that_says_so(staff_client):
    response = staff_client.get(PAGE, {"first_year": 2031})

    assert response.status_code == 200
    assert "No webinar was held in 2031." in response.content.decode()


@pytest.mark.usefixtures("year_of_data")
def test_the_page_opens_on_the_last_year_a_webinar_was_held(staff_client):
    response = staff_client.get(PAGE)

    assert response.context["document"].title.endswith(str(YEAR))


@pytest.mark.usefixtures("year_of_data")
def test_downloads_are_files_named_for_the_years_and_language(staff_client):
    csv_response = staff_client.get(export_url("csv"))
    xlsx_response = staff_client.get(export_url("xlsx", language="fr"))

    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response["Content-Disposition"] == f'attachment; filename="webinar-report-{YEAR}-en.csv"'
    assert xlsx_response.status_code == 200
    assert xlsx_response.content.startswith(b"PK")
    assert xlsx_response["Content-Disposition"] == f'attachment; filename="webinar-report-{YEAR}-fr.xlsx"'


def test_an_unknown_format_or_language_is_not_found(staff_client):
    assert staff_client.get(export_url("odt")).status_code == 404
    assert staff_client.get(export_url("csv", language="xx")).status_code == 404


@pytest.mark.usefixtures("year_of_data")
def test_the_arabic_page_reads_right_to_left_with_mirrored_charts(staff_client):
    response = staff_client.get("/ar/secretariat/report/", {"first_year": YEAR})

    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert 'data-direction="rtl"' in page
    assert "language=ar" in page


@pytest.mark.usefixtures("year_of_data")
def test_every_row_links_to_an_admin_list_that_accepts_its_filters(admin_client):
    document = build_annual_report(annual_figures(first_year=YEAR, last_year=YEAR), language="en")
    links = [link for table in document.tables() for link in table.links]

    assert links and all(links)
    assert all(len(table.links) == len(table.rows) for table in document.tables())
    for link in set(links):
        response = admin_client.get(link)
        assert response.status_code == 200, link  # a refused filter redirects to ?e=1


def test_the_held_webinars_link_lists_exactly_the_years_held_webinars(admin_client, request):
    data = request.getfixturevalue("year_of_data")
    document = build_annual_report(annual_figures(first_year=YEAR, last_year=YEAR), language="en")
    (plan,) = [table for table in document.tables() if table.key == "plan"]

    response = admin_client.get(plan.links[0])

    assert set(response.context["cl"].queryset) == {data["w1"], data["w2"]}


def _page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE, {"first_year": YEAR})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.usefixtures("year_of_data")
def test_the_page_makes_as_many_queries_with_ten_times_the_data(staff_client):
    few = _page_queries(staff_client)
    for month in range(1, 11):
        webinar = HeldWebinarFactory(starts_at=at(month), regions=[RegionFactory()])
        register(webinar, "GH", attended=True)
        FeedbackFactory(webinar=webinar, useful="Useful.", topic_suggestion="Data")
        MaterialFactory(webinar=webinar)

    assert _page_queries(staff_client) == few


def test_a_chart_escapes_its_labels_and_carries_its_title():
    table = Table(
        key="t",
        title="Régions <b>",
        columns=("Region", "Registered"),
        rows=(("<script>alert(1)</script>", 5), ("Asia & Pacific", 10)),
    )

    svg = bar_chart_svg(table, Chart(value_columns=(1,)))

    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Asia &amp; Pacific" in svg
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="chart-t-title">Régions &lt;b&gt;</title>' in svg


def test_right_to_left_charts_grow_from_the_right():
    table = Table(key="t", title="T", columns=("Label", "Value"), rows=(("A", 10),))

    left_to_right = bar_chart_svg(table, Chart())
    right_to_left = bar_chart_svg(table, Chart(), right_to_left=True)

    def bar_x(svg):
        return float(svg.split('<rect x="')[2].split('"')[0])  # the first is the background

    assert bar_x(right_to_left) < bar_x(left_to_right)
    assert 'text-anchor="start"><title>A</title>' in right_to_left  # the label starts at the bars, on the right
    assert 'text-anchor="end"><title>A</title>' in left_to_right


@pytest.mark.usefixtures("year_of_data")
@pytest.mark.parametrize("fmt, magic", [("docx", b"PK"), ("pdf", b"%PDF")])
def test_the_docx_and_pdf_links_serve_the_exporters_files(staff_client, fmt, magic):
    pytest.importorskip(
        "docx" if fmt == "docx" else "weasyprint", reason=f"the {fmt} writer's library is not installed"
    )

    response = staff_client.get(export_url(fmt))

    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert response["Content-Disposition"] == f'attachment; filename="webinar-report-{YEAR}-en.{fmt}"'


def test_a_chart_of_several_series_names_each_in_its_legend_on_as_many_lines_as_needed():
    columns = ("Group", "Received in the consultation", "Retained in the plan", "Merged", "Not retained")
    table = Table(key="t", title="T", columns=columns, rows=(("African Group", 5, 2, 1, 2),))

    svg = bar_chart_svg(table, Chart(value_columns=(1, 2, 3, 4)))

    assert all(f">{name}</text>" in svg for name in columns[1:])
    legend_lines = {part.split('y="')[1].split('"')[0] for part in svg.split("<rect")[2:6]}
    assert len(legend_lines) == 2  # four long names do not fit on one line of the bar area


def test_without_a_year_the_page_shows_the_geneva_year_of_the_last_webinar_held(staff_client):
    """Held at 23:30 UTC on 31 December: in Geneva it is already the next year, where the report counts it."""
    HeldWebinarFactory(starts_at=datetime(YEAR - 1, 12, 31, 23, 30, tzinfo=UTC))

    response = staff_client.get(PAGE)

    assert response.context["form"].cleaned_data["first_year"] == YEAR
    assert response.context["document"].is_empty is False
