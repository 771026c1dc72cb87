"""Uploaded slides and recordings: checked by content and size, refused while streaming when too large."""

import io
import os
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.files.uploadhandler import StopFutureHandlers, TemporaryFileUploadHandler
from django.forms import modelform_factory
from django.urls import reverse
from pypdf import PdfWriter

from accounts.tests.factories import StaffFactory
from delivery.admin.webinars import MaterialForm
from delivery.forms import followup as followup_forms
from delivery.tests.factories import pdf_bytes
from delivery.uploads import MB, MaterialUploadHandler, RefusedUpload, check_material_file, detect_format
from webinars.models import Material
from webinars.tests.factories import HeldWebinarFactory, MaterialFactory

pytestmark = pytest.mark.django_db

MINIMAL_PDF = pdf_bytes()
HTML_STARTING_LIKE_A_PDF = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"
WINDOWS_EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
)
LINUX_ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM_HEAD = bytes.fromhex("1A45DFA3") + b"\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\x00" * 64
PPT_HEAD = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PPTX = _zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p:presentation/>"})
ODP = _zip({"mimetype": b"application/vnd.oasis.opendocument.presentation", "content.xml": b"<office:document/>"})


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploading")
    os.makedirs(settings.FILE_UPLOAD_TEMP_DIR)
    return settings.MEDIA_ROOT


def _stored_files(root) -> list[str]:
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files] if os.path.exists(root) else []


# Content checks ------------------------------------------------------------------------


def test_a_windows_program_renamed_pdf_is_refused_as_a_program():
    with pytest.raises(ValidationError) as error:
        check_material_file(_file("slides.pdf", WINDOWS_EXE), kind="slides")

    assert error.value.code == "executable"
    assert "is a program" in error.value.messages[0]


def test_a_linux_program_renamed_mp4_is_refused_as_a_program():
    with pytest.raises(ValidationError) as error:
        check_material_file(_file("recording.mp4", LINUX_ELF), kind="recording")

    assert error.value.code == "executable"


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("slides.pdf", MINIMAL_PDF, "slides"),
        ("slides.pptx", PPTX, "slides"),
        ("slides.odp", ODP, "slides"),
        ("slides.ppt", PPT_HEAD, "slides"),
        ("recording.mp4", MP4_HEAD, "recording"),
        ("recording.webm", WEBM_HEAD, "recording"),
    ],
)
def test_each_accepted_format_passes_for_its_kind(name, content, kind):
    check_material_file(_file(name, content), kind=kind)  # no error


def test_a_video_is_refused_as_slides():
    with pytest.raises(ValidationError) as error:
        check_material_file(_file("talk.mp4", MP4_HEAD), kind="slides")

    assert error.value.code == "wrong_kind"
    assert "Slides must be a document" in error.value.messages[0]


def test_a_pdf_is_refused_as_a_recording():
    with pytest.raises(ValidationError) as error:
        check_material_file(_file("recording.pdf", MINIMAL_PDF), kind="recording")

    assert error.value.code == "wrong_kind"


def test_a_plain_zip_renamed_pptx_is_not_taken_for_a_presentation():
    with pytest.raises(ValidationError) as error:
        check_material_file(_file("slides.pptx", _zip({"notes.txt": b"hello"})), kind="slides")

    assert error.value.code == "unknown_format"


def test_content_that_disagrees_with_the_name_is_refused():
    with pytest.raises(ValidationError) as error:
        check_material_file(_file("slides.pptx", MINIMAL_PDF), kind="slides")

    assert error.value.code == "name_mismatch"


def test_text_renamed_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        check_material_file(_file("slides.pdf", b"just some text, not a PDF"), kind="slides")

    assert error.value.code == "unknown_format"


@pytest.mark.parametrize(
    "content",
    [
        HTML_STARTING_LIKE_A_PDF,
        b"<!DOCTYPE html>\n<!-- %PDF-1.7 -->\n<html><script>alert(1)</script></html>",
        pdf_bytes()[:-200],  # cut short: no cross-reference table, no end
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    ],
    ids=["html", "html-with-a-pdf-comment", "truncated", "no-xref"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(content):
    with pytest.raises(ValidationError) as error:
        check_material_file(_file("slides.pdf", content), kind="slides")

    assert error.value.code == "unreadable_pdf"
    assert error.value.messages == [
        "This file starts like a PDF but is not a PDF document a reader can open. It was not uploaded."
    ]


def test_a_pdf_without_pages_is_refused():
    with pytest.raises(ValidationError) as error:
        check_material_file(_file("slides.pdf", pdf_bytes(pages=0)), kind="slides")

    assert error.value.code == "empty_pdf"
    assert error.value.messages == ["This PDF has no pages. It was not uploaded."]


def test_a_pdf_that_needs_a_password_to_open_is_refused():
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes()))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)

    with pytest.raises(ValidationError) as error:
        check_material_file(_file("slides.pdf", buffer.getvalue()), kind="slides")

    assert error.value.code == "protected_pdf"


def test_a_real_pdf_of_several_pages_is_accepted_and_left_at_its_start():
    upload = _file("slides.pdf", pdf_bytes(pages=3))

    check_material_file(upload, kind="slides")  # no error

    assert upload.tell() == 0


def test_a_real_pdf_on_disk_is_checked_without_reading_it_into_memory_whole(settings, monkeypatch):
    """A large upload is a temporary file: the check seeks in it; only the file's end and its objects are read."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(pages=2)))
    writer.add_attachment("recording.bin", os.urandom(4 * MB))  # 4 MB the page count never needs
    buffer = io.BytesIO()
    writer.write(buffer)
    upload = TemporaryUploadedFile("slides.pdf", "application/pdf", buffer.tell(), None)
    upload.write(buffer.getvalue())
    upload.seek(0)
    reads = []
    original_read = upload.file.read
    monkeypatch.setattr(upload.file, "read", lambda size=-1: reads.append(size) or original_read(size))

    check_material_file(upload, kind="slides")  # no error

    assert sum(size for size in reads if size and size > 0) < MB
    assert -1 not in reads and None not in reads


def test_an_html_file_named_pdf_is_refused_on_the_screen_and_leaves_nothing(client, staff, media_root):
    webinar = HeldWebinarFactory()

    response = client.post(
        reverse("delivery:followup_add_material", args=[webinar.slug, "slides"]),
        {"slides-title": "Deck", "slides-file": _file("slides.pdf", HTML_STARTING_LIKE_A_PDF), "slides-publish": "on"},
    )

    assert response.status_code == 400
    assert "not a PDF document a reader can open" in response.content.decode()
    assert not Material.objects.exists()
    assert _stored_files(media_root) == []


def test_slides_over_their_limit_are_refused_with_the_limit_named(settings):
    settings.PORTAL_MAX_SLIDES_MB = 1
    big = _file("slides.pdf", MINIMAL_PDF + b"0" * (MB + 1))

    with pytest.raises(ValidationError) as error:
        check_material_file(big, kind="slides")

    assert error.value.messages == ["This file is larger than 1 MB, the largest allowed for it. It was not uploaded."]


def test_detect_format_reads_only_the_start_of_the_file():
    assert detect_format(_file("x.pdf", MINIMAL_PDF)).code == "pdf"
    assert detect_format(_file("x.bin", b"\x00" * 100)) is None


# The streaming guard -----------------------------------------------------------------------


class FakeRequest:
    def __init__(self):
        self.upload_handlers = []


def _handlers():
    request = FakeRequest()
    guard = MaterialUploadHandler(request)
    disk = TemporaryFileUploadHandler(request)
    request.upload_handlers = [guard, disk]
    return guard, disk


def test_a_2_gb_stream_is_cut_off_at_the_limit_and_nothing_stays_on_disk(settings):
    """Feed the handlers 2 GB the way the parser does (64 KB chunks, no declared length)."""
    settings.PORTAL_MAX_SLIDES_MB = 1
    guard, disk = _handlers()
    guard.handle_raw_input(None, {}, None, b"boundary")
    guard.new_file("slides-file", "huge.pdf", "application/pdf", None)
    disk.new_file("slides-file", "huge.pdf", "application/pdf", None)
    temporary_path = disk.file.temporary_file_path()
    chunk = b"%PDF-" + b"x" * (64 * 1024 - 5)
    written = 0
    for start in range(0, 2 * 1024 * MB, len(chunk)):
        passed_on = guard.receive_data_chunk(chunk, start)
        if passed_on is not None:
            disk.receive_data_chunk(passed_on, start)
            written += len(passed_on)

    result = guard.file_complete(2 * 1024 * MB)

    assert written <= 1 * MB
    assert not os.path.exists(temporary_path)
    assert isinstance(result, RefusedUpload)
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        check_material_file(result, kind="slides")


def test_a_request_declaring_2_gb_keeps_no_file_at_all():
    guard, disk = _handlers()
    guard.handle_raw_input(None, {}, 2 * 1024 * MB, b"boundary")

    with pytest.raises(StopFutureHandlers):
        guard.new_file("recording-file", "huge.mp4", "video/mp4", None)

    assert guard.receive_data_chunk(b"\x00" * 65536, 0) is None
    assert isinstance(guard.file_complete(65536), RefusedUpload)
    assert not hasattr(disk, "file")


def test_a_refused_upload_cannot_be_stored_by_mistake():
    refused = RefusedUpload(name="huge.mp4", received=10, limit=1)

    with pytest.raises(ValueError):
        b"".join(refused.chunks())


def test_a_file_within_the_limit_streams_on_untouched(settings):
    guard, disk = _handlers()
    guard.handle_raw_input(None, {}, len(MINIMAL_PDF) + 500, b"boundary")
    guard.new_file("slides-file", "deck.pdf", "application/pdf", None)
    disk.new_file("slides-file", "deck.pdf", "application/pdf", None)

    disk.receive_data_chunk(guard.receive_data_chunk(MINIMAL_PDF, 0), 0)

    assert guard.file_complete(len(MINIMAL_PDF)) is None  # the disk handler's file is the upload
    uploaded = disk.file_complete(len(MINIMAL_PDF))
    assert isinstance(uploaded, TemporaryUploadedFile)
    assert uploaded.read() == MINIMAL_PDF


# Through the follow-up screen ----------------------------------------------------------------


@pytest.fixture
def staff(client):
    user = StaffFactory()
    client.force_login(user)
    return user


def _multipart(boundary: str, fields: dict, file_field: str, file_name: str, file_head: bytes) -> bytes:
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + file_head
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)


class CountingStream(io.BytesIO):
    """The request body as the server reads it; remembers how much was read."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.read_total = 0

    def read(self, size=-1):
        data = super().read(size)
        self.read_total += len(data)
        return data


def test_a_request_declaring_2_gb_is_refused_with_a_clear_message_and_nothing_saved(
    client, staff, media_root, settings
):
    webinar = HeldWebinarFactory()
    boundary = "portal-test-boundary"
    body = _multipart(boundary, {"recording-title": "Recording"}, "recording-file", "huge.mp4", MP4_HEAD * 100)
    stream = CountingStream(body)

    response = client.generic(
        "POST",
        reverse("delivery:followup_add_material", args=[webinar.slug, "recording"]),
        data=b"x",  # replaced below: the body is our stream, its declared length 2 GB
        content_type=f"multipart/form-data; boundary={boundary}",
        CONTENT_LENGTH=str(2 * 1024 * MB),
        **{"wsgi.input": stream},
    )

    assert response.status_code == 400
    assert "This file is larger than 1024 MB" in response.content.decode()
    assert not Material.objects.exists()
    assert _stored_files(media_root) == []
    assert os.listdir(settings.FILE_UPLOAD_TEMP_DIR) == []
    assert stream.read_total <= len(body)


def test_an_upload_past_the_kind_limit_is_refused_while_streaming(client, staff, media_root, settings, monkeypatch):
    settings.PORTAL_MAX_SLIDES_MB = 1
    webinar = HeldWebinarFactory()
    checked = []
    original = followup_forms.check_material_file
    monkeypatch.setattr(
        followup_forms, "check_material_file", lambda file, **kw: checked.append(file) or original(file, **kw)
    )

    response = client.post(
        reverse("delivery:followup_add_material", args=[webinar.slug, "slides"]),
        {"slides-title": "Deck", "slides-file": _file("deck.pdf", MINIMAL_PDF + b"0" * (3 * MB))},
    )

    assert response.status_code == 400
    assert "This file is larger than 1 MB" in response.content.decode()
    # 3 MB is past Django's in-memory threshold: the part within the limit went to a temporary file,
    # closed and deleted once the limit was passed; the form got a stand-in, never the whole file.
    assert [type(file) for file in checked] == [RefusedUpload]
    assert not Material.objects.exists()
    assert _stored_files(media_root) == []
    assert os.listdir(settings.FILE_UPLOAD_TEMP_DIR) == []


def test_an_exe_renamed_pdf_is_refused_on_the_screen_and_leaves_nothing(client, staff, media_root):
    webinar = HeldWebinarFactory()

    response = client.post(
        reverse("delivery:followup_add_material", args=[webinar.slug, "slides"]),
        {"slides-title": "Deck", "slides-file": _file("slides.pdf", WINDOWS_EXE)},
    )

    assert response.status_code == 400
    assert "is a program" in response.content.decode()
    assert not Material.objects.exists()
    assert _stored_files(media_root) == []


def test_a_minimal_pdf_is_stored_under_a_clean_name(client, staff, media_root):
    webinar = HeldWebinarFactory()

    response = client.post(
        reverse("delivery:followup_add_material", args=[webinar.slug, "slides"]),
        {
            "slides-title": "Deck",
            "slides-file": _file("../../my slides (final).pdf", MINIMAL_PDF),
            "slides-publish": "on",
        },
    )

    assert response.status_code == 302
    material = Material.objects.get()
    assert material.kind == Material.Kind.SLIDES and material.is_published
    assert "/" not in material.file.name.removeprefix("materials/").split("/", 1)[1]
    assert ".." not in material.file.name and " " not in material.file.name
    with material.file.open("rb") as stored:
        assert stored.read() == MINIMAL_PDF


def test_the_admin_material_form_uses_the_same_checks():
    webinar = HeldWebinarFactory()
    form_class = modelform_factory(
        Material, form=MaterialForm, fields=["webinar", "kind", "title", "file", "is_published"]
    )
    form = form_class(
        data={"webinar": webinar.pk, "kind": "slides", "title": "Deck"},
        files={"file": _file("slides.pdf", WINDOWS_EXE)},
    )

    assert not form.is_valid()
    assert "is a program" in form.errors["file"][0]


def test_downloads_are_attachments_that_browsers_do_not_sniff(client):
    material = MaterialFactory(kind="slides", url="", file=SimpleUploadedFile("deck.pdf", MINIMAL_PDF))

    response = client.get(reverse("webinars:material_download", args=[material.pk]))

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
