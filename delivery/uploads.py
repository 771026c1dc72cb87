"""Checks on uploaded slides and recordings: their size and what they really are.

The strategy asks that the slides and the recording of each webinar be published on its
page. What the Secretariat uploads is served to the public, so the portal checks the
content of every file, not only its name: a program renamed "slides.pdf" must never be
handed out as a document. Each kind has its formats (slides: PDF, PPTX, PPT, ODP;
recordings: MP4, WebM), recognised by their first bytes, and a size limit taken from
the settings (PORTAL_MAX_SLIDES_MB, PORTAL_MAX_RECORDING_MB).

Too large a file is refused while it streams in (`MaterialUploadHandler`, first in
FILE_UPLOAD_HANDLERS; it guards the attendance report's 5 MB too): once a file passes its
limit, or the request says it is larger
than any file may be, nothing more of it is kept in memory or on disk; the rest of the
stream is read and thrown away, and the form receives a `RefusedUpload` that the checks
below turn into "This file is larger than N MB".
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.utils.translation import gettext as _

MB = 1024 * 1024
# Enough of a file's start to recognise every format we accept.
HEAD_BYTES = 4096
# Room for the form's other fields in a request that carries a file.
FORM_FIELDS_ALLOWANCE = 1 * MB

SLIDES = "slides"
RECORDING = "recording"
OTHER = "other"
# The attendance report of a webinar (participants' admin): a CSV of one row per participant,
# a few hundred kilobytes. participants.admin.registration.MAX_REPORT_BYTES tells the person
# the same limit (participants come before delivery, so the number is written in both places;
# a test holds them equal).
ATTENDANCE_REPORT = "attendance_report"
ATTENDANCE_REPORT_MB = 5


@dataclass(frozen=True)
class FileFormat:
    code: str
    label: str
    extensions: tuple[str, ...]


PDF = FileFormat("pdf", "PDF", ("pdf",))
PPTX = FileFormat("pptx", "PPTX", ("pptx",))
PPT = FileFormat("ppt", "PPT", ("ppt",))
ODP = FileFormat("odp", "ODP", ("odp",))
MP4 = FileFormat("mp4", "MP4", ("mp4", "m4v"))
WEBM = FileFormat("webm", "WebM", ("webm",))

DOCUMENT_FORMATS = (PDF, PPTX, PPT, ODP)
VIDEO_FORMATS = (MP4, WEBM)
FORMATS_BY_KIND = {SLIDES: DOCUMENT_FORMATS, OTHER: DOCUMENT_FORMATS, RECORDING: VIDEO_FORMATS}

# First bytes of programs: Windows (MZ), Linux (ELF), macOS (Mach-O, fat binaries), scripts.
EXECUTABLE_SIGNATURES = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
EBML_SIGNATURE = bytes.fromhex("1A45DFA3")
ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"


# Limits ------------------------------------------------------------------------------


def limit_mb(kind: str | None) -> int:
    """The largest file allowed for a kind of material, in MB; the largest of all for None."""
    if kind == ATTENDANCE_REPORT:
        return ATTENDANCE_REPORT_MB
    if kind == RECORDING:
        return settings.PORTAL_MAX_RECORDING_MB
    if kind in (SLIDES, OTHER):
        return settings.PORTAL_MAX_SLIDES_MB
    return max(settings.PORTAL_MAX_SLIDES_MB, settings.PORTAL_MAX_RECORDING_MB)


def too_large_message(limit: int) -> str:
    return _("This file is larger than %(limit)s MB, the largest allowed for it. It was not uploaded.") % {
        "limit": limit
    }


# Streaming guard ----------------------------------------------------------------------

# Upload fields whose kind is known from their name (the follow-up screen's forms and the
# attendance upload, by prefix); any other file field gets the largest limit here and its
# own one in the form.
FIELD_KINDS = {"slides-file": SLIDES, "recording-file": RECORDING, "attendance-report": ATTENDANCE_REPORT}


class RefusedUpload(UploadedFile):
    """Stands in the form for a file refused while it streamed in: it has a name, no content.

    Reading it is an error, so a form that forgot the checks cannot store an empty file.
    """

    def __init__(self, *, name: str, received: int, limit: int):
        super().__init__(file=io.BytesIO(), name=name, content_type="application/octet-stream", size=max(received, 1))
        self.limit_mb = limit

    def read(self, *args, **kwargs):
        raise ValueError("A refused upload has no content.")

    def chunks(self, chunk_size=None):
        raise ValueError("A refused upload has no content.")


class MaterialUploadHandler(FileUploadHandler):
    """Counts each uploaded file's bytes and stops keeping them once past the limit.

    It runs before Django's handlers and passes every chunk on to them while the file is
    within its limit. Past it, it closes the file those handlers were filling (a
    temporary file is deleted on close) and drops every further chunk, so memory and
    disk never hold more than the limit; a request whose declared length is already
    beyond any limit keeps nothing at all. The form then receives a `RefusedUpload`.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_length = content_length or 0
        self.largest_allowed = limit_mb(None) * MB + FORM_FIELDS_ALLOWANCE

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.limit = limit_mb(FIELD_KINDS.get(field_name))
        self.received = 0
        self.is_refused = getattr(self, "request_length", 0) > getattr(self, "largest_allowed", float("inf"))
        if self.is_refused:
            raise StopFutureHandlers  # the other handlers open no file for it

    def receive_data_chunk(self, raw_data, start):
        if self.is_refused:
            return None
        self.received += len(raw_data)
        if self.received > self.limit * MB:
            self.is_refused = True
            self._drop_other_handlers_files()
            return None
        return raw_data

    def _drop_other_handlers_files(self) -> None:
        for handler in getattr(self.request, "upload_handlers", ()):
            if handler is not self and getattr(handler, "file", None) is not None:
                handler.file.close()  # a temporary upload file is deleted when closed
                handler.file = io.BytesIO()

    def file_complete(self, file_size):
        if self.is_refused:
            return RefusedUpload(
                name=self.file_name, received=max(self.received, self.request_length), limit=self.limit
            )
        return None  # the next handler's file is the upload


# Content checks -----------------------------------------------------------------------


def _head(file) -> bytes:
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    return head or b""


def _zip_format(file) -> FileFormat | None:
    """PPTX and ODP are zip archives: tell them apart by the entries inside."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and "content.xml" in names:
                with archive.open("mimetype") as entry:
                    if entry.read(len(ODP_MIMETYPE) + 1).strip() == ODP_MIMETYPE:
                        return ODP
            if "[Content_Types].xml" in names and any(name.startswith("ppt/") for name in names):
                return PPTX
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)
    return None


def detect_format(file) -> FileFormat | None:
    """What the file's bytes say it is, among the formats we accept; None for anything else."""
    head = _head(file)
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(file)
    if head.startswith(OLE2_SIGNATURE):
        return PPT
    if head[4:8] == b"ftyp":
        return MP4
    if head.startswith(EBML_SIGNATURE) and b"webm" in head:
        return WEBM
    return None


def is_executable(file) -> bool:
    return _head(file).startswith(EXECUTABLE_SIGNATURES)


def check_pdf_opens(file) -> None:
    """Refuse a "PDF" that a reader cannot open, that needs a password, or that has no pages.

    ``%PDF-`` near the start is only a claim: an HTML page starting with it was once
    published as slides. pypdf reads the file as a PDF reader does, seeking in it (a large
    upload is a temporary file on disk): the trailer at the end, the cross-reference table,
    the page tree; the pages' content is never read. Only a damaged cross-reference table
    makes it read the whole file once, to rebuild it, which the size limit bounds.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    unreadable = ValidationError(
        _("This file starts like a PDF but is not a PDF document a reader can open. It was not uploaded."),
        code="unreadable_pdf",
    )
    protected = ValidationError(
        _("This PDF needs a password to open. Upload it without protection, so everyone can read it."),
        code="protected_pdf",
    )
    try:
        file.seek(0)
        reader = PdfReader(file)
        pages = len(reader.pages)
    except (FileNotDecryptedError, DependencyError):  # no password given; AES needs a library we do not load
        raise protected from None
    except Exception:  # whatever a damaged or forged file makes the parser raise, it is not a PDF
        raise unreadable from None
    finally:
        file.seek(0)
    if pages == 0:
        raise ValidationError(_("This PDF has no pages. It was not uploaded."), code="empty_pdf")


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _names(formats) -> str:
    return ", ".join(f.label for f in formats)


def check_material_file(file, *, kind: str) -> None:
    """Refuse a file too large for its kind, a program, or content that is not what the kind takes.

    The name must agree with the content too: the download carries the stored name, and
    a PPTX served as ".pdf" would not open.
    """
    if isinstance(file, RefusedUpload):
        raise ValidationError(too_large_message(min(file.limit_mb, limit_mb(kind))), code="too_large")
    limit = limit_mb(kind)
    if file.size is not None and file.size > limit * MB:
        raise ValidationError(too_large_message(limit), code="too_large")
    if not file.size:
        raise ValidationError(_("This file is empty."), code="empty")
    if is_executable(file):
        raise ValidationError(
            _("This file is a program, not a document or a video, whatever its name says. It was not uploaded."),
            code="executable",
        )
    allowed = FORMATS_BY_KIND.get(kind, DOCUMENT_FORMATS)
    found = detect_format(file)
    if found is None:
        raise ValidationError(
            _("This file's content is not one of the formats accepted here (%(formats)s).")
            % {"formats": _names(allowed)},
            code="unknown_format",
        )
    if found not in allowed:
        if kind == RECORDING:
            message = _("A recording must be a video (%(formats)s); this file is a %(found)s document.")
        else:
            message = _("Slides must be a document (%(formats)s); this file is a %(found)s video.")
        raise ValidationError(message % {"formats": _names(allowed), "found": found.label}, code="wrong_kind")
    extension = _extension(file.name or "")
    if extension not in found.extensions:
        raise ValidationError(
            _("The file's name ends in “.%(extension)s” but its content is %(found)s. Rename it to “.%(right)s”.")
            % {"extension": extension, "found": found.label, "right": found.extensions[0]},
            code="name_mismatch",
        )
    if found == PDF:
        check_pdf_opens(file)
