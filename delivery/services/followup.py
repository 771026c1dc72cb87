"""Following up a held webinar: materials, summary, answers, "materials available".

The strategy: "after the webinar, the video recording, the slides and a short summary will
be made available on the webinars' web page", with "answers to questions left open for
lack of time"; feedback is collected. Where each webinar's follow-up stands (its checklist,
the overdue ones) is read in ``delivery.selectors.followup``.

Every change here is a save of a watched row (webinars.page_cache), so the public pages
show it at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from delivery.selectors.followup import materials_audience
from delivery.services import survey
from delivery.uploads import check_material_file
from outbox.addresses import absolute_url
from outbox.models import Notice
from outbox.services import queue_notice
from participants.services.network import preferences_url, unsubscribe_url
from portal.permissions import require_permission
from webinars.models import AnsweredQuestion, Language, Material, Webinar
from webinars.selectors import LANGUAGE_CODES

# Changes ---------------------------------------------------------------------------------


RECORD_PERMISSION = "webinars.record_followup"


def check_followup_open(webinar: Webinar) -> None:
    if webinar.status != Webinar.Status.HELD:
        raise ValidationError(_("Follow-up starts once the webinar has been held."), code="not_held")


def _held(webinar: Webinar) -> Webinar:
    webinar = Webinar.objects.select_for_update().get(pk=webinar.pk)
    check_followup_open(webinar)
    return webinar


def check_material(*, webinar: Webinar, kind: str, url: str, has_file: bool, upload: UploadedFile | None) -> None:
    """The rules every material follows, from the follow-up screen or the admin: a held
    webinar; a link or a file, not both; a file coming in passes the content and size checks
    (``upload``; a file already stored passed them when it came in)."""
    check_followup_open(webinar)
    if not url and not has_file:
        raise ValidationError(_("Give a link or upload a file."), code="link_or_file")
    if url and has_file:
        raise ValidationError(_("Give a link or upload a file, not both."), code="link_or_file")
    if upload is not None:
        check_material_file(upload, kind=kind)


def _incoming_file(material: Material) -> UploadedFile | None:
    """The file just given to the material, not yet stored (None for a stored file or none)."""
    field_file = material.file
    return field_file.file if field_file and not field_file._committed else None


@transaction.atomic
def record_material(*, material: Material, actor) -> Material:
    """Save a new or changed material (kind, titles, link or file, language) under the rules.

    Whether it shows on the public page is not changed here: a new material starts
    unpublished, a changed one keeps its publication; ``publish_material`` and
    ``withdraw_material`` change it. Nothing is half-saved: a file that fails its checks
    is never stored, and if the row cannot be written the stored file is removed again.
    """
    require_permission(actor, RECORD_PERMISSION)
    webinar = _held(material.webinar)
    upload = _incoming_file(material)
    check_material(webinar=webinar, kind=material.kind, url=material.url, has_file=bool(material.file), upload=upload)
    stored = Material.objects.select_for_update().filter(pk=material.pk).first() if material.pk else None
    material.is_published = stored.is_published if stored else False
    material.published_at = stored.published_at if stored else None
    material.full_clean(exclude=["file"])
    try:
        material.save()
    except Exception:
        if upload is not None and material.file.name:
            material.file.storage.delete(material.file.name)
        raise
    return material


@transaction.atomic
def add_material(
    *,
    webinar: Webinar,
    actor,
    kind: str,
    title: str,
    url: str = "",
    file=None,
    language: Language | None = None,
    publish: bool = False,
) -> Material:
    """Add a recording or slides, from a link or a checked file; published at once if asked."""
    material = Material(webinar=webinar, kind=kind, title=title.strip(), url=url, language=language)
    if file:
        material.file = file
    material = record_material(material=material, actor=actor)
    if publish:
        material = publish_material(material=material, actor=actor)
    return material


@transaction.atomic
def publish_material(*, material: Material, actor) -> Material:
    """Show a material on the public page; publishing dates it (the feed of new materials uses the date)."""
    require_permission(actor, RECORD_PERMISSION)
    webinar = _held(material.webinar)
    material = Material.objects.select_for_update().get(pk=material.pk)
    if not material.is_published:
        material.is_published = True
        material.published_at = timezone.now()
        material.save(update_fields=["is_published", "published_at"])
        if material.kind == Material.Kind.RECORDING:  # registrants who did not attend are told
            survey.recording_published(webinar=webinar)
    return material


@transaction.atomic
def withdraw_material(*, material: Material, actor) -> Material:
    """Take a material off the public page (a wrong file, say); it stays here to publish again."""
    require_permission(actor, RECORD_PERMISSION)
    material = Material.objects.select_for_update().get(pk=material.pk)
    if material.is_published:
        material.is_published = False
        material.published_at = None
        material.save(update_fields=["is_published", "published_at"])
    return material


@transaction.atomic
def save_summary(*, webinar: Webinar, actor, summaries: dict[str, str]) -> Webinar:
    """Write the short summary in the languages given; plain text, shown on the public page at once."""
    require_permission(actor, RECORD_PERMISSION)
    webinar = _held(webinar)
    columns = []
    for code, text in summaries.items():
        if code not in LANGUAGE_CODES:
            raise ValidationError(_("Unknown language: %(code)s.") % {"code": code})
        column = build_localized_fieldname("summary", code)
        setattr(webinar, column, (text or "").strip())
        columns.append(column)
    webinar.save(update_fields=[*columns, "updated_at"])
    return webinar


@transaction.atomic
def add_answered_question(
    *, webinar: Webinar, actor, language: str, question: str, answer: str, publish: bool = True
) -> AnsweredQuestion:
    """Publish the answer to a question left open, written in one language (others follow in the admin)."""
    require_permission(actor, RECORD_PERMISSION)
    webinar = _held(webinar)
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Unknown language: %(code)s.") % {"code": language})
    question, answer = question.strip(), answer.strip()
    if not question or not answer:
        raise ValidationError(_("Give both the question and its answer."))
    last = webinar.answered_questions.order_by("-order").values_list("order", flat=True).first() or 0
    item = AnsweredQuestion(
        webinar=webinar,
        order=last + 1,
        is_published=publish,
        **{
            build_localized_fieldname("question", language): question,
            build_localized_fieldname("answer", language): answer,
        },
    )
    item.save()
    return item


@transaction.atomic
def set_no_open_questions(*, webinar: Webinar, actor, value: bool) -> Webinar:
    """Record that no question was left open (so the checklist's "answers" item is done), or undo it."""
    require_permission(actor, RECORD_PERMISSION)
    webinar = _held(webinar)
    webinar.has_no_open_questions = value
    webinar.save(update_fields=["has_no_open_questions", "updated_at"])
    return webinar


# "Materials available" -------------------------------------------------------------------


@dataclass(frozen=True)
class Announcement:
    """What announcing did: people newly told, and how many had been told already."""

    queued: int
    already: int


# delivery.selectors.followup.has_been_announced looks for this key's "materials:<pk>:" prefix.
def _key(webinar: Webinar, email: str) -> str:
    return f"materials:{webinar.pk}:{email}"


@transaction.atomic
def announce_materials(*, webinar: Webinar, actor) -> Announcement:
    """Tell the webinar's audience that its materials are on its page: one message per person, ever.

    The Secretariat presses the button once the materials it means to publish are out
    (slides often come days before the recording): announcing on the first publication
    would tell people about half of them, and nobody is written to twice about the same
    webinar. The key names the webinar and the address, so announcing again, or at the
    same moment from two screens, queues nothing more.
    """
    require_permission(actor, RECORD_PERMISSION)
    webinar = _held(webinar)
    materials = list(webinar.materials.filter(is_published=True).order_by("kind", "pk"))
    if not materials:
        raise ValidationError(
            _("Publish the recording or the slides first: there is nothing to announce yet."), code="nothing"
        )
    audience = materials_audience(webinar)
    keys = {r.email: _key(webinar, r.email) for r in audience}
    existing = set(Notice.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    queued = 0
    has_answers = webinar.answered_questions.filter(is_published=True).exists()
    for recipient in audience:
        if keys[recipient.email] in existing:
            continue
        with translation.override(recipient.language):
            context = {
                "title": str(webinar.title),
                "held_on": date_format(localtime(webinar.starts_at), "DATE_FORMAT") if webinar.starts_at else "",
                "page_url": absolute_url(reverse("webinars:webinar_detail", args=[webinar.slug])),
                "materials": [
                    {"kind": str(material.get_kind_display()), "title": str(material.title)} for material in materials
                ],
                "has_summary": bool(getattr(webinar, build_localized_fieldname("summary", recipient.language), "")),
                "has_answers": has_answers,
                "is_member": recipient.member is not None,
                "unsubscribe_url": unsubscribe_url(recipient.member) if recipient.member else "",
                "preferences_url": preferences_url(recipient.member) if recipient.member else "",
            }
        queue_notice(
            kind=Notice.Kind.MATERIALS_AVAILABLE,
            to=recipient.email,
            language=recipient.language,
            key=keys[recipient.email],
            context=context,
            about=webinar,
        )
        queued += 1
    return Announcement(queued=queued, already=len(audience) - queued)
