"""Where a held webinar's follow-up stands (the checklist, the overdue ones) and who hears of its materials.

The Secretariat works through a checklist per held webinar (recording, slides, summary,
answers, survey sent, report figures, languages delivered); a webinar whose list is still incomplete some days
after it was held (PORTAL_FOLLOWUP_OVERDUE_DAYS) is flagged, on the follow-up list and on
the Secretariat's dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import build_localized_fieldname

from delivery.models import DeliveredLanguage
from delivery.selectors.survey import survey_progress
from outbox.addresses import message_language
from outbox.models import Notice
from participants.models import NetworkMember, Registration
from webinars.models import AnsweredQuestion, Material, Webinar
from webinars.selectors import LANGUAGE_CODES

# The checklist ---------------------------------------------------------------------------

CHECKLIST_LABELS = {
    "recording": gettext_lazy("Recording published"),
    "slides": gettext_lazy("Slides published"),
    "summary": gettext_lazy("Summary written in the webinar's languages"),
    "answers": gettext_lazy("Answers to questions left open published (or none left open)"),
    "survey_sent": gettext_lazy("Feedback survey sent"),
    "report_figures": gettext_lazy("Attendance entered for the report"),
    "languages_delivered": gettext_lazy("Languages delivered recorded"),
}


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    is_done: bool
    detail: str = ""


@dataclass
class FollowUp:
    """A held webinar and where its follow-up stands.

    `done` and `missing` are lists of (key, label); `is_overdue` is true when items are
    missing and the webinar was held more than PORTAL_FOLLOWUP_OVERDUE_DAYS days ago.
    """

    webinar: Webinar
    items: list[ChecklistItem]
    is_overdue: bool = False
    done: list[tuple[str, str]] = field(init=False)
    missing: list[tuple[str, str]] = field(init=False)

    def __post_init__(self):
        self.done = [(item.key, item.label) for item in self.items if item.is_done]
        self.missing = [(item.key, item.label) for item in self.items if not item.is_done]

    @property
    def is_complete(self) -> bool:
        return not self.missing


def with_followup_facts(queryset: QuerySet[Webinar]) -> QuerySet[Webinar]:
    """Annotate each webinar with what its checklist needs: one query, plus one for languages."""
    published = Material.objects.filter(webinar=OuterRef("pk"), is_published=True)
    survey_notices = Notice.objects.filter(
        kind=Notice.Kind.FEEDBACK_SURVEY,
        about_type=ContentType.objects.get_for_model(Webinar),
        about_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return (
        queryset.select_related("topic")
        .prefetch_related("languages")
        .annotate(
            has_published_recording=Exists(published.filter(kind=Material.Kind.RECORDING)),
            has_published_slides=Exists(published.filter(kind=Material.Kind.SLIDES)),
            has_published_answers=Exists(AnsweredQuestion.objects.filter(webinar=OuterRef("pk"), is_published=True)),
            has_survey_notice=Exists(survey_notices),
            has_delivered_languages=Exists(DeliveredLanguage.objects.filter(webinar=OuterRef("pk"))),
        )
    )


def summary_languages(webinar: Webinar) -> list[str]:
    """The portal languages the summary must be written in: the webinar's own, or English."""
    codes = [language.code for language in webinar.languages.all() if language.code in LANGUAGE_CODES]
    return codes or [settings.MODELTRANSLATION_DEFAULT_LANGUAGE]


def missing_summary_languages(webinar: Webinar) -> list[str]:
    return [
        code
        for code in summary_languages(webinar)
        if not (getattr(webinar, build_localized_fieldname("summary", code), "") or "").strip()
    ]


def _language_names(codes: list[str]) -> str:
    names = dict(settings.LANGUAGES)
    return ", ".join(str(names.get(code, code)) for code in codes)


def _items(webinar: Webinar) -> list[ChecklistItem]:
    missing_summaries = missing_summary_languages(webinar)
    facts = {
        "recording": (webinar.has_published_recording, ""),
        "slides": (webinar.has_published_slides, ""),
        "summary": (
            not missing_summaries,
            _("Missing in: %(languages)s") % {"languages": _language_names(missing_summaries)}
            if missing_summaries
            else "",
        ),
        "answers": (
            webinar.has_published_answers or webinar.has_no_open_questions,
            _("No questions were left open") if webinar.has_no_open_questions else "",
        ),
        "survey_sent": (webinar.has_survey_notice, survey_progress(webinar, now=timezone.now())),
        "report_figures": (webinar.attendance_count > 0, ""),
        "languages_delivered": (webinar.has_delivered_languages, ""),
    }
    return [
        ChecklistItem(key=key, label=str(CHECKLIST_LABELS[key]), is_done=is_done, detail=detail)
        for key, (is_done, detail) in facts.items()
    ]


def _overdue_before(now=None):
    return (now or timezone.now()) - timedelta(days=settings.PORTAL_FOLLOWUP_OVERDUE_DAYS)


def _followup(webinar: Webinar, *, overdue_before) -> FollowUp:
    items = _items(webinar)
    is_late = webinar.starts_at is not None and webinar.starts_at < overdue_before
    return FollowUp(webinar=webinar, items=items, is_overdue=is_late and not all(i.is_done for i in items))


def followup_of(webinar: Webinar, *, now=None) -> FollowUp:
    annotated = with_followup_facts(Webinar.objects.filter(pk=webinar.pk)).get()
    return _followup(annotated, overdue_before=_overdue_before(now))


def followup_overview(*, now=None) -> list[FollowUp]:
    """Every held webinar with its checklist: overdue ones first (oldest first), then the latest held."""
    overdue_before = _overdue_before(now)
    followups = [
        _followup(webinar, overdue_before=overdue_before)
        for webinar in with_followup_facts(Webinar.objects.held()).order_by("-starts_at", "pk")
    ]
    overdue = sorted((f for f in followups if f.is_overdue), key=lambda f: f.webinar.starts_at)
    return overdue + [f for f in followups if not f.is_overdue]


def overdue_followups(*, now=None) -> list[FollowUp]:
    """Held webinars older than PORTAL_FOLLOWUP_OVERDUE_DAYS with items missing, oldest first.

    Two queries whatever the number of webinars (the facts are annotated, the languages
    prefetched). The Secretariat's dashboard shows them.
    """
    overdue_before = _overdue_before(now)
    webinars = with_followup_facts(Webinar.objects.held().filter(starts_at__lt=overdue_before)).order_by(
        "starts_at", "pk"
    )
    followups = [_followup(webinar, overdue_before=overdue_before) for webinar in webinars]
    return [f for f in followups if f.is_overdue]


# "Materials available" -------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    member: NetworkMember | None = None


def materials_audience(webinar: Webinar) -> list[Recipient]:
    """Who hears that a webinar's materials are out, one entry per address.

    The webinar's registrants who had a place or attended, and confirmed members of the
    participants' network interested in its scope area or one of its regions. Someone who
    left the network is not written to, even as a registrant: leaving means no more mail.
    A registrant who is also a member is written to as a member (with the unsubscribe link,
    in the language chosen for the network).
    """
    interest = Q(regions__in=webinar.regions.all())
    if webinar.topic.scope_area_id:
        interest |= Q(scope_areas=webinar.topic.scope_area_id)
    members = (
        NetworkMember.objects.filter(interest, state=NetworkMember.State.CONFIRMED)
        .distinct()
        .only("pk", "email", "language")
        .order_by("email")
    )
    people: dict[str, Recipient] = {
        member.email: Recipient(email=member.email, language=message_language(member.language), member=member)
        for member in members
    }
    registrants = (
        Registration.objects.filter(webinar=webinar)
        .filter(Q(state=Registration.State.REGISTERED) | Q(has_attended=True))
        .order_by("created_at")
        .values_list("email", "language")
    )
    registrant_people = {}
    for email, language in registrants:
        if email not in people:
            registrant_people.setdefault(email, Recipient(email=email, language=message_language(language)))
    if registrant_people:
        left = set(
            NetworkMember.objects.filter(
                state=NetworkMember.State.UNSUBSCRIBED, email__in=list(registrant_people)
            ).values_list("email", flat=True)
        )
        people.update({email: r for email, r in registrant_people.items() if email not in left})
    return list(people.values())


def has_been_announced(webinar: Webinar) -> bool:
    return Notice.objects.filter(key__startswith=f"materials:{webinar.pk}:").exists()
