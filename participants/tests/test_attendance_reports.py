"""Attendance reports as webinar software exports them, well or badly, and the counts by
country, region and type of participant on the webinar's admin page."""

import codecs
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from delivery.uploads import FIELD_KINDS, MB, MaterialUploadHandler, RefusedUpload, limit_mb
from participants.admin.registration import MAX_REPORT_BYTES, AttendanceUploadForm
from participants.models import Registration
from participants.services import registration as services
from participants.tests.factories import RegistrationFactory
from webinars.country_regions import region_ids
from webinars.tests.factories import HeldWebinarFactory, MemberStateFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    webinar = HeldWebinarFactory()
    amina = RegistrationFactory(webinar=webinar, email="amina@example.org", country="KE")
    return webinar, amina


def attended(webinar, *people):
    for email, country, kind in people:
        RegistrationFactory(webinar=webinar, email=email, country=country, participant_type=kind, has_attended=True)


# Reading reports ----------------------------------------------------------------------------


def test_a_utf16_report_from_excel_is_read(held):
    webinar, amina = held
    raw = codecs.BOM_UTF16_LE + "Email\tName\namina@example.org\tAmina Wanjirů\n".encode("utf-16-le")
    result = services.record_attendance(webinar=webinar, raw=raw)
    assert result.matched == 1
    amina.refresh_from_db()
    assert amina.has_attended is True


def test_a_windows_1252_report_is_read_with_its_accents():
    rows, bad = services.read_attendance_csv("Email,Name\njose@example.org,José Pérez\n".encode("cp1252"))
    assert [(row.email, row.name) for row in rows] == [("jose@example.org", "José Pérez")]
    assert bad == []


def test_semicolons_and_a_bom_are_read():
    rows, _bad = services.read_attendance_csv("\ufeffNom;Adresse e-mail\nAmina;amina@example.org\n".encode())
    assert [(row.email, row.name) for row in rows] == [("amina@example.org", "Amina")]


def test_a_report_without_a_heading_line_is_refused_with_a_reason(held):
    webinar, amina = held
    with pytest.raises(ValidationError) as caught:
        services.record_attendance(webinar=webinar, raw=b"amina@example.org,Amina\nguest@example.org,Guest\n")
    assert caught.value.code == "no_header"
    assert "column headings" in caught.value.messages[0]
    amina.refresh_from_db()
    webinar.refresh_from_db()
    assert amina.has_attended is False
    assert webinar.attendance_count == 0


def test_a_report_without_an_email_column_is_refused(held):
    webinar, _amina = held
    with pytest.raises(ValidationError) as caught:
        services.record_attendance(webinar=webinar, raw=b"Name;Join time\nAmina;10:00\n")
    assert caught.value.code == "no_email_column"


def test_a_broken_utf16_file_is_refused(held):
    webinar, _amina = held
    with pytest.raises(ValidationError) as caught:
        services.record_attendance(webinar=webinar, raw=codecs.BOM_UTF16_LE + b"E\x00m\x00\x00\xd8")
    assert caught.value.code == "encoding"


def test_rows_with_the_wrong_number_of_columns_are_listed_not_dropped(held):
    webinar, _amina = held
    raw = b"Email,Name,Minutes\namina@example.org,Amina,55\nextra@example.org,Extra,55,oops\n"
    result = services.record_attendance(webinar=webinar, raw=raw)
    assert result.matched == 1
    assert [(row.line, row.email) for row in result.bad] == [(3, "extra@example.org")]


def test_staff_see_why_a_malformed_report_was_refused(client, held):
    webinar, _amina = held
    client.force_login(StaffFactory())
    url = reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": webinar.pk})
    report = SimpleUploadedFile("report.csv", b"amina@example.org,Amina\n", "text/csv")
    response = client.post(url, {"attendance-report": report})
    assert response.status_code == 400
    assert "column headings" in response.content.decode()


# Too large a report is cut off while it streams in ----------------------------------------------


class _Request:
    upload_handlers = ()


def test_the_streaming_guard_keeps_no_more_of_an_attendance_report_than_its_limit():
    """Fed 50 MB in the parser's 64 KB chunks, the guard passes on at most 5 MB and then keeps nothing."""
    guard = MaterialUploadHandler(_Request())
    guard.handle_raw_input(None, {}, None, b"boundary")
    guard.new_file("attendance-report", "huge.csv", "text/csv", None)
    chunk = b"email,name\n" + b"x" * (64 * 1024 - 11)
    passed_on = 0
    for start in range(0, 50 * MB, len(chunk)):
        kept = guard.receive_data_chunk(chunk, start)
        passed_on += len(kept) if kept is not None else 0

    result = guard.file_complete(50 * MB)

    assert passed_on <= MAX_REPORT_BYTES
    assert isinstance(result, RefusedUpload)
    assert result.size > MAX_REPORT_BYTES


def test_the_guard_and_the_form_state_the_same_limit():
    assert limit_mb(FIELD_KINDS["attendance-report"]) * MB == MAX_REPORT_BYTES


def test_too_large_an_attendance_report_is_refused_while_it_streams_in(client, held, settings, tmp_path, monkeypatch):
    webinar, amina = held
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    client.force_login(StaffFactory())
    seen = []
    original_clean = AttendanceUploadForm.clean_report
    monkeypatch.setattr(
        AttendanceUploadForm,
        "clean_report",
        lambda form: seen.append(form.cleaned_data["report"]) or original_clean(form),
    )
    url = reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": webinar.pk})
    too_large = b"email,name\n" + b"amina@example.org,Amina\n" * (6 * MB // 24)

    response = client.post(url, {"attendance-report": SimpleUploadedFile("report.csv", too_large, "text/csv")})

    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()
    assert [type(report) for report in seen] == [RefusedUpload]  # the form never had the file's 6 MB
    assert os.listdir(tmp_path) == []
    amina.refresh_from_db()
    assert amina.has_attended is False


# Counts by country, region and type -------------------------------------------------------------


def test_a_country_region_is_its_member_state_rows_region():
    africa, arab = RegionFactory(code="africa"), RegionFactory(code="arab")
    MemberStateFactory(code="KE", region=africa)
    MemberStateFactory(code="EG", region=arab)  # counted once, in the Arab region
    MemberStateFactory(code="PS", region=None)
    assert region_ids(["ke", "EG", "PS", "XK"]) == {"KE": africa.pk, "EG": arab.pk}


def test_attendance_is_counted_by_region_with_unknown_regions_kept():
    webinar = HeldWebinarFactory()
    africa = RegionFactory(code="africa", name="Africa", order=1)
    arab = RegionFactory(code="arab", name="Arab region", order=2)
    MemberStateFactory(code="KE", region=africa)
    MemberStateFactory(code="SN", region=africa)
    MemberStateFactory(code="EG", region=arab)
    ip_office = Registration.ParticipantType.IP_OFFICE
    academia = Registration.ParticipantType.ACADEMIA
    attended(
        webinar,
        ("a@example.org", "KE", ip_office),
        ("b@example.org", "SN", academia),
        ("c@example.org", "EG", ip_office),
        ("d@example.org", "BR", ip_office),  # Latin America: no such Region row here
        ("e@example.org", "XK", ip_office),  # not in the map
    )
    RegistrationFactory(webinar=webinar, email="absent@example.org", country="KE")  # did not attend
    breakdown = services.attendance_breakdown(webinar=webinar)
    assert breakdown["by_region"] == [
        {"region": "Africa", "count": 2},
        {"region": "Other or unknown region", "count": 2},
        {"region": "Arab region", "count": 1},
    ]
    assert sum(row["count"] for row in breakdown["by_country"]) == 5
    assert breakdown["by_type"][0] == {"participant_type": "Intellectual property office", "count": 4}


def test_the_webinars_admin_page_shows_registrations_and_attendance_by_region(client):
    webinar = HeldWebinarFactory()
    MemberStateFactory(code="BR", region=RegionFactory(code="lac", name="Latin America and the Caribbean"))
    attended(webinar, ("a@example.org", "BR", Registration.ParticipantType.GOVERNMENT))
    RegistrationFactory(webinar=webinar, state=Registration.State.WAITLISTED)
    client.force_login(StaffFactory())
    response = client.get(reverse("admin:webinars_webinar_change", args=[webinar.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="attendance-by-region"' in html
    assert "Latin America and the Caribbean" in html
    assert "Government" in html
    assert "1 person registered" in html
    assert "1 person on the waiting list" in html
    assert "0 cancellations" in html
    assert reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": webinar.pk}) in html
