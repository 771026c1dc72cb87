"""The feedback survey after a webinar: signed links, sending, answering.

The strategy: after the webinar "feedback is collected" from the participants and from
the expert, and topic suggestions become candidates for the next consultation cycle
(``proposals.cycle`` reads ``Feedback.topic_suggestion`` with its ``source``).

One answer per person: the link carries the webinar, a keyed digest of the address it
was sent to and whether that person took part or gave the talk. The digest is stored
with the answer under a unique constraint, so the same link (or a second link for the
same address) never makes a second answer. The address itself is never in the link
nor stored with the answer.

The survey goes by itself: ``send_due_surveys`` (the hourly task ``delivery.tasks``) sends it
after a webinar is marked held, to its experts and its participants from the attendance record,
each in their language, with one reminder to who has not answered, and tells the registrants
who did not attend that the recording is available instead; when is read in
``delivery.selectors.survey``. The Secretariat may still add people by hand (the admin action):
the same keys, so nobody gets anything twice. Suggested topics are shown on the webinar's
public page once the Secretariat publishes them (``review_suggestion``).
"""

import dataclasses
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from delivery.selectors import survey as survey_selectors
from delivery.selectors.survey import RATING_FIELDS, SurveyStage
from outbox.addresses import absolute_url, message_language, normalise_email
from outbox.models import Notice
from outbox.services import queue_notice
from portal import signing
from portal.permissions import require_permission
from portal.signing import InvalidLink
from webinars.models import Expert, Feedback, SuggestionReview, Webinar

SURVEY_SALT = signing.SURVEY_ANSWER.salt
# Keys the respondent digest stored with every answer: it may never change.
RESPONDENT_SALT = "webinars.survey.respondent"
ANSWER_FIELDS = (*RATING_FIELDS, "useful", "to_improve", "topic_suggestion")


def respondent_digest(email: str) -> str:
    """A keyed digest of the address: one answer per address without storing it."""
    return salted_hmac(RESPONDENT_SALT, normalise_email(email)).hexdigest()[:40]


# Signed links -------------------------------------------------------------------------


class AlreadyAnswered(Exception):
    """The person this link was sent to has answered already; nothing was changed."""


@dataclass(frozen=True)
class SurveyInvitation:
    """Who a valid link is for: the webinar, the person's digest, and as participant or expert."""

    webinar: Webinar
    respondent: str
    source: str
    expert: Expert | None = None

    def has_answered(self) -> bool:
        return Feedback.objects.filter(webinar=self.webinar, respondent=self.respondent).exists()


def make_survey_token(*, webinar: Webinar, email: str, source: str) -> str:
    return signing.sign(signing.SURVEY_ANSWER, {"w": webinar.pk, "r": respondent_digest(email), "s": source})


def invitation_from_token(token: str) -> SurveyInvitation:
    """The invitation a link stands for; ``InvalidLink`` for anything we did not sign, an
    expired link, or a webinar (or expert) the link no longer applies to.

    One answer per link: whether it was used is ``has_answered``, read by the caller (the
    page then says the answer is in, rather than refusing the link).
    """
    payload = signing.read(signing.SURVEY_ANSWER, token)
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("w"), int)
        or not isinstance(payload.get("r"), str)
        or payload.get("s") not in Feedback.Source.values
    ):
        raise InvalidLink(purpose=signing.SURVEY_ANSWER)
    webinar = Webinar.objects.filter(pk=payload["w"], status=Webinar.Status.HELD).first()
    if webinar is None:
        raise InvalidLink.stale(signing.SURVEY_ANSWER)
    expert = None
    if payload["s"] == Feedback.Source.EXPERT:
        expert = next((e for e in webinar.experts.all() if respondent_digest(e.email) == payload["r"]), None)
        if expert is None:  # no longer one of the webinar's experts
            raise InvalidLink.stale(signing.SURVEY_ANSWER)
    return SurveyInvitation(webinar=webinar, respondent=payload["r"], source=payload["s"], expert=expert)


def survey_url(*, webinar: Webinar, email: str, source: str, language: str) -> str:
    with translation.override(language):
        path = reverse(
            "delivery:survey_answer", kwargs={"token": make_survey_token(webinar=webinar, email=email, source=source)}
        )
    return absolute_url(path)


# Sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveySending:
    """What a sending did: addresses newly sent the survey, and those that had it already."""

    sent: tuple[str, ...]
    already_sent: tuple[str, ...]


@transaction.atomic
def send_feedback_survey(*, webinar: Webinar, actor, recipients: Iterable[tuple[str, str, str]]) -> SurveySending:
    """Send each person a survey link for a held webinar, through the outbox.

    One message per person and webinar: the outbox key names the webinar and the
    address's digest, so sending again (or to a list that overlaps) sends nothing twice.
    Nothing at all is sent if the webinar is not held or an address is not one.
    """
    require_permission(actor, "webinars.send_survey")
    webinar = Webinar.objects.select_for_update().get(pk=webinar.pk)
    if webinar.status != Webinar.Status.HELD:
        raise ValidationError(_("The feedback survey is sent only after the webinar has been held."))
    people: dict[str, tuple[str, str, str]] = {}
    bad = []
    for email, language, source in recipients:
        try:
            validate_email(email)
        except ValidationError:
            bad.append(email)
            continue
        if source not in Feedback.Source.values:
            raise ValidationError(_("Unknown kind of respondent: %(source)s.") % {"source": source})
        people.setdefault(normalise_email(email), (email.strip(), message_language(language), source))
    if bad:
        raise ValidationError(
            _("These are not e-mail addresses: %(addresses)s. Nothing was sent.") % {"addresses": ", ".join(bad)}
        )
    if not people:
        raise ValidationError(_("Nobody to send the survey to."))
    keys = {address: survey_key(webinar, address) for address in people}
    existing = set(Notice.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    sent, already = [], []
    for address, (email, language, source) in people.items():
        if keys[address] in existing:
            already.append(email)
            continue
        _queue_survey(webinar=webinar, email=email, language=language, source=source)
        sent.append(email)
    return SurveySending(sent=tuple(sent), already_sent=tuple(already))


# One key per person and webinar for each message of the survey: nothing goes twice, whoever
# sends it (the Secretariat by hand, the hourly task, both at once).
def survey_key(webinar: Webinar, email: str) -> str:
    return f"feedback-survey:{webinar.pk}:{respondent_digest(email)}"


def reminder_key(webinar: Webinar, email: str) -> str:
    return f"survey-reminder:{webinar.pk}:{respondent_digest(email)}"


def recording_key(webinar: Webinar, email: str) -> str:
    return f"recording-available:{webinar.pk}:{respondent_digest(email)}"


def _notices_about(webinar: Webinar, kind: str):
    """The outbox rows of one kind about the webinar (through the outbox's index on ``about``)."""
    return Notice.objects.filter(
        about_type=ContentType.objects.get_for_model(Webinar), about_id=str(webinar.pk), kind=kind
    )


def _digests_of(webinar: Webinar, *kinds: str) -> set[str]:
    """The respondent digests (the end of each key) of the webinar's messages of these kinds."""
    return {
        key.rsplit(":", 1)[1] for kind in kinds for key in _notices_about(webinar, kind).values_list("key", flat=True)
    }


def _held_on(webinar: Webinar) -> str:
    return date_format(localtime(webinar.starts_at), "DATE_FORMAT") if webinar.starts_at else ""


def _survey_context(*, webinar: Webinar, email: str, language: str, source: str) -> dict:
    with translation.override(language):
        return {
            "title": str(webinar.title),
            "held_on": _held_on(webinar),
            "is_expert": source == Feedback.Source.EXPERT,
            "survey_url": survey_url(webinar=webinar, email=email, source=source, language=language),
            "max_age_days": max(1, signing.SURVEY_ANSWER.lifetime().days),
        }


def _queue_survey(*, webinar: Webinar, email: str, language: str, source: str) -> None:
    queue_notice(
        kind=Notice.Kind.FEEDBACK_SURVEY,
        to=email,
        language=language,
        key=survey_key(webinar, email),
        context=_survey_context(webinar=webinar, email=email, language=language, source=source),
        about=webinar,
    )


# Sending by itself ---------------------------------------------------------------------


@dataclass
class SurveyRun:
    """What a run of the survey's schedule queued, and the webinars still waiting for attendance."""

    surveys: int = 0
    reminders: int = 0
    recordings: int = 0
    waiting_for_attendance: list[int] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def send_due_surveys(*, now: datetime | None = None) -> SurveyRun:
    """Queue whatever the survey's schedule says is due now, for every webinar concerned.

    Each webinar is locked and handled in its own transaction, and every message has a key
    per person and webinar: running twice, or twice at once, queues nothing twice.
    """
    now = now or timezone.now()
    run = SurveyRun()
    for webinar_id in list(survey_selectors.webinars_to_survey(now=now).values_list("pk", flat=True)):
        _advance_webinar(webinar_id, now=now, run=run)
    return run


@transaction.atomic
def _advance_webinar(webinar_id: int, *, now: datetime, run: SurveyRun) -> None:
    webinar = Webinar.objects.select_for_update().filter(pk=webinar_id, status=Webinar.Status.HELD).first()
    if webinar is None:  # cancelled or changed since the list was read
        return
    stage = survey_selectors.survey_stage(webinar, now=now)
    if stage not in (SurveyStage.WAITING_FOR_ATTENDANCE, SurveyStage.DUE):
        return
    people = survey_selectors.expert_recipients(webinar)
    if stage == SurveyStage.DUE:
        people += survey_selectors.participant_recipients(webinar)
    else:
        run.waiting_for_attendance.append(webinar.pk)
    run.surveys += _send_surveys(webinar, people)
    if stage == SurveyStage.DUE:
        run.recordings += _tell_recording_available(webinar)
    run.reminders += _send_reminders(webinar, now=now)


def _send_surveys(webinar: Webinar, people: list[tuple[str, str, str]]) -> int:
    """The survey to each person once; never to someone told "the recording is available"."""
    sent = _digests_of(webinar, Notice.Kind.FEEDBACK_SURVEY, Notice.Kind.RECORDING_AVAILABLE)
    queued = 0
    for email, language, source in people:
        digest = respondent_digest(email)
        if digest in sent:
            continue
        sent.add(digest)
        _queue_survey(webinar=webinar, email=email, language=language, source=source)
        queued += 1
    return queued


def _send_reminders(webinar: Webinar, *, now: datetime) -> int:
    """One reminder, PORTAL_SURVEY_REMINDER_DAYS after the survey, to each person who has not answered.

    The surveys are read from the outbox, so the people the Secretariat added by hand are
    reminded too; the reminder carries a fresh link (the first may be about to expire).
    """
    sent_before = now - timedelta(days=settings.PORTAL_SURVEY_REMINDER_DAYS)
    surveys = _notices_about(webinar, Notice.Kind.FEEDBACK_SURVEY).filter(created_at__lte=sent_before)
    answered = survey_selectors.answered_respondents(webinar)
    reminded = _digests_of(webinar, Notice.Kind.SURVEY_REMINDER)
    queued = 0
    rows = surveys.order_by("created_at", "pk").values_list("key", "to", "language", "context")
    for key, email, language, context in rows:
        digest = key.rsplit(":", 1)[1]
        if digest in answered or digest in reminded:
            continue
        reminded.add(digest)
        is_expert = bool((context or {}).get("is_expert"))
        source = Feedback.Source.EXPERT if is_expert else Feedback.Source.PARTICIPANT
        queue_notice(
            kind=Notice.Kind.SURVEY_REMINDER,
            to=email,
            language=language,
            key=reminder_key(webinar, email),
            context=_survey_context(webinar=webinar, email=email, language=language, source=source),
            about=webinar,
        )
        queued += 1
    return queued


def _tell_recording_available(webinar: Webinar) -> int:
    """ "The recording is available" once to each registrant who did not attend, once a recording
    is published; never to someone who was sent the survey."""
    recordings = survey_selectors.published_recordings(webinar)
    if not recordings:
        return 0
    told = _digests_of(webinar, Notice.Kind.RECORDING_AVAILABLE, Notice.Kind.FEEDBACK_SURVEY)
    queued = 0
    for email, language in survey_selectors.absent_registrants(webinar):
        digest = respondent_digest(email)
        if digest in told:
            continue
        told.add(digest)
        with translation.override(language):
            page = reverse("webinars:webinar_detail", kwargs={"slug": webinar.slug})
            context = {
                "title": str(webinar.title),
                "held_on": _held_on(webinar),
                "page_url": absolute_url(f"{page}#materials"),
                "recordings": [
                    {"title": str(item.title), "language": str(item.language.name) if item.language else ""}
                    for item in recordings
                ],
            }
        queue_notice(
            kind=Notice.Kind.RECORDING_AVAILABLE,
            to=email,
            language=language,
            key=recording_key(webinar, email),
            context=context,
            about=webinar,
        )
        queued += 1
    return queued


def recording_published(*, webinar: Webinar, now: datetime | None = None) -> int:
    """A recording of the webinar was just published (``followup.publish_material``, in its
    transaction, the webinar locked): tell the registrants who did not attend, if the survey's
    time has come (who attended is known); else the survey's run will tell them."""
    now = now or timezone.now()
    if not survey_selectors.participants_are_known(webinar, now=now):
        return 0
    return _tell_recording_available(webinar)


# Answering ----------------------------------------------------------------------------


@transaction.atomic
def submit_feedback(*, invitation: SurveyInvitation, answers: dict, actor=None) -> Feedback:
    """Store one person's answer; a second answer from the same link or address changes nothing."""
    if invitation.has_answered():
        raise AlreadyAnswered()
    values = {field: answers.get(field) for field in ANSWER_FIELDS}
    for field in ("useful", "to_improve", "topic_suggestion"):
        values[field] = (values[field] or "").strip()
    if invitation.source == Feedback.Source.EXPERT:
        values["expert_rating"] = None  # experts do not rate themselves
        values["relevance_rating"] = None  # nor how relevant their own talk was to the audience
    feedback = Feedback(
        webinar=invitation.webinar,
        source=invitation.source,
        expert=invitation.expert,
        respondent=invitation.respondent,
        **values,
    )
    feedback.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError as error:  # the same person answering twice at the same moment
        raise AlreadyAnswered() from error
    return feedback


# Moderating suggested topics ------------------------------------------------------------

MODERATE_PERMISSION = "webinars.change_feedback"
PUBLISH, HIDE = "publish", "hide"
REVIEW_DECISIONS = {PUBLISH: SuggestionReview.PUBLISHED, HIDE: SuggestionReview.HIDDEN}


@transaction.atomic
def review_suggestion(*, feedback: Feedback, decision: str, actor) -> Feedback:
    """Publish a suggested topic on the webinar's public page, or keep it off.

    Participants write freely, so a suggestion may name a person or an office: it shows on
    the public page only once someone of the Secretariat has read it. A hidden one can be
    published later, and the other way round; the answer's other comments are never public.
    """
    require_permission(actor, MODERATE_PERMISSION)
    if decision not in REVIEW_DECISIONS:
        raise ValidationError(_("Choose whether to publish the suggested topic or not."), code="decision")
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if not feedback.topic_suggestion.strip():
        raise ValidationError(_("This answer suggests no topic."), code="no_suggestion")
    review = REVIEW_DECISIONS[decision]
    if feedback.suggestion_review != review:
        feedback.suggestion_review = review
        feedback.save(update_fields=["suggestion_review"])
    return feedback
