"""Kept reports: the file, the data it was made from, and its digest."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import SecretariatFactory
from portal.permissions import MissingPermission
from reporting.document import Chart, ReportDocument, Section, Table
from reporting.exports import render_document
from reporting.models import ReportSnapshot
from reporting.services import data_digest, document_data, document_from_data, keep_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def staff():
    return SecretariatFactory(roles=["Reporting officer"])


def report(registered: int = 120, language: str = "en") -> ReportDocument:
    table = Table(
        key="regions",
        title="Registrations by region",
        columns=("Region", "Registered", "Attended"),
        rows=(("Africa", registered, 80), ("Asia and the Pacific", 64, 40.5)),
        chart=Chart(label_column=0, value_columns=(1, 2), title="Registrations"),
        links=("/staff/reports/registrations/?region=1", ""),
    )
    return ReportDocument(
        title="Webinars 2024-2025",
        language=language,
        subtitle="Report of the Secretariat",
        symbol="CDIP/33/4",
        intro=("Two years of webinars.",),
        sections=(Section(title="Registrations", paragraphs=("By region.",), tables=(table,)),),
    )


def test_kept_report_holds_the_file_the_data_and_who_made_it(staff):
    snapshot = keep_report(
        document=report(), fmt="docx", actor=staff, kind=ReportSnapshot.Kind.ANNUAL, first_year=2024, last_year=2025
    )

    snapshot.refresh_from_db()
    assert snapshot.file.name.startswith("reports/annual-2024-2025-en-") and snapshot.file.name.endswith(".docx")
    assert snapshot.file.read() == render_document(report(), "docx")[0]
    assert snapshot.data["sections"][0]["tables"][0]["rows"][0] == ["Africa", 120, 80]
    assert snapshot.data_digest == data_digest(document_data(report()))
    assert (snapshot.generated_by, snapshot.language, snapshot.fmt) == (staff, "en", "docx")
    assert snapshot.generated_at is not None


def test_same_data_gives_the_same_digest_and_the_same_file(staff):
    first = keep_report(document=report(), fmt="pdf", actor=staff, kind="annual", first_year=2024, last_year=2025)
    second = keep_report(document=report(), fmt="pdf", actor=staff, kind="annual", first_year=2024, last_year=2025)

    assert first.pk != second.pk  # each generation is kept, with its own date
    assert first.data_digest == second.data_digest
    assert first.file.read() == second.file.read()


def test_other_data_gives_another_digest(staff):
    first = keep_report(document=report(registered=120), fmt="csv", actor=staff, kind="annual")
    second = keep_report(document=report(registered=121), fmt="csv", actor=staff, kind="annual")

    assert first.data_digest != second.data_digest


def test_kept_data_renders_the_kept_file_again(staff):
    snapshot = keep_report(document=report(language="ar"), fmt="docx", actor=staff, kind="annex")

    document = document_from_data(ReportSnapshot.objects.get(pk=snapshot.pk).data)
    assert document == report(language="ar")
    assert render_document(document, "docx")[0] == snapshot.file.read()


def test_digest_ignores_how_the_data_was_spelled():
    data = document_data(report())

    assert data_digest(data) == data_digest(dict(reversed(list(data.items()))))


def test_only_the_secretariat_keeps_reports(django_user_model):
    coordinator = django_user_model.objects.create_user(username="coordinator", password="x")

    with pytest.raises(PermissionDenied):
        keep_report(document=report(), fmt="docx", actor=coordinator, kind="annual")
    assert not ReportSnapshot.objects.exists()


@pytest.mark.parametrize("roles", [[], ["Read-only"], ["Communications"], ["Programme officer"]])
def test_staff_without_the_keep_permission_cannot_keep_a_report(roles):
    reader = SecretariatFactory(roles=roles)

    with pytest.raises(MissingPermission) as refused:
        keep_report(document=report(), fmt="csv", actor=reader, kind="annual", first_year=2024, last_year=2025)

    assert refused.value.perms == ("reporting.keep_annual_report",)
    assert not ReportSnapshot.objects.exists()


def test_a_programme_manager_keeps_reports_too():
    manager = SecretariatFactory(roles=["Programme manager"])

    snapshot = keep_report(document=report(), fmt="csv", actor=manager, kind="annual")

    assert snapshot.generated_by == manager


def test_unknown_format_is_refused_with_a_message(staff):
    with pytest.raises(ValidationError, match="DOCX, PDF, XLSX or CSV"):
        keep_report(document=report(), fmt="odt", actor=staff, kind="annual")


def test_kept_reports_admin_list_is_read_only_and_its_query_count_does_not_grow(admin_client, admin_user):
    url = reverse("admin:reporting_reportsnapshot_changelist")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200
        return len(queries)

    keep_report(document=report(), fmt="csv", actor=admin_user, kind="annual", first_year=2024, last_year=2025)
    few = count_queries()
    for registered in range(8):
        keep_report(document=report(registered), fmt="csv", actor=admin_user, kind="annual")
    assert count_queries() == few
    assert admin_client.get(reverse("admin:reporting_reportsnapshot_add")).status_code == 403
