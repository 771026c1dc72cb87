"""Keeping the report as sent to the committee: the file, the date, the data, on POST only."""

import pytest
from django.urls import reverse

from accounts.tests.factories import StaffFactory, UserFactory
from reporting.models import ReportSnapshot
from reporting.tests.test_figures import YEAR, year_of_data  # noqa: F401  (the fixture, used by name)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("year_of_data")]

KEEP = reverse("reporting:annual_report_keep", kwargs={"first_year": YEAR, "last_year": YEAR})


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_secretariat_keeps_the_report_and_downloads_the_same_file(client):
    client.force_login(StaffFactory())

    response = client.post(KEEP, {"fmt": "csv", "language": "fr"})

    assert response.status_code == 302
    snapshot = ReportSnapshot.objects.get()
    assert (snapshot.kind, snapshot.first_year, snapshot.last_year, snapshot.language, snapshot.fmt) == (
        "annual",
        YEAR,
        YEAR,
        "fr",
        "csv",
    )
    export = client.get(
        reverse("reporting:annual_report_export", kwargs={"first_year": YEAR, "last_year": YEAR, "fmt": "csv"}),
        {"language": "fr"},
    )
    kept = client.get(reverse("reporting:kept_report_download", args=[snapshot.pk]))
    assert b"".join(kept.streaming_content) == export.content
    page = client.get(response["Location"]).content.decode()
    assert reverse("reporting:kept_report_download", args=[snapshot.pk]) in page


def test_keeping_needs_a_post_a_known_format_and_staff(client):
    client.force_login(StaffFactory())
    assert client.get(KEEP).status_code == 405
    assert client.post(KEEP, {"fmt": "exe", "language": "fr"}).status_code == 400
    client.force_login(UserFactory())
    assert client.post(KEEP, {"fmt": "csv", "language": "fr"}).status_code == 403
    assert not ReportSnapshot.objects.exists()
